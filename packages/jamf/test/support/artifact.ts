import { createHash, randomBytes } from "node:crypto"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import {
  type AssignmentIntentInput,
  decodeAssignmentIntent,
  decodePackageIntent,
  intentKey,
  type PackageIntent
} from "@planes/core"
import { Effect } from "effect"

const context = { operation: "test", correlationId: "test" }

/** A macOS package intent over a freshly written local file. */
export const makeArtifact = async (name: string, version: string, size = 2048) => {
  const dir = await mkdtemp(join(tmpdir(), "planes-jamf-"))
  const fileName = `${name.replace(/\s+/g, "")}-${version}.pkg`
  const path = join(dir, fileName)
  const bytes = randomBytes(size)
  await writeFile(path, bytes)
  const intent: PackageIntent = Effect.runSync(
    decodePackageIntent(
      {
        name,
        version,
        publisher: "Planes Test",
        platform: "macos",
        artifact: {
          location: pathToFileURL(path).href,
          sha256: createHash("sha256").update(bytes).digest("hex"),
          size,
          fileName
        },
        installCommand: `installer -pkg ${fileName} -target /`,
        uninstallCommand: `rm -rf "/Applications/${name}.app"`,
        detection: [{ _tag: "file", path: "/Applications", name: `${name}.app`, check: "exists" }]
      },
      context
    )
  )
  return { intent, path, bytes, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/** An assignment of a published package. */
export const assignmentOf = (
  pkg: PackageIntent,
  target: AssignmentIntentInput["target"],
  intent: AssignmentIntentInput["intent"] = "required",
  extra: Partial<AssignmentIntentInput> = {}
) =>
  Effect.runSync(
    decodeAssignmentIntent(
      { package: { key: intentKey(pkg), name: pkg.name, version: pkg.version }, target, intent, ...extra },
      context
    )
  )

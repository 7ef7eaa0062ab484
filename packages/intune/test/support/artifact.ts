import { createHash, randomBytes } from "node:crypto"
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import {
  type AssignmentIntentInput,
  decodeAssignmentIntent,
  decodePackageIntent,
  type PackageIntentInput
} from "@planes/core"
import { packIntuneWin } from "@planes/intunewin"
import { Effect } from "effect"

/** A packed .intunewin of a random installer, and the package intent that names it. */
export const packArtifact = async (name = "Contoso Tool", version = "1.0.0", bytes = 10_000) => {
  const folder = await mkdtemp(join(tmpdir(), "planes-intune-src-"))
  await writeFile(join(folder, "setup.exe"), randomBytes(bytes))
  const packed = await Effect.runPromise(
    packIntuneWin({
      sourceFolder: folder,
      setupFile: "setup.exe",
      outputFile: join(folder, "out", "setup.intunewin")
    })
  )
  const content = await readFile(packed.outputFile)
  const input: PackageIntentInput = {
    name,
    version,
    publisher: "Contoso",
    platform: "windows",
    architecture: "x64",
    artifact: {
      location: pathToFileURL(packed.outputFile).toString(),
      sha256: createHash("sha256").update(content).digest("hex"),
      size: (await stat(packed.outputFile)).size,
      fileName: "setup.intunewin"
    },
    installCommand: "setup.exe /S",
    uninstallCommand: "setup.exe /uninstall /S",
    detection: [{ _tag: "file", path: "C:\\Program Files\\Contoso", name: "tool.exe", check: "exists" }]
  }
  const intent = Effect.runSync(decodePackageIntent(input, { operation: "test", correlationId: "test" }))
  return { intent, input, packed, cleanup: () => rm(folder, { recursive: true, force: true }) }
}

/** An assignment intent for a published package. */
export const assignmentFor = (
  pkg: { readonly key: string; readonly name: string; readonly version: string },
  groupId: string,
  intent: "required" | "available" | "uninstall" = "required",
  extra: Partial<AssignmentIntentInput> = {}
) =>
  Effect.runSync(
    decodeAssignmentIntent(
      { package: pkg, target: { _tag: "group", id: groupId }, intent, ...extra },
      { operation: "test", correlationId: "test" }
    )
  )

import { createHash, randomBytes } from "node:crypto"
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import {
  type AssignmentIntent,
  decodeAssignmentIntent,
  decodePackageIntent,
  intentKey,
  type PackageIntent
} from "@planes/core"
import { packIntuneWin } from "@planes/intunewin"
import { Effect } from "effect"

/** A batch of package intents sharing one small packed .intunewin, and a way to remove it. */
export interface IntentBatch {
  readonly packages: ReadonlyArray<PackageIntent>
  /** The assignment of each package to the bench group (same order as `packages`). */
  readonly assignments: ReadonlyArray<AssignmentIntent>
  readonly artifactPath: string
  readonly cleanup: () => Promise<void>
}

const context = { operation: "bench", correlationId: "bench" }

/**
 * Packs one small installer (`bytes` of random data) and derives `count` distinct intents from it (names
 * differ, so keys differ): the batch a throttled publish run sends.
 */
export const makeIntentBatch = async (count: number, groupId: string, bytes = 4096): Promise<IntentBatch> => {
  const folder = await mkdtemp(join(tmpdir(), "planes-bench-"))
  await writeFile(join(folder, "setup.exe"), randomBytes(bytes))
  const packed = await Effect.runPromise(
    packIntuneWin({
      sourceFolder: folder,
      setupFile: "setup.exe",
      outputFile: join(folder, "setup.intunewin")
    })
  )
  const content = await readFile(packed.outputFile)
  const artifact = {
    location: pathToFileURL(packed.outputFile).toString(),
    sha256: createHash("sha256").update(content).digest("hex"),
    size: content.length,
    fileName: "setup.intunewin"
  }
  const packages = Array.from({ length: count }, (_, index) =>
    Effect.runSync(
      decodePackageIntent(
        {
          name: `Bench Tool ${String(index).padStart(4, "0")}`,
          version: "1.0.0",
          publisher: "Contoso",
          platform: "windows",
          architecture: "x64",
          artifact,
          installCommand: "setup.exe /S",
          uninstallCommand: "setup.exe /uninstall /S",
          detection: [{ _tag: "file", path: "C:\\Program Files\\Bench", name: "tool.exe", check: "exists" }]
        },
        context
      )
    )
  )
  const assignments = packages.map((intent) =>
    Effect.runSync(
      decodeAssignmentIntent(
        {
          package: { key: intentKey(intent), name: intent.name, version: intent.version },
          target: { _tag: "group", id: groupId },
          intent: "required"
        },
        context
      )
    )
  )
  return {
    packages,
    assignments,
    artifactPath: packed.outputFile,
    cleanup: () => rm(folder, { recursive: true, force: true })
  }
}

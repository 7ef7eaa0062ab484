import { createHash } from "node:crypto"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { artifactPath } from "@planes/core"
import { Effect } from "effect"
import { openArtifact } from "../../src/artifact/localArtifact.js"
import { packArtifact } from "../support/artifact.js"

let packed: Awaited<ReturnType<typeof packArtifact>>
let folder: string

beforeAll(async () => {
  packed = await packArtifact("Artifact", "1.0", 2000)
  folder = await mkdtemp(join(tmpdir(), "planes-artifact-"))
})
afterAll(async () => {
  await packed.cleanup()
  await rm(folder, { recursive: true, force: true })
})

describe("the artifact", () => {
  it.effect("opens a .intunewin whose size and digest match the intent", () =>
    Effect.gen(function* () {
      const pkg = yield* openArtifact(packed.intent.artifact)
      expect(pkg.detection.setupFile).toBe("setup.exe")
      expect(pkg.encryptedSize).toBe(packed.packed.encryptedSize)
    })
  )

  it.effect("refuses a different file: size or digest", () =>
    Effect.gen(function* () {
      const size = yield* Effect.flip(openArtifact({ ...packed.intent.artifact, size: 1 }))
      expect(size).toMatchObject({ _tag: "PermanentError", code: "ArtifactMismatch" })
      const digest = yield* Effect.flip(openArtifact({ ...packed.intent.artifact, sha256: "0".repeat(64) }))
      expect(digest).toMatchObject({ _tag: "PermanentError", code: "ArtifactMismatch" })
    })
  )

  it.effect("refuses downloads, missing files and files that are not .intunewin", () =>
    Effect.gen(function* () {
      const https = yield* Effect.flip(
        artifactPath("intune", "https://cdn.example.test/a.intunewin?sig=secret")
      )
      expect(https).toMatchObject({ code: "UnsupportedArtifactLocation" })
      expect(https.message).not.toContain("sig=secret")
      const bad = yield* Effect.flip(artifactPath("intune", "file://remote-host/share/a.intunewin"))
      expect(bad).toMatchObject({ code: "InvalidArtifactLocation" })
      const missing = yield* Effect.flip(
        openArtifact({
          ...packed.intent.artifact,
          location: pathToFileURL(join(folder, "none.intunewin")).toString()
        })
      )
      expect(missing).toMatchObject({ code: "ArtifactNotFound" })
      const junk = Buffer.from("not a zip at all")
      const path = join(folder, "junk.intunewin")
      yield* Effect.promise(() => writeFile(path, junk))
      const notZip = yield* Effect.flip(
        openArtifact({
          location: pathToFileURL(path).toString(),
          size: junk.length,
          sha256: createHash("sha256").update(junk).digest("hex"),
          fileName: "junk.intunewin"
        })
      )
      expect(notZip).toMatchObject({ _tag: "PermanentError", code: "InvalidIntuneWin" })
    })
  )
})

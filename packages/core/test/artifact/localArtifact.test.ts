import { createHash } from "node:crypto"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { artifactPath, verifyLocalArtifact } from "../../src/index.js"

const dir = mkdtempSync(join(tmpdir(), "planes-artifact-"))
const content = Buffer.from("installer bytes")
const file = join(dir, "app.pkg")
writeFileSync(file, content)
const sha256 = createHash("sha256").update(content).digest("hex")
const artifact = { location: pathToFileURL(file).href, sha256, size: content.length, fileName: "app.pkg" }

describe("local artifacts", () => {
  it.effect("gives the path of the file the intent names", () =>
    Effect.gen(function* () {
      expect(yield* verifyLocalArtifact("jamf", artifact)).toBe(file)
    })
  )

  it.effect("refuses a file of another size or digest", () =>
    Effect.gen(function* () {
      const size = yield* Effect.flip(verifyLocalArtifact("jamf", { ...artifact, size: 3 }))
      expect(size).toMatchObject({ plane: "jamf", code: "ArtifactMismatch" })
      expect(size.message).toContain("is 15 bytes, but the intent says 3")
      const digest = yield* Effect.flip(
        verifyLocalArtifact("intune", { ...artifact, sha256: "0".repeat(64) })
      )
      expect(digest).toMatchObject({ plane: "intune", code: "ArtifactMismatch" })
      expect(digest.message).toContain(`has SHA-256 ${sha256}`)
    })
  )

  it.effect("refuses a missing file, a remote location and a malformed file URL", () =>
    Effect.gen(function* () {
      const missing = yield* Effect.flip(
        verifyLocalArtifact("jamf", { ...artifact, location: pathToFileURL(join(dir, "nope")).href })
      )
      expect(missing.code).toBe("ArtifactNotFound")
      const remote = yield* Effect.flip(artifactPath("intune", "https://cdn.example.com/app.pkg?sig=secret"))
      expect(remote.code).toBe("UnsupportedArtifactLocation")
      expect(remote.message).not.toContain("secret")
      const malformed = yield* Effect.flip(artifactPath("intune", "file://remote-host/share/app.pkg"))
      expect(malformed.code).toBe("InvalidArtifactLocation")
    })
  )
})

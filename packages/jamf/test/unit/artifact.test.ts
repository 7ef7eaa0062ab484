import { createHash } from "node:crypto"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { type LocalArtifact, readArtifact } from "../../src/artifact/localArtifact.js"
import { checkHash } from "../../src/publish/verifyHash.js"
import { makeArtifact } from "../support/artifact.js"

const code = <A, E extends { readonly code?: string | undefined }>(effect: Effect.Effect<A, E>) =>
  Effect.map(Effect.flip(effect), (e) => e.code)

describe("the local artifact", () => {
  it.effect("is read and checked against the intent's size and SHA-256", () =>
    Effect.gen(function* () {
      const made = yield* Effect.promise(() => makeArtifact("Checked", "1.0", 64))
      const read = yield* readArtifact(made.intent.artifact)
      expect(read.digests.SHA3_512).toBe(createHash("sha3-512").update(made.bytes).digest("hex"))
      const { artifact } = made.intent
      expect(yield* code(readArtifact({ ...artifact, size: 65 }))).toBe("ArtifactMismatch")
      expect(yield* code(readArtifact({ ...artifact, sha256: "0".repeat(64) }))).toBe("ArtifactMismatch")
      expect(yield* code(readArtifact({ ...artifact, location: `${artifact.location}.missing` }))).toBe(
        "ArtifactNotFound"
      )
      expect(yield* code(readArtifact({ ...artifact, location: "file://remote-host/share/a.pkg" }))).toBe(
        "InvalidArtifactLocation"
      )
      expect(yield* code(readArtifact({ ...artifact, location: "s3://bucket/a.pkg" }))).toBe(
        "UnsupportedArtifactLocation"
      )
      yield* Effect.promise(() => made.cleanup())
    })
  )
})

describe("the hash check", () => {
  const local: LocalArtifact = {
    path: "/tmp/a.pkg",
    fileName: "a.pkg",
    bytes: new Uint8Array(),
    digests: { SHA3_512: "abc", MD5: "d41d" }
  }
  const pkg = (hashType: string, hashValue: string) => ({
    id: "1",
    packageName: "A 1",
    fileName: "a.pkg",
    hashType,
    hashValue
  })

  it.effect("verifies what Jamf reports, in any case, and fails a mismatch", () =>
    Effect.gen(function* () {
      expect(yield* checkHash(pkg("SHA3_512", "ABC"), local)).toMatchObject({
        verified: true,
        hashType: "SHA3_512"
      })
      expect(yield* checkHash(pkg("MD5", "d41d"), local)).toMatchObject({ verified: true })
      expect(yield* code(checkHash(pkg("SHA3_512", "def"), local))).toBe("HashMismatch")
    })
  )

  it.effect("reports a hash type it cannot compute as unverified", () =>
    Effect.gen(function* () {
      const check = yield* checkHash(pkg("CRC32", "1234"), local)
      expect(check).toMatchObject({ verified: false })
      expect(check.detail).toContain("CRC32")
    })
  )
})

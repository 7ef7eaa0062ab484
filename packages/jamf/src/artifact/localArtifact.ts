import { createHash } from "node:crypto"
import { readFile } from "node:fs/promises"
import { type Artifact, type PlaneError, verifyLocalArtifact } from "@planes/core"
import { Effect } from "effect"
import { permanent } from "../errors.js"

const operation = "read artifact"

/** The installer file, read and checked against the intent, with the digests Jamf may report. */
export interface LocalArtifact {
  readonly path: string
  readonly fileName: string
  readonly bytes: Uint8Array<ArrayBuffer>
  /** Lower-case hex digests by Jamf's `hashType` name. */
  readonly digests: Readonly<Record<string, string>>
}

/** Jamf's `hashType` names and the Node digest that computes each. */
export const jamfHashTypes: Readonly<Record<string, string>> = {
  SHA3_512: "sha3-512",
  SHA_512: "sha512",
  SHA_256: "sha256",
  MD5: "md5"
}

/**
 * Reads the intent's installer once core has checked it is the file the intent names (size and SHA-256),
 * before anything is created in Jamf; also computes the digests Jamf reports after upload (SHA3-512 on
 * Jamf Cloud), so the upload can be verified end to end.
 */
export const readArtifact = (artifact: Artifact): Effect.Effect<LocalArtifact, PlaneError> =>
  Effect.gen(function* () {
    const path = yield* verifyLocalArtifact("jamf", artifact)
    const bytes = yield* Effect.tryPromise(() => readFile(path)).pipe(
      Effect.catchAll(() => permanent(operation, "ArtifactNotFound", `The artifact ${path} cannot be read.`))
    )
    const digests = Object.fromEntries(
      Object.entries(jamfHashTypes).map(([type, algorithm]) => [
        type,
        createHash(algorithm).update(bytes).digest("hex")
      ])
    )
    // These bytes are what gets uploaded: a file replaced after core's check must not slip through.
    if (digests.SHA_256 !== artifact.sha256) {
      return yield* permanent(
        operation,
        "ArtifactMismatch",
        `The artifact ${path} changed while it was being read; it is no longer the file the intent names.`
      )
    }
    return { path, fileName: artifact.fileName, bytes: new Uint8Array(bytes), digests }
  })

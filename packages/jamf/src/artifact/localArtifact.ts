import { createHash } from "node:crypto"
import { readFile } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import type { Artifact, PlaneError } from "@planes/core"
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

/** The local path of a `file://` artifact; other schemes are refused (downloads are not supported yet). */
export const artifactPath = (location: string): Effect.Effect<string, PlaneError> => {
  if (!location.startsWith("file://")) {
    return permanent(
      operation,
      "UnsupportedArtifactLocation",
      `The artifact ${location.split("?")[0]} is not a file:// URL; the Jamf connector uploads files from local paths only for now. Download it first and pass its file:// URL.`
    )
  }
  return Effect.try({ try: () => fileURLToPath(location), catch: () => undefined }).pipe(
    Effect.catchAll(() =>
      permanent(operation, "InvalidArtifactLocation", `The artifact URL ${location} is not a valid file URL.`)
    )
  )
}

/**
 * Reads the intent's installer and checks it is the file the intent names (size and SHA-256), before
 * anything is created in Jamf; also computes the digests Jamf reports after upload (SHA3-512 on Jamf Cloud),
 * so the upload can be verified end to end.
 */
export const readArtifact = (artifact: Artifact): Effect.Effect<LocalArtifact, PlaneError> =>
  Effect.gen(function* () {
    const path = yield* artifactPath(artifact.location)
    const bytes = yield* Effect.tryPromise(() => readFile(path)).pipe(
      Effect.catchAll(() =>
        permanent(operation, "ArtifactNotFound", `The artifact ${path} does not exist or cannot be read.`)
      )
    )
    if (bytes.byteLength !== artifact.size) {
      return yield* permanent(
        operation,
        "ArtifactMismatch",
        `The artifact ${path} is ${bytes.byteLength} bytes, but the intent says ${artifact.size}; it is not the file the intent names.`
      )
    }
    const digests = Object.fromEntries(
      Object.entries(jamfHashTypes).map(([type, algorithm]) => [
        type,
        createHash(algorithm).update(bytes).digest("hex")
      ])
    )
    if (digests.SHA_256 !== artifact.sha256) {
      return yield* permanent(
        operation,
        "ArtifactMismatch",
        `The artifact ${path} has SHA-256 ${digests.SHA_256}, but the intent says ${artifact.sha256}; it is not the file the intent names.`
      )
    }
    return { path, fileName: artifact.fileName, bytes: new Uint8Array(bytes), digests }
  })

import { createHash } from "node:crypto"
import { createReadStream } from "node:fs"
import { stat } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import type { Artifact, PlaneError } from "@planes/core"
import { type IntuneWinPackage, readIntuneWin } from "@planes/intunewin"
import { Effect } from "effect"
import { permanent } from "../errors.js"

const operation = "read artifact"

/** The local path of a `file://` artifact; other schemes are refused (downloads are not supported yet). */
export const artifactPath = (location: string): Effect.Effect<string, PlaneError> => {
  if (!location.startsWith("file://")) {
    return permanent(
      operation,
      "UnsupportedArtifactLocation",
      `The artifact ${location.split("?")[0]} is not a file:// URL; the Intune connector reads .intunewin files from local paths only for now. Download it first and pass its file:// URL.`
    )
  }
  return Effect.try({
    try: () => fileURLToPath(location),
    catch: () => undefined
  }).pipe(
    Effect.catchAll(() =>
      permanent(operation, "InvalidArtifactLocation", `The artifact URL ${location} is not a valid file URL.`)
    )
  )
}

const digestOf = (path: string) =>
  Effect.tryPromise(
    () =>
      new Promise<{ readonly sha256: string; readonly size: number }>((resolve, reject) => {
        const hash = createHash("sha256")
        let size = 0
        createReadStream(path)
          .on("data", (chunk) => {
            hash.update(chunk)
            size += chunk.length
          })
          .on("error", reject)
          .on("end", () => resolve({ sha256: hash.digest("hex"), size }))
      })
  )

/**
 * Opens the intent's `.intunewin` after checking it is the file the intent names: its size and SHA-256
 * must match, so a replaced or truncated artifact is refused before anything is created or uploaded.
 */
export const openArtifact = (artifact: Artifact): Effect.Effect<IntuneWinPackage, PlaneError> =>
  Effect.gen(function* () {
    const path = yield* artifactPath(artifact.location)
    const info = yield* Effect.tryPromise(() => stat(path)).pipe(
      Effect.catchAll(() =>
        permanent(operation, "ArtifactNotFound", `The artifact ${path} does not exist or cannot be read.`)
      )
    )
    if (info.size !== artifact.size) {
      return yield* permanent(
        operation,
        "ArtifactMismatch",
        `The artifact ${path} is ${info.size} bytes, but the intent says ${artifact.size}; it is not the file the intent names.`
      )
    }
    const actual = yield* digestOf(path).pipe(
      Effect.catchAll(() => permanent(operation, "ArtifactNotFound", `The artifact ${path} cannot be read.`))
    )
    if (actual.sha256 !== artifact.sha256) {
      return yield* permanent(
        operation,
        "ArtifactMismatch",
        `The artifact ${path} has SHA-256 ${actual.sha256}, but the intent says ${artifact.sha256}; it is not the file the intent names.`
      )
    }
    return yield* readIntuneWin(path).pipe(
      Effect.catchAll((error) =>
        permanent(operation, "InvalidIntuneWin", `The artifact is not a usable .intunewin: ${error.message}`)
      )
    )
  })

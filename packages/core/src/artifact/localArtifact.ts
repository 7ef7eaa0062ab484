import { createHash } from "node:crypto"
import { createReadStream } from "node:fs"
import { stat } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import * as Correlation from "../correlation/Correlation.js"
import type { Artifact } from "../domain/PackageIntent.js"
import type { PlaneId } from "../domain/PlaneId.js"
import { PermanentError } from "../errors/PlaneError.js"

const operation = "read artifact"

const refuse = (plane: PlaneId, code: string, message: string): Effect.Effect<never, PermanentError> =>
  Effect.flatMap(Correlation.current, (correlationId) =>
    Effect.fail(new PermanentError({ plane, operation, correlationId, code, message }))
  )

/** The local path of a `file://` artifact; other schemes are refused (downloads are not supported yet). */
export const artifactPath = (plane: PlaneId, location: string): Effect.Effect<string, PermanentError> => {
  if (!location.startsWith("file://")) {
    return refuse(
      plane,
      "UnsupportedArtifactLocation",
      `The artifact ${location.split("?")[0]} is not a file:// URL; the ${plane} connector reads artifacts from local paths only for now. Download it first and pass its file:// URL.`
    )
  }
  return Effect.try({ try: () => fileURLToPath(location), catch: () => undefined }).pipe(
    Effect.catchAll(() =>
      refuse(plane, "InvalidArtifactLocation", `The artifact URL ${location} is not a valid file URL.`)
    )
  )
}

// Streams the file once, so a large installer is never held in memory just to be hashed.
const digestOf = (path: string) =>
  Effect.tryPromise(
    () =>
      new Promise<string>((resolve, reject) => {
        const hash = createHash("sha256")
        createReadStream(path)
          .on("data", (chunk) => hash.update(chunk))
          .on("error", reject)
          .on("end", () => resolve(hash.digest("hex")))
      })
  )

/**
 * The local path of the intent's `file://` artifact, after checking it is the file the intent names: its
 * size and SHA-256 must match, so a replaced or truncated artifact is refused (`ArtifactMismatch`)
 * before anything is created in the plane.
 */
export const verifyLocalArtifact = (
  plane: PlaneId,
  artifact: Artifact
): Effect.Effect<string, PermanentError> =>
  Effect.gen(function* () {
    const path = yield* artifactPath(plane, artifact.location)
    const info = yield* Effect.tryPromise(() => stat(path)).pipe(
      Effect.catchAll(() =>
        refuse(plane, "ArtifactNotFound", `The artifact ${path} does not exist or cannot be read.`)
      )
    )
    if (info.size !== artifact.size) {
      return yield* refuse(
        plane,
        "ArtifactMismatch",
        `The artifact ${path} is ${info.size} bytes, but the intent says ${artifact.size}; it is not the file the intent names.`
      )
    }
    const sha256 = yield* digestOf(path).pipe(
      Effect.catchAll(() => refuse(plane, "ArtifactNotFound", `The artifact ${path} cannot be read.`))
    )
    if (sha256 !== artifact.sha256) {
      return yield* refuse(
        plane,
        "ArtifactMismatch",
        `The artifact ${path} has SHA-256 ${sha256}, but the intent says ${artifact.sha256}; it is not the file the intent names.`
      )
    }
    return path
  })

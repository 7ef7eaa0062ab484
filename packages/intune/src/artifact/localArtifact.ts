import { type Artifact, type PlaneError, verifyLocalArtifact } from "@planes/core"
import { type IntuneWinPackage, readIntuneWin } from "@planes/intunewin"
import { Effect } from "effect"
import { permanent } from "../errors.js"

/**
 * Opens the intent's `.intunewin` once core has checked it is the file the intent names (size and
 * SHA-256), so a replaced or truncated artifact is refused before anything is created or uploaded.
 */
export const openArtifact = (artifact: Artifact): Effect.Effect<IntuneWinPackage, PlaneError> =>
  Effect.flatMap(verifyLocalArtifact("intune", artifact), (path) =>
    readIntuneWin(path).pipe(
      Effect.catchAll((error) =>
        permanent(
          "read artifact",
          "InvalidIntuneWin",
          `The artifact is not a usable .intunewin: ${error.message}`
        )
      )
    )
  )

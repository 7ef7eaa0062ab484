import { Effect, Stream } from "effect"
import { type ContentVerification, createContentVerifier } from "./contentVerifier.js"
import { type IntuneWinPackage, type ReadIntuneWinError, readIntuneWin } from "./readIntuneWin.js"

/** Checks an opened package's payload against its Detection.xml: MAC, digest and both sizes, in one pass. */
export const verifyIntuneWinPackage = (
  intuneWin: IntuneWinPackage
): Effect.Effect<ContentVerification, ReadIntuneWinError> =>
  Effect.suspend(() => {
    const verifier = createContentVerifier(intuneWin.detection.encryptionInfo, {
      expectedEncryptedSize: intuneWin.encryptedSize,
      expectedPlainSize: intuneWin.detection.unencryptedContentSize
    })
    return Stream.runForEach(intuneWin.openEncryptedContent(), (chunk) =>
      Effect.sync(() => verifier.update(chunk))
    ).pipe(Effect.map(() => verifier.finish()))
  })

/** Opens a `.intunewin` and verifies it; a bad payload is a verdict, an unreadable file an error. */
export const verifyIntuneWin = (path: string): Effect.Effect<ContentVerification, ReadIntuneWinError> =>
  Effect.flatMap(readIntuneWin(path), verifyIntuneWinPackage)

// The .intunewin content format: pack on any OS, read and verify for publishing and for the Graph simulator.
export {
  contentsEntryName,
  DefaultToolVersion,
  DetectionXmlEntryName,
  EncryptedPackageFileName,
  ProfileVersion1
} from "./constants.js"
export {
  type ContentEncryptor,
  type ContentKeys,
  createContentEncryptor,
  drawContentKeys,
  type EncryptionResult
} from "./contentEncryptor.js"
export {
  type ContentVerification,
  type ContentVerifier,
  createContentVerifier,
  type VerifyOptions,
  verifyEncryptedContent
} from "./contentVerifier.js"
export { DetectionInfo } from "./detectionInfo.js"
export { parseDetectionXml } from "./detectionXmlParser.js"
export { writeDetectionXml } from "./detectionXmlWriter.js"
export { EncryptionInfo } from "./encryptionInfo.js"
export {
  type IntuneWinError,
  IntuneWinFormatError,
  IntuneWinIoError,
  IntuneWinSourceError
} from "./errors.js"
export {
  ContentFileCommitBody,
  FileEncryptionInfo,
  FileEncryptionInfoODataType,
  toContentFileCommitBody,
  toFileEncryptionInfo
} from "./fileEncryptionInfo.js"
export {
  type PackedIntuneWin,
  type PackIntuneWinError,
  type PackIntuneWinOptions,
  packIntuneWin
} from "./packIntuneWin.js"
export { type RandomSource, secureRandom } from "./randomSource.js"
export {
  type ByteRange,
  type IntuneWinPackage,
  type ReadIntuneWinError,
  readIntuneWin
} from "./readIntuneWin.js"
export { verifyIntuneWin, verifyIntuneWinPackage } from "./verifyIntuneWin.js"

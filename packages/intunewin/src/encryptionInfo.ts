import { Schema } from "effect"
import { Base64Bytes } from "./base64.js"
import { DigestLength, IvLength, KeyLength, MacLength } from "./constants.js"

/** Detection.xml's EncryptionInfo (and Graph's fileEncryptionInfo) with every binary value in base64. */
export const EncryptionInfo = Schema.Struct({
  encryptionKey: Base64Bytes(KeyLength),
  macKey: Base64Bytes(KeyLength),
  initializationVector: Base64Bytes(IvLength),
  mac: Base64Bytes(MacLength),
  profileIdentifier: Schema.NonEmptyString,
  fileDigest: Base64Bytes(DigestLength),
  fileDigestAlgorithm: Schema.NonEmptyString
})

/** The keys, IV, MAC and digest of one encrypted payload, base64 encoded. */
export type EncryptionInfo = typeof EncryptionInfo.Type

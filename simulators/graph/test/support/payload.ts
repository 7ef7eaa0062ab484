import { createCipheriv, createHash, createHmac, randomBytes } from "node:crypto"

/** An encrypted `.intunewin` inner payload (`MAC || IV || AES-256-CBC`) and the matching fileEncryptionInfo. */
export const encryptPayload = (plain: Buffer = randomBytes(1000)) => {
  const encryptionKey = randomBytes(32)
  const macKey = randomBytes(32)
  const iv = randomBytes(16)
  const cipher = createCipheriv("aes-256-cbc", encryptionKey, iv)
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()])
  const mac = createHmac("sha256", macKey)
    .update(Buffer.concat([iv, ciphertext]))
    .digest()
  const bytes = Buffer.concat([mac, iv, ciphertext])
  return {
    bytes,
    plainSize: plain.length,
    info: {
      "@odata.type": "microsoft.graph.fileEncryptionInfo",
      encryptionKey: encryptionKey.toString("base64"),
      macKey: macKey.toString("base64"),
      initializationVector: iv.toString("base64"),
      mac: mac.toString("base64"),
      profileIdentifier: "ProfileVersion1",
      fileDigest: createHash("sha256").update(plain).digest("base64"),
      fileDigestAlgorithm: "SHA256"
    }
  }
}

import { generateKeyPairSync } from "node:crypto"
import forge from "node-forge"

/** A throwaway self-signed certificate and its PKCS#8 key, minted per test run (never a real credential). */
export const mintCertificate = (commonName = "planes-sim-graph-test") => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString())
  cert.serialNumber = "01"
  cert.validity.notBefore = new Date(Date.now() - 60_000)
  cert.validity.notAfter = new Date(Date.now() + 86_400_000)
  cert.setSubject([{ name: "commonName", value: commonName }])
  cert.setIssuer([{ name: "commonName", value: commonName }])
  cert.sign(
    forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString()),
    forge.md.sha256.create()
  )
  return {
    certificatePem: forge.pki.certificateToPem(cert),
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString()
  }
}

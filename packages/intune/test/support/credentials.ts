import { randomBytes } from "node:crypto"
import { mintCertificate } from "./certificate.js"

/** The simulator's default tenant (DEFAULT_GRAPH_TENANT), spelled out so unit tests need not load it. */
export const tenantId = "11111111-1111-4111-8111-111111111111"

/** The app registration the tests use; credentials minted per run. */
export const clientId = "8c2f3d1e-0000-4000-8000-00000000c0de"
export const clientSecret = `test-secret-${randomBytes(8).toString("hex")}`

/** A second registration that may only read apps (for 403s). */
export const readerClientId = "8c2f3d1e-0000-4000-8000-0000000read"
export const readerSecret = `reader-secret-${randomBytes(8).toString("hex")}`

let minted: ReturnType<typeof mintCertificate> | undefined

/** The test client's certificate and key, minted on first use (RSA key generation takes a moment). */
export const certificate = () => {
  minted ??= mintCertificate()
  return minted
}

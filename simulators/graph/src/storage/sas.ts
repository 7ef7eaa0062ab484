import { createHmac, timingSafeEqual } from "node:crypto"
import { STORAGE_PREFIX } from "../errors/formatter.js"

/** Service version written into upload URLs (as Intune's storage URLs carry). */
export const SAS_VERSION = "2019-02-02"

/** What an upload URL grants: one blob, until an instant. */
export interface SasGrant {
  readonly container: string
  readonly blob: string
  readonly expiresAtMs: number
}

/** The container holding a tenant's uploads (the tenant, so storage requests know their tenant). */
export const containerOf = (tenant: string): string => tenant

const stringToSign = (grant: SasGrant, expiry: string): string =>
  [
    "rcw",
    "",
    expiry,
    `/blob/simstorage/${grant.container}/${grant.blob}`,
    "",
    "",
    "https",
    SAS_VERSION,
    "b"
  ].join("\n")

const signature = (secret: string, grant: SasGrant, expiry: string): string =>
  createHmac("sha256", secret).update(stringToSign(grant, expiry)).digest("base64")

/** A SAS-style upload URL on the simulator's own blob endpoint, signed with the simulator's key. */
export const sasUrl = (origin: string, secret: string, grant: SasGrant): string => {
  const expiry = new Date(grant.expiresAtMs).toISOString().replace(/\.\d{3}Z$/, "Z")
  const query = new URLSearchParams({
    sv: SAS_VERSION,
    sr: "b",
    sp: "rcw",
    se: expiry,
    sig: signature(secret, grant, expiry)
  })
  return `${origin}${STORAGE_PREFIX}/${encodeURIComponent(grant.container)}/${encodeURIComponent(grant.blob)}?${query.toString()}`
}

/** Why a SAS check failed, as Azure's `AuthenticationErrorDetail` says it. */
export type SasCheck = { readonly ok: true } | { readonly ok: false; readonly detail: string }

/** Checks a request's SAS parameters: signature over the blob and expiry, then expiry against now. */
export const checkSas = (
  secret: string,
  container: string,
  blob: string,
  params: URLSearchParams,
  nowMs: number
): SasCheck => {
  const expiry = params.get("se")
  const sig = params.get("sig")
  if (expiry === null || sig === null || params.get("sp") !== "rcw" || params.get("sv") !== SAS_VERSION) {
    return { ok: false, detail: "Signature fields not well formed." }
  }
  const expiresAtMs = Date.parse(expiry)
  const expected = Buffer.from(signature(secret, { container, blob, expiresAtMs }, expiry))
  const given = Buffer.from(sig)
  if (Number.isNaN(expiresAtMs) || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, detail: "Signature did not match. String to sign used was rcw (simulated)." }
  }
  if (nowMs >= expiresAtMs) {
    return {
      ok: false,
      detail: `Signed expiry time [${new Date(expiresAtMs).toUTCString()}] must be after signed start time; Signature not valid in the specified time frame: Expiry [${new Date(expiresAtMs).toUTCString()}] - Current [${new Date(nowMs).toUTCString()}]`
    }
  }
  return { ok: true }
}

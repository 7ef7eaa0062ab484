import { Either, Schema } from "effect"
import type { ErrorProfile, FailedResponse, VendorDetail } from "../errors/classify.js"
import { VaultErrorBody } from "./VaultSchemas.js"

const decodeErrors = Schema.decodeUnknownEither(Schema.parseJson(VaultErrorBody))

/** Reads Vault's `{"errors":[...]}` body into a message; an empty list (a missing KV path) gives none. */
export const vaultDetail = (response: FailedResponse): VendorDetail => {
  const decoded = decodeErrors(response.body)
  if (Either.isLeft(decoded) || decoded.right.errors.length === 0) return {}
  return { message: decoded.right.errors.join("; ") }
}

/**
 * How Vault's answers map to plane errors. Status codes mean what HTTP says (403 policy, 404 permanent,
 * 503 sealed and other 5xx transient) with one exception: AppRole answers a refused role or secret id
 * with 400, which is a refusal of the credential, not a malformed request.
 */
export const vaultProfile: ErrorProfile = {
  plane: "vault",
  detail: vaultDetail,
  override: (response, detail) =>
    response.status === 400 && /invalid (role|secret)/i.test(detail.message ?? "") ? "policy" : undefined
}

import type { ErrorProfile, FailedResponse, VendorDetail } from "@planes/core"

// Entra's token endpoint answers in the OAuth shape, not Graph's:
// { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret ...\r\nTrace ID: ...",
//   error_codes: [7000215], timestamp, trace_id, correlation_id }.

/** OAuth error codes that mean the principal itself is refused: a credential or registration problem. */
const refusedPrincipal = new Set(["invalid_client", "unauthorized_client"])

/** Reads Entra's `{error, error_description}`: the OAuth code, and the first line of the description. */
export const entraErrorDetail = (response: FailedResponse): VendorDetail => {
  let parsed: unknown
  try {
    parsed = JSON.parse(response.body)
  } catch {
    return {}
  }
  if (typeof parsed !== "object" || parsed === null) return {}
  const record = parsed as Record<string, unknown>
  const code = typeof record.error === "string" ? record.error : undefined
  // The description goes on with Trace ID, Correlation ID and Timestamp lines: support detail, not advice.
  const description =
    typeof record.error_description === "string" ? record.error_description.split(/\r?\n/)[0] : undefined
  return { ...(code !== undefined && { code }), ...(description !== undefined && { message: description }) }
}

/**
 * Entra's departures from plain HTTP classification: a refused client (`invalid_client`,
 * `unauthorized_client`: wrong secret, unknown certificate, app not in the tenant) or an unknown tenant
 * (AADSTS90002) is a PolicyError even
 * when Entra answers 400, since no retry with the same configuration can succeed and a person must act.
 */
export const entraErrorProfile: ErrorProfile = {
  plane: "intune",
  detail: entraErrorDetail,
  override: (response, detail) =>
    (response.status === 400 || response.status === 401) &&
    ((detail.code !== undefined && refusedPrincipal.has(detail.code)) || unknownTenant(detail))
      ? "policy"
      : undefined
}

// AADSTS90002 (tenant not found) comes as a plain invalid_request, but it is the wrong-tenant refusal.
const unknownTenant = (detail: VendorDetail) =>
  detail.code === "invalid_request" && detail.message?.startsWith("AADSTS90002:") === true

import type { ErrorProfile, FailedResponse, VendorDetail } from "@planes/core"

/** The message AdminService answers (as a 404) when the caller lacks rights on the object or on WMI. */
export const accessDeniedPrefix = "Access denied"

/** Reads AdminService's OData error body `{"error":{"code","message"}}`; `code` is often the status. */
export const adminServiceErrorDetail = (response: FailedResponse): VendorDetail => {
  let parsed: unknown
  try {
    parsed = JSON.parse(response.body)
  } catch {
    return {}
  }
  if (typeof parsed !== "object" || parsed === null || !("error" in parsed)) return {}
  const error: unknown = parsed.error
  if (typeof error !== "object" || error === null) return {}
  const code = "code" in error && typeof error.code === "string" ? error.code : undefined
  const message = "message" in error && typeof error.message === "string" ? error.message : undefined
  return { ...(code !== undefined && { code }), ...(message !== undefined && { message }) }
}

/** Whether an answer is AdminService's "access denied", which it sends as a 404. */
export const isAccessDenied = (response: FailedResponse, detail: VendorDetail): boolean =>
  response.status === 404 && (detail.message ?? "").trimStart().startsWith(accessDeniedPrefix)

/**
 * AdminService's departures from HTTP: "access denied" (missing RBAC rights on the object, or missing
 * WMI/DCOM rights on the provider) arrives as 404 `Access denied  WMI QUERY:` and is a PolicyError, not
 * a missing object. Everything else keeps its default class: 500 from the provider is transient (creates
 * stay safe because each is a find-or-create), 400 and a plain 404 are permanent.
 */
export const adminServiceErrorProfile: ErrorProfile = {
  plane: "sccm",
  detail: adminServiceErrorDetail,
  override: (response, detail) => (isAccessDenied(response, detail) ? "policy" : undefined)
}

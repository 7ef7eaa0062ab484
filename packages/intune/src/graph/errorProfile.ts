import type { ErrorProfile, FailedResponse, VendorDetail } from "@planes/core"

interface GraphErrorBody {
  readonly error?: { readonly code?: unknown; readonly message?: unknown }
}

// Intune nests a JSON document inside error.message ({"_version":3,"Message":...,"CustomApiErrorPhrase":...});
// its phrase is more specific than Graph's outer code, its Message more useful than the raw string.
const intuneInner = (message: string): { readonly phrase?: string; readonly message?: string } => {
  if (!message.trimStart().startsWith("{")) return {}
  try {
    const inner: unknown = JSON.parse(message)
    if (typeof inner !== "object" || inner === null) return {}
    const record = inner as Record<string, unknown>
    const phrase = typeof record.CustomApiErrorPhrase === "string" ? record.CustomApiErrorPhrase : undefined
    const text = typeof record.Message === "string" ? record.Message.split(" - Operation ID")[0] : undefined
    return {
      ...(phrase !== undefined && phrase !== "" && { phrase }),
      ...(text !== undefined && { message: text })
    }
  } catch {
    return {}
  }
}

/** Reads Graph's `{error:{code,message,innerError}}` body, unwrapping Intune's nested message. */
export const graphErrorDetail = (response: FailedResponse): VendorDetail => {
  let body: GraphErrorBody
  try {
    body = JSON.parse(response.body) as GraphErrorBody
  } catch {
    return {}
  }
  if (typeof body !== "object" || body === null || typeof body.error !== "object" || body.error === null)
    return {}
  const code = typeof body.error.code === "string" ? body.error.code : undefined
  const raw = typeof body.error.message === "string" ? body.error.message : undefined
  const inner = raw === undefined ? {} : intuneInner(raw)
  const message = inner.message ?? raw
  return {
    code: inner.phrase !== undefined && code !== undefined ? `${code}/${inner.phrase}` : code,
    message
  }
}

/**
 * Graph's departures from plain HTTP classification. 500 and 502 are transient for Graph (Intune answers
 * 500 "UnknownError" under load); creates stay safe because a retried create looks its key up first.
 * 507 (insufficient storage on writes) will not clear by retrying soon.
 */
export const graphErrorProfile: ErrorProfile = {
  plane: "intune",
  detail: graphErrorDetail,
  override: (response) => (response.status === 507 ? "permanent" : undefined)
}

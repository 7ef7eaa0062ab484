import type { ErrorProfile, FailedResponse, PlaneError, VendorDetail } from "@planes/core"

const strings = (value: unknown): ReadonlyArray<string> =>
  typeof value === "string"
    ? [value]
    : Array.isArray(value)
      ? value.filter((v): v is string => typeof v === "string")
      : []

/**
 * Reads AWX's Django REST framework error bodies: `{"detail": "..."}` (401, 403, 404, 405), field errors
 * `{"<field>": ["..."], "__all__": ["..."]}` (400; launch and relaunch use string values), and the
 * empty `{}` of a project that cannot update. A duplicate name is coded `DuplicateName`, other field
 * errors `InvalidFields`, so callers key off a code rather than a sentence.
 */
export const awxErrorDetail = (response: FailedResponse): VendorDetail => {
  let body: unknown
  try {
    body = JSON.parse(response.body)
  } catch {
    return {}
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return {}
  const record = body as Record<string, unknown>
  if (typeof record.detail === "string") return { message: record.detail }
  const fields = Object.entries(record).flatMap(([field, value]) =>
    strings(value).map((message) => ({ field, message }))
  )
  if (fields.length === 0) return {}
  const duplicate = fields.some((f) => f.field === "__all__" && /already exists/.test(f.message))
  return {
    code: duplicate ? "DuplicateName" : "InvalidFields",
    message: fields.map((f) => (f.field === "__all__" ? f.message : `${f.field}: ${f.message}`)).join("; ")
  }
}

/**
 * AWX's classification: its statuses mean what HTTP says (401/403 policy; 400, 404, 405 permanent;
 * 500, 502, 503, 504 transient, since nginx and the gateway answer those during upgrades and pod
 * restarts). AWX sets no throttle itself; a 429 from a proxy in front is transient like any other.
 * Only the reading of the bodies is AWX's own.
 */
export const awxErrorProfile: ErrorProfile = {
  plane: "ansible",
  detail: awxErrorDetail
}

/** True for AWX's answer to a second object with the same (name, organization). */
export const isDuplicateName = (error: PlaneError): boolean =>
  error._tag === "PermanentError" && error.status === 400 && error.code === "DuplicateName"

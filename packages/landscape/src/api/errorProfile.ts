import type { ErrorClass, ErrorProfile, FailedResponse, VendorDetail } from "@planes/core"
import { Option, Schema } from "effect"

const ErrorItem = Schema.Struct({
  error: Schema.optional(Schema.String),
  message: Schema.optional(Schema.String)
})
const ErrorBody = Schema.Union(Schema.Struct({ errors: Schema.NonEmptyArray(ErrorItem) }), ErrorItem)
const decodeJson = Schema.decodeUnknownOption(Schema.parseJson())
const decodeBody = Schema.decodeUnknownOption(ErrorBody)

/** Landscape's error body, legacy and REST alike: `{error, message}`, or `{errors: [{error, message}]}`. */
export const landscapeDetail = (response: FailedResponse): VendorDetail => {
  const json = decodeJson(response.body)
  if (Option.isNone(json)) {
    // CancelActivities and ApproveActivities answer 400 with `id => message` lines (facts §4.4).
    const text = response.body.trim()
    return text === "" ? {} : { message: text }
  }
  return Option.match(decodeBody(json.value), {
    onNone: () => ({}),
    onSome: (body) => {
      const item = "errors" in body ? body.errors[0] : body
      return {
        ...(item.error !== undefined && { code: item.error }),
        ...(item.message !== undefined && { message: item.message })
      }
    }
  })
}

// Codes whose class is not what their HTTP status says (facts §6).
const transientCodes = new Set(["OperationInProgress"])
const policyCodes = new Set([
  "Unauthorised",
  "InsufficientLicenses",
  "UnknownAccessGroup",
  "AuthFailure",
  "SignatureDoesNotMatch",
  "InvalidCredentials"
])

/** The class Landscape's own code gives an answer, where it differs from the status's. */
export const landscapeOverride = (
  _response: FailedResponse,
  detail: VendorDetail
): ErrorClass | undefined => {
  if (detail.code === undefined) return undefined
  const code = detail.code.replace(/Error$/, "")
  if (transientCodes.has(code)) return "transient"
  if (policyCodes.has(code)) return "policy"
  return undefined
}

/**
 * How Landscape's answers are read and classified: `{error, message}` bodies; `OperationInProgress`
 * (another repository operation runs on the distribution) is transient; authentication and
 * authorisation codes are policy whatever the status; everything else follows HTTP (400 permanent,
 * 401/403 policy, 429/5xx transient).
 */
export const landscapeErrorProfile: ErrorProfile = {
  plane: "landscape",
  detail: landscapeDetail,
  override: landscapeOverride
}

/** Whether a plane error is Landscape's `Duplicate*` answer (resolved to the existing object). */
export const isDuplicate = (error: { readonly _tag: string; readonly code?: string | undefined }): boolean =>
  error._tag === "PermanentError" && error.code?.startsWith("Duplicate") === true

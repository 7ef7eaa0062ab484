import type { ErrorProfile, FailedResponse, VendorDetail } from "@planes/core"
import { XMLParser } from "fast-xml-parser"

// Jamf answers errors in two shapes. The Jamf Pro API (/api) writes its ApiError JSON:
//   {"httpStatus": 400, "errors": [{"code": "DUPLICATE_FIELD", "field": "packageName", "description": "...", "id": "0"}]}
// The Classic API (/JSSResource) writes an HTML "Status page": the reason phrase in the first <p>, then
// "Error: <message>" (409 "Error: Duplicate name") or a stock description. OAuth answers {error, error_description}.

interface ApiErrorCause {
  readonly code?: unknown
  readonly field?: unknown
  readonly description?: unknown
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined

/** Reads the Jamf Pro API's `{httpStatus, errors[]}`: the first cause's code, and every cause described. */
export const apiErrorDetail = (body: unknown): VendorDetail | undefined => {
  if (typeof body !== "object" || body === null || !("errors" in body) || !Array.isArray(body.errors)) {
    return undefined
  }
  const causes: ReadonlyArray<ApiErrorCause> = body.errors.filter(
    (cause): cause is ApiErrorCause => typeof cause === "object" && cause !== null
  )
  const code = text(causes[0]?.code)
  const described = causes
    .map((cause) => {
      const field = text(cause.field)
      const what = text(cause.description) ?? text(cause.code)
      return what === undefined ? undefined : field === undefined ? what : `${field}: ${what}`
    })
    .filter((line): line is string => line !== undefined)
  return {
    ...(code !== undefined && { code }),
    ...(described.length > 0 && { message: described.join("; ") })
  }
}

const oauthDetail = (body: unknown): VendorDetail | undefined => {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined
  const code = text(body.error)
  const message = "error_description" in body ? text(body.error_description) : undefined
  return { ...(code !== undefined && { code }), ...(message !== undefined && { message }) }
}

// HTML is not XML (`<br>` has no end tag): the parser is told which elements stand alone.
const htmlParser = new XMLParser({
  ignoreAttributes: true,
  unpairedTags: ["br", "hr", "meta", "link", "img", "input"],
  stopNodes: ["*.script", "*.style"],
  processEntities: true,
  htmlEntities: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === "p"
})

const paragraphText = (p: unknown): string | undefined => {
  if (typeof p === "string") return text(p)
  if (typeof p === "object" && p !== null && "#text" in p) return text(p["#text"])
  return undefined
}

/**
 * Reads the Classic API's HTML status page: the paragraphs' text, the reason phrase first. The line
 * `Error: <message>` gives the message; without one, the stock description does.
 */
export const statusPageDetail = (html: string): VendorDetail | undefined => {
  let tree: unknown
  try {
    tree = htmlParser.parse(html)
  } catch {
    return undefined
  }
  const body =
    typeof tree === "object" &&
    tree !== null &&
    "html" in tree &&
    typeof tree.html === "object" &&
    tree.html !== null
      ? "body" in tree.html
        ? tree.html.body
        : undefined
      : undefined
  const paragraphs =
    typeof body === "object" && body !== null && "p" in body && Array.isArray(body.p)
      ? body.p.map(paragraphText).filter((p): p is string => p !== undefined)
      : []
  if (paragraphs.length === 0) return undefined
  const error = paragraphs.find((p) => /^Error:/i.test(p))
  const [reason, description] = paragraphs
  const message = error === undefined ? description : error.replace(/^Error:\s*/i, "")
  return { ...(reason !== undefined && { code: reason }), ...(message !== undefined && { message }) }
}

/** Reads any Jamf error answer: ApiError JSON, OAuth JSON, or the Classic HTML status page. */
export const jamfErrorDetail = (response: FailedResponse): VendorDetail => {
  const body = response.body.trim()
  if (body.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(body)
      return apiErrorDetail(parsed) ?? oauthDetail(parsed) ?? {}
    } catch {
      return {}
    }
  }
  if (body.startsWith("<")) return statusPageDetail(body) ?? {}
  return {}
}

/** Whether an error detail is Classic's "Duplicate name" conflict. */
export const isDuplicateName = (detail: VendorDetail): boolean =>
  detail.message !== undefined && /^duplicate name\b/i.test(detail.message)

/**
 * Jamf's classification. HTTP's defaults hold: Jamf has no rate limiter and answers 503 past its
 * connection limit, which is transient; 401/403 are policy; DUPLICATE_FIELD (400) and Classic's 409
 * "Duplicate name" are permanent here, and the create paths read them as "already exists" before
 * classification. An OAuth `invalid_client` is a refused principal whatever its status.
 */
export const jamfErrorProfile: ErrorProfile = {
  plane: "jamf",
  detail: jamfErrorDetail,
  override: (response, detail) =>
    (response.status === 400 || response.status === 401) && detail.code === "invalid_client"
      ? "policy"
      : undefined
}

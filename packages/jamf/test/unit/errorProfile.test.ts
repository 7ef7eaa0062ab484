import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { classifyResponse } from "@planes/core"
import { describe, expect, it } from "vitest"
import {
  apiErrorDetail,
  isDuplicateName,
  jamfErrorDetail,
  jamfErrorProfile,
  statusPageDetail
} from "../../src/api/errorProfile.js"

const here = dirname(fileURLToPath(import.meta.url))
const example = (name: string) =>
  readFileSync(join(here, "../../../../contracts/vendor-examples/jamf", name), "utf8")
const classify = (status: number, body: string) =>
  classifyResponse(
    jamfErrorProfile,
    { operation: "test", correlationId: "c-1" },
    { status, headers: {}, body },
    0
  )

const duplicateNamePage = example("classic_409_conflict.html").replace(
  "Duplicate serial number",
  "Duplicate name"
)

describe("Jamf's error bodies", () => {
  it("reads the Jamf Pro API's ApiError (vendor example)", () => {
    const detail = jamfErrorDetail({
      status: 400,
      headers: {},
      body: example("jamf_pro_api_error_duplicate.json")
    })
    expect(detail).toEqual({
      code: "DUPLICATE_FIELD",
      message: "packageName: <server-provided debugging text>"
    })
    expect(classify(400, example("jamf_pro_api_error_duplicate.json"))).toMatchObject({
      _tag: "PermanentError",
      code: "DUPLICATE_FIELD"
    })
  })

  it("reads the Classic API's HTML status page (vendor example)", () => {
    const detail = jamfErrorDetail({ status: 409, headers: {}, body: example("classic_409_conflict.html") })
    expect(detail).toEqual({ code: "Conflict", message: "Duplicate serial number" })
    expect(isDuplicateName(detail)).toBe(false)
    expect(isDuplicateName(statusPageDetail(duplicateNamePage) ?? {})).toBe(true)
    const error = classify(409, example("classic_409_conflict.html"))
    expect(error).toMatchObject({ _tag: "PermanentError", status: 409 })
    expect(error.message).toContain("Duplicate serial number")
  })

  it("reads a status page without an Error line by its stock description", () => {
    const page = `<html><head><title>Status page</title></head><body><p>Not Found</p><p>The server has not found anything matching the request URI</p><p>More <a href="/">home</a>.<br></p></body></html>`
    expect(statusPageDetail(page)).toEqual({
      code: "Not Found",
      message: "The server has not found anything matching the request URI"
    })
  })

  it("classifies as the facts say: 401/403 policy, 503 and 500 transient, others permanent", () => {
    expect(classify(401, '{"httpStatus":401,"errors":[]}')._tag).toBe("PolicyError")
    expect(
      classify(403, '{"httpStatus":403,"errors":[{"code":"INVALID_PRIVILEGE","description":"Forbidden"}]}')
    ).toMatchObject({
      _tag: "PolicyError",
      code: "INVALID_PRIVILEGE"
    })
    expect(classify(503, '{"httpStatus":503,"errors":[{"code":"SERVICE_UNAVAILABLE"}]}')._tag).toBe(
      "TransientError"
    )
    expect(classify(500, "<html><body><p>Internal Server Error</p></body></html>")._tag).toBe(
      "TransientError"
    )
    expect(
      classify(413, '{"httpStatus":413,"errors":[{"code":"PAYLOAD_TOO_LARGE","field":"file"}]}')
    ).toMatchObject({
      _tag: "PermanentError",
      code: "PAYLOAD_TOO_LARGE"
    })
    expect(classify(400, '{"error":"invalid_client"}')._tag).toBe("PolicyError")
    expect(classify(400, '{"error":"invalid_scope","error_description":"no such role"}')).toMatchObject({
      _tag: "PermanentError",
      code: "invalid_scope"
    })
  })

  it("never throws on bodies it cannot read", () => {
    for (const body of [
      "",
      "plain text",
      "{not json",
      "<p>unclosed",
      "[1,2]",
      '{"errors":[1,{"field":"x"}]}',
      "<html></html>"
    ]) {
      expect(() => jamfErrorDetail({ status: 500, headers: {}, body })).not.toThrow()
    }
    expect(apiErrorDetail({ errors: [{ field: "x" }] })).toEqual({})
    expect(apiErrorDetail(null)).toBeUndefined()
    expect(statusPageDetail("<html><body></body></html>")).toBeUndefined()
  })
})

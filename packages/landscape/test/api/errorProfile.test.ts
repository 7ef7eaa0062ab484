import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import { classifyResponse } from "@planes/core"
import { isDuplicate, landscapeDetail, landscapeErrorProfile } from "../../src/api/errorProfile.js"

const vendor = (file: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../../contracts/vendor-examples/landscape/${file}`, import.meta.url)),
    "utf8"
  )

const classify = (status: number, body: string) =>
  classifyResponse(
    landscapeErrorProfile,
    { operation: "op", correlationId: "c" },
    { status, headers: {}, body },
    0
  )

describe("Landscape's error profile", () => {
  it("reads the documented error body", () => {
    expect(landscapeDetail({ status: 400, headers: {}, body: vendor("legacy_error_response.json") })).toEqual(
      {
        code: "UnknownComputers",
        message: "<human readable explanation>"
      }
    )
    const error = classify(400, vendor("legacy_error_response.json"))
    expect(error._tag).toBe("PermanentError")
    expect(error.code).toBe("UnknownComputers")
  })

  it("reads the multi-error form and CancelActivities' text lines", () => {
    const multi = JSON.stringify({
      errors: [
        { error: "InvalidQuery", message: "bad" },
        { error: "X", message: "y" }
      ]
    })
    expect(landscapeDetail({ status: 400, headers: {}, body: multi })).toEqual({
      code: "InvalidQuery",
      message: "bad"
    })
    expect(landscapeDetail({ status: 400, headers: {}, body: "7 => Activity 7 is delivered" })).toEqual({
      message: "7 => Activity 7 is delivered"
    })
    expect(landscapeDetail({ status: 400, headers: {}, body: "" })).toEqual({})
    expect(landscapeDetail({ status: 400, headers: {}, body: "[1]" })).toEqual({})
    expect(landscapeDetail({ status: 400, headers: {}, body: "null" })).toEqual({})
  })

  it("classifies by code where the status does not say it", () => {
    expect(classify(400, JSON.stringify({ error: "OperationInProgress", message: "busy" }))._tag).toBe(
      "TransientError"
    )
    expect(classify(400, JSON.stringify({ error: "Unauthorised", message: "no" }))._tag).toBe("PolicyError")
    expect(classify(400, JSON.stringify({ error: "InsufficientLicensesError", message: "no" }))._tag).toBe(
      "PolicyError"
    )
    expect(classify(401, JSON.stringify({ error: "SignatureDoesNotMatch", message: "no" }))._tag).toBe(
      "PolicyError"
    )
    expect(classify(403, JSON.stringify({ error: "Unauthorised", message: "no" }))._tag).toBe("PolicyError")
    expect(classify(503, "down")._tag).toBe("TransientError")
    expect(classify(400, JSON.stringify({ error: "DuplicatePocket", message: "taken" }))._tag).toBe(
      "PermanentError"
    )
    expect(classify(404, "{}")._tag).toBe("PermanentError")
  })

  it("recognises Duplicate* answers", () => {
    expect(isDuplicate({ _tag: "PermanentError", code: "DuplicateSavedSearch" })).toBe(true)
    expect(isDuplicate({ _tag: "PermanentError", code: "UnknownPocket" })).toBe(false)
    expect(isDuplicate({ _tag: "TransientError", code: "DuplicatePocket" })).toBe(false)
    expect(isDuplicate({ _tag: "PermanentError" })).toBe(false)
  })
})

import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import { classifyResponse } from "@planes/core"
import { Schema } from "effect"
import { adminServiceErrorDetail, adminServiceErrorProfile } from "../../src/adminservice/errorProfile.js"
import { PackageStatusRow } from "../../src/adminservice/schemas.js"
import { stripSystemProperties } from "../../src/adminservice/wmiRow.js"

const example = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../../contracts/vendor-examples/sccm/${name}`, import.meta.url)),
    "utf8"
  )

const context = { operation: "test", correlationId: "c-1" }
const classify = (status: number, body: string) =>
  classifyResponse(adminServiceErrorProfile, context, { status, headers: {}, body }, 0)

describe("AdminService's error profile", () => {
  it("reads the documented access-denied 404 as a PolicyError", () => {
    const error = classify(404, example("error-access-denied-404.json"))
    expect(error).toMatchObject({ _tag: "PolicyError", status: 404, code: "404", plane: "sccm" })
    expect(error.message).toContain("Access denied  WMI QUERY:")
  })

  it("keeps a 404 for a missing instance permanent, 500 transient, 400 permanent, 401 and 403 policy", () => {
    const body = (status: number, message: string) =>
      JSON.stringify({ error: { code: String(status), message } })
    expect(classify(404, body(404, "No instance found for SMS_Application(1)"))._tag).toBe("PermanentError")
    expect(classify(500, body(500, "Generic failure"))._tag).toBe("TransientError")
    expect(classify(400, body(400, "Failed to validate property SDMPackageXML"))._tag).toBe("PermanentError")
    expect(classify(401, body(401, "Unauthorized"))._tag).toBe("PolicyError")
    expect(classify(403, "")._tag).toBe("PolicyError")
  })

  it("reads bodies that are not AdminService's without failing", () => {
    const response = (body: string) => ({ status: 500, headers: {}, body })
    expect(adminServiceErrorDetail(response("<html/>"))).toEqual({})
    expect(adminServiceErrorDetail(response("null"))).toEqual({})
    expect(adminServiceErrorDetail(response('{"error":"text"}'))).toEqual({})
    expect(adminServiceErrorDetail(response('{"error":{"code":5}}'))).toEqual({})
    expect(adminServiceErrorDetail(response('{"error":{"message":"m"}}'))).toEqual({ message: "m" })
  })
})

describe("WMI rows", () => {
  it("strip system properties before decoding (the documented SMS_PackageStatus entity)", () => {
    const entity = JSON.parse(example("wmi-sms_packagestatus.entity.response.json")) as Record<
      string,
      unknown
    >
    expect(
      Object.keys(stripSystemProperties(entity)).some((k) => k.startsWith("__") || k.startsWith("@odata"))
    ).toBe(false)
    expect(Schema.decodeUnknownSync(PackageStatusRow)(entity)).toMatchObject({
      PackageID: "VR100003",
      PkgServer: "ServerFQDN.DOMAIN.COM",
      Status: 5
    })
    expect(Schema.encodeSync(PackageStatusRow)({ PackageID: "P", PkgServer: "S", Status: 1 })).toEqual({
      PackageID: "P",
      PkgServer: "S",
      Status: 1
    })
  })
})

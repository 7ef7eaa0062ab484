import { readFileSync } from "node:fs"
import { classifyResponse, PermanentError, PolicyError, TransientError } from "@planes/core"
import { describe, expect, it } from "vitest"
import { graphErrorDetail, graphErrorProfile } from "../../src/graph/errorProfile.js"

const example = (name: string) =>
  readFileSync(new URL(`../../../../contracts/vendor-examples/graph/${name}`, import.meta.url), "utf8")
const ctx = { operation: "publishPackage", correlationId: "c-1" }

describe("Graph error bodies", () => {
  it("reads Graph's throttling body (documented example)", () => {
    const error = classifyResponse(
      graphErrorProfile,
      ctx,
      { status: 429, headers: { "retry-after": "2.128" }, body: example("error-429-throttled.json") },
      0
    )
    expect(error).toBeInstanceOf(TransientError)
    expect(error.code).toBe("TooManyRequests")
    expect(error.message).toContain("Please retry again later.")
  })

  it("unwraps Intune's nested message and phrase (recorded example)", () => {
    const detail = graphErrorDetail({
      status: 503,
      headers: {},
      body: example("error-intune-503-cancelledonservicetimeout.json")
    })
    expect(detail.code).toBe("CancelledOnServiceTimeout/CancelOnTimeout4EndExecuteAction")
    expect(detail.message).toContain("ScenarioTimeout=15000ms")
    expect(detail.message).not.toContain("Operation ID")
  })

  it("classifies authorization failures as policy and 507 as permanent", () => {
    const denied = classifyResponse(
      graphErrorProfile,
      ctx,
      {
        status: 403,
        headers: {},
        body: '{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges"}}'
      },
      0
    )
    expect(denied).toBeInstanceOf(PolicyError)
    expect(denied.code).toBe("Authorization_RequestDenied")
    const storage = classifyResponse(graphErrorProfile, ctx, { status: 507, headers: {}, body: "{}" }, 0)
    expect(storage).toBeInstanceOf(PermanentError)
  })

  it.each([
    "not json",
    "null",
    '{"error":null}',
    '{"error":{"code":5,"message":{}}}',
    '{"error":{"code":"X","message":"{broken"}}',
    '{"error":{"code":"X","message":"{\\"_version\\":3}"}}',
    '{"error":{"code":"X","message":"7"}}'
  ])("survives the odd body %s", (body) => {
    expect(() => graphErrorDetail({ status: 500, headers: {}, body })).not.toThrow()
  })
})

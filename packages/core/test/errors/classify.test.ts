import { describe, expect, it } from "@effect/vitest"
import { Duration } from "effect"
import {
  classifyResponse,
  classifyTransport,
  defaultClass,
  type ErrorProfile,
  errorClass,
  genericDetail,
  headerValue,
  isPlaneError,
  isRetryable,
  PermanentError,
  PolicyError,
  TransientError
} from "../../src/index.js"

const ctx = { operation: "publishPackage", correlationId: "corr-1" }
const now = Date.parse("2026-11-25T12:00:00Z")
const graph: ErrorProfile = {
  plane: "intune",
  detail: (response) => {
    const body = JSON.parse(response.body) as { error?: { code?: string; message?: string } }
    return { code: body.error?.code, message: body.error?.message }
  }
}

describe("classifying HTTP answers", () => {
  it.each([
    [400, "permanent"],
    [401, "policy"],
    [403, "policy"],
    [404, "permanent"],
    [408, "transient"],
    [409, "permanent"],
    [425, "transient"],
    [429, "transient"],
    [500, "transient"],
    [501, "permanent"],
    [502, "transient"],
    [503, "transient"],
    [504, "transient"],
    [505, "permanent"]
  ] as const)("HTTP %i is %s by default", (status, expected) => {
    expect(defaultClass(status)).toBe(expected)
  })

  it("reads the vendor's code and message and carries every context field", () => {
    const error = classifyResponse(
      graph,
      ctx,
      {
        status: 403,
        headers: {},
        body: JSON.stringify({ error: { code: "Forbidden", message: "Insufficient privileges" } })
      },
      now
    )
    expect(error).toBeInstanceOf(PolicyError)
    expect(error).toMatchObject({
      plane: "intune",
      operation: "publishPackage",
      correlationId: "corr-1",
      status: 403
    })
    expect(error.code).toBe("Forbidden")
    expect(error.message).toContain("Insufficient privileges")
    expect(error.message).toContain("grant it")
    expect(errorClass(error)).toBe("policy")
    expect(isRetryable(error)).toBe(false)
  })

  it("attaches Retry-After to transient errors, in seconds, fractions and dates", () => {
    const at = (value: string) =>
      classifyResponse(graph, ctx, { status: 429, headers: { "Retry-After": value }, body: "{}" }, now)
    const seconds = at("3")
    expect(seconds).toBeInstanceOf(TransientError)
    expect(seconds._tag === "TransientError" && seconds.retryAfter).toEqual(Duration.seconds(3))
    const fraction = at("2.128")
    expect(fraction._tag === "TransientError" && fraction.retryAfter).toEqual(Duration.millis(2128))
    const date = at("Wed, 25 Nov 2026 12:00:10 GMT")
    expect(date._tag === "TransientError" && date.retryAfter).toEqual(Duration.seconds(10))
    const missing = classifyResponse(graph, ctx, { status: 503, headers: {}, body: "{}" }, now)
    expect(missing._tag === "TransientError" && missing.retryAfter).toBeUndefined()
    expect(isRetryable(missing)).toBe(true)
    expect(errorClass(missing)).toBe("transient")
  })

  it("lets a plane override the class of an answer", () => {
    const sccm: ErrorProfile = {
      plane: "sccm",
      override: (response, detail) =>
        response.status === 404 && detail.message?.includes("access denied") ? "policy" : undefined
    }
    const denied = classifyResponse(
      sccm,
      ctx,
      { status: 404, headers: {}, body: '{"message":"access denied"}' },
      now
    )
    expect(denied).toBeInstanceOf(PolicyError)
    const missing = classifyResponse(sccm, ctx, { status: 404, headers: {}, body: '{"message":"gone"}' }, now)
    expect(missing).toBeInstanceOf(PermanentError)
    expect(errorClass(missing)).toBe("permanent")
  })

  it("survives bodies a profile cannot read", () => {
    const error = classifyResponse(graph, ctx, { status: 500, headers: {}, body: "<html>oops</html>" }, now)
    expect(error).toBeInstanceOf(TransientError)
    expect(error.code).toBeUndefined()
    expect(error.message).toContain("HTTP 500")
  })

  it("truncates long vendor messages", () => {
    const long = "x".repeat(1000)
    const error = classifyResponse(
      graph,
      ctx,
      { status: 400, headers: {}, body: JSON.stringify({ error: { message: long } }) },
      now
    )
    expect(error.message.length).toBeLessThan(600)
  })

  it.each([
    ['{"message":"m","code":"C"}', { code: "C", message: "m" }],
    ['{"detail":"d"}', { message: "d" }],
    ['{"error":"invalid_client","error_description":"bad"}', { code: "invalid_client", message: "bad" }],
    ['{"errors":["x"]}', {}],
    ["[1]", {}],
    ["null", {}],
    ["not json", {}]
  ])("reads the generic detail of %s", (body, expected) => {
    expect(genericDetail({ status: 400, headers: {}, body })).toEqual(expected)
  })

  it("reads headers without regard to case", () => {
    expect(headerValue({ "Retry-After": "1" }, "retry-after")).toBe("1")
    expect(headerValue({}, "retry-after")).toBeUndefined()
  })
})

describe("classifying transport failures", () => {
  it("makes dropped connections and timeouts transient, unsendable requests permanent", () => {
    const dropped = classifyTransport("jamf", ctx, { kind: "connection", description: "ECONNRESET" })
    expect(dropped).toBeInstanceOf(TransientError)
    expect(dropped.message).toContain("ECONNRESET")
    const timeout = classifyTransport("jamf", ctx, { kind: "timeout", after: Duration.seconds(30) })
    expect(timeout).toBeInstanceOf(TransientError)
    expect(timeout.code).toBe("Timeout")
    const invalid = classifyTransport("jamf", ctx, { kind: "invalid-request", description: "bad URL" })
    expect(invalid).toBeInstanceOf(PermanentError)
    expect(isPlaneError(invalid)).toBe(true)
    expect(isPlaneError(new Error("x"))).toBe(false)
  })
})

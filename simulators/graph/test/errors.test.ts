import { describe, expect, it } from "vitest"
import { admin, call, json, makeSim, obj, tokenFor } from "./support/sim.js"

const APPS = "/v1.0/deviceAppManagement/mobileApps"

describe("Graph error bodies and headers", () => {
  it("puts request-id and client-request-id on every answer, echoing the caller's id", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const ok = await call(sim, "GET", APPS, { token, headers: { "client-request-id": "abc" } })
    expect(ok.headers.get("client-request-id")).toBe("abc")
    expect(ok.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/)
    const plain = await call(sim, "GET", APPS, { token })
    expect(plain.headers.get("client-request-id")).toBe(plain.headers.get("request-id"))
    const missing = await call(sim, "GET", `${APPS}/nope`, { token })
    const inner = obj(obj((await json(missing)).error).innerError)
    expect(inner["client-request-id"]).toBe(inner["request-id"])
    expect(String(inner.date)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/)
  })

  it("answers unknown routes with Graph's 400 shapes, never Hono's default", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const segment = await call(sim, "GET", "/v1.0/deviceAppManagement/mobileAppz", { token })
    expect(segment.status).toBe(400)
    expect(obj((await json(segment)).error)).toMatchObject({
      code: "BadRequest",
      message: "Resource not found for the segment 'mobileAppz'."
    })
    const version = await call(sim, "GET", "/v9/me")
    expect(obj((await json(version)).error).message).toBe("Invalid version: v9")
    const root = await call(sim, "GET", "/")
    expect(obj((await json(root)).error).code).toBe("BadRequest")
    const unmatched = await json(await admin(sim, "GET", "/unmatched"))
    expect(JSON.stringify(unmatched)).toContain("mobileAppz")
  })

  it("renders injected 5xx faults with Intune's nested _version 3 message and injected 429s as throttling", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    await admin(sim, "POST", "/faults", {
      match: { path: "/v1.0/deviceAppManagement/**" },
      trigger: { kind: "once" },
      effect: { kind: "http", status: 503 }
    })
    const fault = await call(sim, "GET", APPS, { token })
    expect(fault.status).toBe(503)
    const error = obj((await json(fault)).error)
    expect(error.code).toBe("ServiceUnavailable")
    const nested: unknown = JSON.parse(String(error.message))
    expect(obj(nested)).toMatchObject({ _version: 3, RetryAfter: null })
    expect(String(error.message)).toContain("\r\n")
    await admin(sim, "POST", "/faults", {
      trigger: { kind: "once" },
      effect: {
        kind: "http",
        status: 503,
        code: "CancelledOnServiceTimeout",
        message: "ScenarioTimeout=15000ms"
      }
    })
    const named = obj((await json(await call(sim, "GET", APPS, { token }))).error)
    expect(named.code).toBe("CancelledOnServiceTimeout")
    expect(String(named.message)).toContain("ScenarioTimeout=15000ms")
    await admin(sim, "POST", "/faults", {
      trigger: { kind: "once" },
      effect: { kind: "http", status: 429, headers: { "retry-after": "2.5" } }
    })
    const throttled = await call(sim, "GET", APPS, { token })
    expect(throttled.headers.get("retry-after")).toBe("2.5")
    expect(obj((await json(throttled)).error).code).toBe("TooManyRequests")
    await admin(sim, "POST", "/faults", {
      trigger: { kind: "once" },
      effect: { kind: "http", status: 409, message: "conflict" }
    })
    expect(obj((await json(await call(sim, "GET", APPS, { token }))).error)).toMatchObject({
      code: "Conflict",
      message: "conflict"
    })
  })

  it("renders token-endpoint and storage faults in Entra's and Azure's formats", async () => {
    const sim = makeSim()
    await admin(sim, "POST", "/faults", {
      match: { path: "/*/oauth2/**" },
      trigger: { kind: "once" },
      effect: { kind: "http", status: 500 }
    })
    const token = await call(sim, "POST", "/tenant-a/oauth2/v2.0/token", { body: "" })
    expect(token.status).toBe(500)
    expect(await json(token)).toMatchObject({ error: "temporarily_unavailable", error_codes: [90033] })
    await admin(sim, "POST", "/faults", {
      match: { path: "/*/oauth2/**" },
      trigger: { kind: "once" },
      effect: { kind: "http", status: 400, message: "nope" }
    })
    expect(await json(await call(sim, "POST", "/tenant-a/oauth2/v2.0/token", { body: "" }))).toMatchObject({
      error: "invalid_request"
    })
    await admin(sim, "POST", "/faults", {
      match: { path: "/_storage/**" },
      trigger: { kind: "once" },
      effect: { kind: "http", status: 503 }
    })
    const storage = await call(sim, "PUT", "/_storage/tenant-a/blob?comp=block")
    expect(storage.status).toBe(503)
    expect(storage.headers.get("x-ms-error-code")).toBe("ServerBusy")
    expect(await storage.text()).toContain("<Code>ServerBusy</Code>")
    const unknown = await call(sim, "DELETE", "/_storage/tenant-a/blob")
    expect(unknown.status).toBe(404)
    expect(await unknown.text()).toContain("<Code>ResourceNotFound</Code>")
  })

  it("answers an unexpected exception as Intune's 500 Unknown", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    // An entry whose read throws stands in for a bug deep in a handler.
    Object.defineProperty(sim.stores.apps.get("tenant-a").apps, "broken", {
      enumerable: true,
      get: () => {
        throw new Error("boom")
      }
    })
    const res = await call(sim, "GET", APPS, { token })
    expect(res.status).toBe(500)
    expect(obj((await json(res)).error).code).toBe("Unknown")
  })
})

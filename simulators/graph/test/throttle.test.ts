import { describe, expect, it } from "vitest"
import { admin, advance, appBody, arr, call, json, makeSim, obj, tokenFor } from "./support/sim.js"

const APPS = "/v1.0/deviceAppManagement/mobileApps"

describe("Intune throttling", () => {
  it("answers 429 after 100 writes per 20 s per app, with Retry-After, and records early retries", async () => {
    const sim = makeSim({ throttle: { enabled: true } })
    const token = await tokenFor(sim)
    for (let i = 0; i < 100; i++)
      expect((await call(sim, "POST", APPS, { token, body: appBody() })).status).toBe(201)
    const throttled = await call(sim, "POST", APPS, {
      token,
      body: appBody(),
      headers: { "client-request-id": "c-429" }
    })
    expect(throttled.status).toBe(429)
    expect(throttled.headers.get("retry-after")).toBe("1")
    expect(throttled.headers.get("client-request-id")).toBe("c-429")
    const error = obj((await json(throttled)).error)
    expect(error.code).toBe("TooManyRequests")
    expect(obj(error.innerError)).toMatchObject({ code: "429", status: "429", "client-request-id": "c-429" })
    // Reads use their own, larger bucket.
    expect((await call(sim, "GET", APPS, { token })).status).toBe(200)
    const early = await json(await admin(sim, "GET", "/throttle/early-retries"))
    expect(arr(early.earlyRetries).length).toBe(1)
    advance(sim, 1_000)
    expect((await call(sim, "POST", APPS, { token, body: appBody() })).status).toBe(201)
    // Another tenant's client has its own buckets.
    await admin(sim, "POST", "/graph/clients", { tenant: "tenant-b", clientId: "b", secret: "b" })
    const other = await tokenFor(sim, "tenant-b", "b", "b")
    expect((await call(sim, "POST", APPS, { token: other, body: appBody() })).status).toBe(201)
  })

  it("leaves Retry-After out with the configured probability and compresses windows by scale", async () => {
    const sim = makeSim({ throttle: { enabled: true, retryAfterOmitProbability: 1, windowScale: 0.05 } })
    const token = await tokenFor(sim)
    for (let i = 0; i < 100; i++) await call(sim, "POST", APPS, { token, body: appBody() })
    const throttled = await call(sim, "POST", APPS, { token, body: appBody() })
    expect(throttled.status).toBe(429)
    expect(throttled.headers.get("retry-after")).toBeNull()
    advance(sim, 1_000)
    expect((await call(sim, "POST", APPS, { token, body: appBody() })).status).toBe(201)
    const view = await json(await admin(sim, "GET", "/graph/throttle"))
    expect(view).toMatchObject({ enabled: true, windowScale: 0.05, retryAfterOmitProbability: 1 })
    const updated = await json(
      await admin(sim, "PUT", "/graph/throttle", {
        enabled: false,
        windowScale: 1,
        retryAfterOmitProbability: 0,
        fractionalRetryAfter: true,
        punishEarlyRetries: true
      })
    )
    expect(updated).toMatchObject({
      enabled: false,
      windowScale: 1,
      fractionalRetryAfter: true,
      punishEarlyRetries: true
    })
    expect((await admin(sim, "PUT", "/graph/throttle", { windowScale: -1 })).status).toBe(400)
  })

  it("throttles devices at double the apps limits", async () => {
    const sim = makeSim({ throttle: { enabled: true }, fleet: { size: 1 } })
    const token = await tokenFor(sim)
    const list = await json(await call(sim, "GET", "/v1.0/deviceManagement/managedDevices", { token }))
    const id = String(obj(arr(list.value)[0]).id)
    let ok = 0
    for (let i = 0; i < 201; i++) {
      if (
        (await call(sim, "POST", `/v1.0/deviceManagement/managedDevices/${id}/syncDevice`, { token }))
          .status === 204
      )
        ok++
    }
    expect(ok).toBe(200)
  })
})

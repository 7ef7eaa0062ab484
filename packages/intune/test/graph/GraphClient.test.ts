import { HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, TestClock } from "effect"
import { odataString, withFilter, writeRate } from "../../src/graph/GraphClient.js"
import { empty, fakeRuntime, fakeTransport, unitConfig } from "../support/fakeGraph.js"

describe("the Graph client", () => {
  it("never lets more than the write limit through in any window", () => {
    expect(writeRate({ requests: 100, perSeconds: 20 })).toEqual({ burst: 5, perSecond: 4.75 })
    const { burst, perSecond } = writeRate({ requests: 7, perSeconds: 1 })
    expect(burst + perSecond * 1).toBeLessThanOrEqual(7)
  })

  it("quotes OData strings and encodes filters", () => {
    expect(odataString("it's")).toBe("'it''s'")
    expect(withFilter("/x", "a eq 'b c'")).toBe("/x?$filter=a%20eq%20'b%20c'")
  })

  it.effect("paces writes at the write limit while reads go on; versions per call site", () =>
    Effect.gen(function* () {
      const fake = yield* fakeTransport(() => empty())
      const runtime = yield* fakeRuntime(fake.layer, unitConfig({ apiVersions: { reports: "v1.0" } }))
      const { graph } = runtime
      expect(graph.path("apps", "deviceAppManagement/mobileApps")).toBe(
        "/v1.0/deviceAppManagement/mobileApps"
      )
      expect(graph.path("assignments", "/x")).toBe("/beta/x")
      expect(graph.version("reports")).toBe("v1.0")
      const writes = yield* Effect.fork(
        Effect.forEach(
          Array.from({ length: 24 }),
          () => graph.write.empty("w", HttpClientRequest.patch("/v1.0/w")),
          {
            concurrency: "unbounded"
          }
        )
      )
      yield* TestClock.adjust("1 millis")
      const reads = yield* Effect.forEach(Array.from({ length: 5 }), () =>
        graph.read.empty("r", HttpClientRequest.get("/v1.0/r"))
      )
      expect(reads).toHaveLength(5)
      const sent = (yield* fake.seen).filter((s) => s.method === "PATCH").length
      expect(sent).toBe(5)
      yield* TestClock.adjust("4 seconds")
      yield* Fiber.join(writes)
      expect((yield* fake.seen).filter((s) => s.method === "PATCH")).toHaveLength(24)
      expect((yield* fake.seen)[0]?.headers.authorization).toBe("Bearer token")
      expect((yield* fake.seen)[0]?.headers["client-request-id"]).toMatch(/^[0-9a-f-]{36}$/)
    })
  )
})

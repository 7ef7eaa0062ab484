import { createServer } from "node:net"
import { FetchHttpClient, HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Layer, Option, Redacted, Ref, Schema, TestClock } from "effect"
import * as Correlation from "../../src/correlation/Correlation.js"
import { PolicyError } from "../../src/errors/PlaneError.js"
import { basic, bearer } from "../../src/http/Authenticator.js"
import { joinUrl, makePlaneHttpClient } from "../../src/http/PlaneHttpClient.js"
import { RetryPolicy } from "../../src/http/RetryPolicy.js"
import { makeTokenProvider } from "../../src/http/TokenProvider.js"
import { clientFor, fakePlane, json, text } from "./fakeHttp.js"

const App = Schema.Struct({ id: Schema.String, displayName: Schema.String })
const Apps = Schema.Struct({ value: Schema.Array(App) })

/** A token issuer numbering its tokens, answering at once. */
const numberedTokens = Effect.gen(function* () {
  const calls = yield* Ref.make(0)
  const tokens = yield* makeTokenProvider({
    name: "test",
    fetch: Effect.map(
      Ref.updateAndGet(calls, (n) => n + 1),
      (n) => ({
        token: Redacted.make(`token-${n}`),
        expiresIn: "1 hour"
      })
    )
  })
  return { tokens, calls: Ref.get(calls) }
})

describe("requests", () => {
  it.effect("go to the base URL, with the plane's headers and the correlation header", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => json(200, { id: "1", displayName: "Firefox" }))
      const client = yield* clientFor(plane, {
        baseUrl: "https://graph.test/beta/",
        correlationHeader: "client-request-id",
        headers: { "x-ms-version": "1" }
      })
      const app = yield* client.json(
        "getApp",
        HttpClientRequest.get("/deviceAppManagement/mobileApps/1"),
        App
      )
      expect(app.displayName).toBe("Firefox")
      const [seen] = yield* plane.seen
      expect(seen?.url.toString()).toBe("https://graph.test/beta/deviceAppManagement/mobileApps/1")
      expect(seen?.headers["client-request-id"]).toMatch(/^[0-9a-f-]{36}$/)
      expect(seen?.headers["x-correlation-id"]).toBeUndefined()
      expect(seen?.headers["x-ms-version"]).toBe("1")
      expect(seen?.headers.accept).toBe("application/json")
    })
  )

  it.effect("keep their own headers over the client's defaults", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => text(200, "<xml/>"))
      const client = yield* clientFor(plane, { headers: { accept: "application/json", "x-api": "1" } })
      yield* client.text(
        "classic",
        HttpClientRequest.get("/JSSResource/packages").pipe(HttpClientRequest.accept("text/xml"))
      )
      const [seen] = yield* plane.seen
      expect(seen?.headers.accept).toBe("text/xml")
      expect(seen?.headers["x-api"]).toBe("1")
    })
  )

  it.effect("carry the caller's correlation id, on every attempt", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane((_, i) =>
        i === 0 ? text(503, "", { "retry-after": "1" }) : json(200, {})
      )
      const client = yield* clientFor(plane)
      const call = yield* Effect.fork(
        client.empty("op", HttpClientRequest.get("things")).pipe(Correlation.withCorrelationId("corr-42"))
      )
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(call)
      const ids = (yield* plane.seen).map((seen) => seen.headers["x-correlation-id"])
      expect(ids).toEqual(["corr-42", "corr-42"])
    })
  )

  it.effect(
    "after a Retry-After, hold every request of the client (another call's too) until it passes",
    () =>
      Effect.gen(function* () {
        const plane = yield* fakePlane((_, i) =>
          i === 0 ? text(429, "", { "retry-after": "5" }) : json(200, {})
        )
        const client = yield* clientFor(plane, {}, RetryPolicy.none)
        const refused = yield* Effect.flip(client.empty("first", HttpClientRequest.get("things")))
        expect(refused._tag).toBe("TransientError")
        const next = yield* Effect.fork(client.empty("second", HttpClientRequest.get("other")))
        yield* TestClock.adjust("4 seconds")
        expect(yield* plane.count).toBe(1)
        yield* TestClock.adjust("1 second")
        yield* Fiber.join(next)
        expect(yield* plane.count).toBe(2)
      })
  )

  it.effect(
    "a Retry-After holds the client from the moment its answer arrives, before its body is read",
    () =>
      Effect.gen(function* () {
        let release = () => {}
        const released = new Promise<void>((resolve) => {
          release = resolve
        })
        let bodyRequested = () => {}
        const reading = new Promise<void>((resolve) => {
          bodyRequested = resolve
        })
        // A throttling answer whose body trickles in: other calls must not slip out meanwhile.
        const slowBody = () =>
          new ReadableStream<Uint8Array>({
            pull: async (controller) => {
              bodyRequested()
              await released
              controller.enqueue(new TextEncoder().encode("slow down"))
              controller.close()
            }
          })
        const plane = yield* fakePlane((_, i) =>
          i === 0 ? new Response(slowBody(), { status: 429, headers: { "retry-after": "5" } }) : json(200, {})
        )
        const client = yield* clientFor(plane, {}, RetryPolicy.none)
        const first = yield* Effect.fork(Effect.flip(client.empty("first", HttpClientRequest.get("things"))))
        yield* Effect.promise(() => reading)
        const second = yield* Effect.fork(client.empty("second", HttpClientRequest.get("other")))
        yield* TestClock.adjust("4 seconds")
        expect(yield* plane.count).toBe(1)
        release()
        expect((yield* Fiber.join(first))._tag).toBe("TransientError")
        yield* TestClock.adjust("5 seconds")
        yield* Fiber.join(second)
        expect(yield* plane.count).toBe(2)
      })
  )

  it.effect("without a correlation id in force, get a generated one, the same on every attempt", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane((_, i) =>
        i === 0 ? text(503, "", { "retry-after": "1" }) : json(200, {})
      )
      const client = yield* clientFor(plane)
      const call = yield* Effect.fork(client.empty("op", HttpClientRequest.get("things")))
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(call)
      const ids = (yield* plane.seen).map((seen) => seen.headers["x-correlation-id"])
      expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/)
      expect(ids[1]).toBe(ids[0])
    })
  )

  it("join base and path with exactly one slash", () => {
    expect(joinUrl("https://h/api/v2", "hosts/")).toBe("https://h/api/v2/hosts/")
    expect(joinUrl("https://h/api/v2/", "/hosts/")).toBe("https://h/api/v2/hosts/")
    expect(joinUrl("https://h/api", "")).toBe("https://h/api")
    expect(joinUrl("https://h/api", "?x=1")).toBe("https://h/api?x=1")
    expect(joinUrl("https://h/api", "https://other/x")).toBe("https://other/x")
  })

  it.effect("to another origin are refused with a PolicyError, and nothing is sent", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => json(200, {}))
      const client = yield* clientFor(plane)
      const error = yield* Effect.flip(
        client.empty("follow", HttpClientRequest.get("https://attacker.test/steal"))
      )
      expect(error._tag).toBe("PolicyError")
      expect(error.code).toBe("ForeignOrigin")
      expect(yield* plane.count).toBe(0)
    })
  )

  it.effect("with an unusable base URL fail with a PermanentError saying so", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => json(200, {}))
      const client = yield* clientFor(plane, { baseUrl: "not a url" })
      const error = yield* Effect.flip(client.empty("op", HttpClientRequest.get("/x")))
      expect(error._tag).toBe("PermanentError")
      expect(error.code).toBe("InvalidRequest")
      expect(error.message).toContain("base URL")
    })
  )
})

describe("answers", () => {
  it.effect("text, empty and execute read (or leave) the body", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane((seen) =>
        seen.url.pathname.endsWith("/text")
          ? text(200, "hello")
          : seen.method === "DELETE"
            ? text(204, "")
            : json(201, { id: "9" })
      )
      const client = yield* clientFor(plane)
      expect(yield* client.text("getText", HttpClientRequest.get("/text"))).toBe("hello")
      yield* client.empty("delete", HttpClientRequest.del("/apps/1"))
      const response = yield* client.execute("create", HttpClientRequest.post("/apps"))
      expect(response.status).toBe(201)
      expect(yield* Effect.orDie(response.json)).toEqual({ id: "9" })
    })
  )

  it.effect("with an expected status are returned, not failed (404 lookups, 409 duplicates)", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => json(409, { message: "duplicate name" }))
      const client = yield* clientFor(plane)
      const response = yield* client.execute("create", HttpClientRequest.post("/apps"), { expected: [409] })
      expect(response.status).toBe(409)
      const error = yield* Effect.flip(client.execute("create", HttpClientRequest.post("/apps")))
      expect(error._tag).toBe("PermanentError")
      expect(error.status).toBe(409)
    })
  )

  it.effect("jsonOption gives None for a 404 and the value otherwise", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane((seen) =>
        seen.url.pathname.endsWith("/missing")
          ? json(404, { message: "not found" })
          : json(200, { id: "1", displayName: "x" })
      )
      const client = yield* clientFor(plane)
      expect(yield* client.jsonOption("find", HttpClientRequest.get("/missing"), App)).toEqual(Option.none())
      expect(Option.isSome(yield* client.jsonOption("find", HttpClientRequest.get("/there"), App))).toBe(true)
    })
  )

  it.effect(
    "errors carry plane, operation, correlation id, status and the vendor code (via the profile)",
    () =>
      Effect.gen(function* () {
        const plane = yield* fakePlane(() =>
          json(400, { errorCode: "DUPLICATE_FIELD", description: "name already in use" })
        )
        const client = yield* clientFor(plane, {
          plane: "jamf",
          profile: {
            plane: "jamf",
            detail: (response) => {
              const body = JSON.parse(response.body) as { errorCode: string; description: string }
              return { code: body.errorCode, message: body.description }
            }
          }
        })
        const error = yield* Effect.flip(
          client
            .empty("createPackage", HttpClientRequest.post("/v1/packages"))
            .pipe(Correlation.withCorrelationId("c-7"))
        )
        expect(error).toMatchObject({
          _tag: "PermanentError",
          plane: "jamf",
          operation: "createPackage",
          correlationId: "c-7",
          status: 400,
          code: "DUPLICATE_FIELD"
        })
        expect(error.message).toContain("name already in use")
      })
  )

  it.effect("a profile's override reclassifies an answer, and a profile that throws is ignored", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => json(404, { message: "access denied" }))
      const sccm = yield* clientFor(plane, {
        plane: "sccm",
        profile: {
          plane: "sccm",
          override: (_, detail) => (detail.message === "access denied" ? "policy" : undefined)
        }
      })
      expect((yield* Effect.flip(sccm.jsonOption("find", HttpClientRequest.get("/x"), App)))._tag).toBe(
        "PolicyError"
      )
      const careless = yield* clientFor(plane, {
        plane: "sccm",
        profile: {
          plane: "sccm",
          detail: () => {
            throw new Error("bad reader")
          }
        }
      })
      expect(yield* careless.jsonOption("find", HttpClientRequest.get("/x"), App)).toEqual(Option.none())
    })
  )

  it.effect("error bodies are read only up to maxErrorBody", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => text(400, `{"message":"${"x".repeat(10_000)}"}`))
      const client = yield* clientFor(plane, { maxErrorBody: 100 })
      const error = yield* Effect.flip(client.empty("op", HttpClientRequest.get("/x")))
      // Cut off mid-JSON, the body gives no vendor detail; the status still classifies it.
      expect(error._tag).toBe("PermanentError")
      expect(error.message).not.toContain("xxxx")
    })
  )

  it.effect("a body that is not JSON is a PermanentError naming the cause", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() =>
        text(200, "<html>login page</html>", { "content-type": "text/html" })
      )
      const client = yield* clientFor(plane)
      const error = yield* Effect.flip(client.json("listApps", HttpClientRequest.get("/apps"), Apps))
      expect(error._tag).toBe("PermanentError")
      expect(error.code).toBe("UndecodableResponse")
      expect(error.message).toContain("not JSON")
      expect(error.message).toContain("text/html")
      expect(error.message).not.toContain("login page")
      expect(yield* plane.count).toBe(1)
    })
  )

  it.effect("a body of the wrong shape is a PermanentError naming the failing path, without its values", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() =>
        json(200, {
          value: [
            { id: "1", displayName: "ok" },
            { id: 2, displayName: "secret-looking-value" }
          ]
        })
      )
      const client = yield* clientFor(plane)
      const error = yield* Effect.flip(client.json("listApps", HttpClientRequest.get("/apps"), Apps))
      expect(error._tag).toBe("PermanentError")
      expect(error.code).toBe("UndecodableResponse")
      expect(error.message).toContain("value[1].id")
      expect(error.message).toContain("Expected string")
      expect(error.message).not.toContain("secret-looking-value")
      expect(error._tag === "PermanentError" && error.issues?.[0]?.path).toBe("value[1].id")
    })
  )

  it.effect("many issues are summarised", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => json(200, { value: [{}, {}, {}] }))
      const client = yield* clientFor(plane)
      const error = yield* Effect.flip(client.json("listApps", HttpClientRequest.get("/apps"), Apps))
      expect(error.message).toContain("value[0].id: is missing")
      expect(error.message).toContain("more")
    })
  )

  it.effect("a root that is not an object names the root", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => json(200, [1, 2]))
      const client = yield* clientFor(plane)
      const error = yield* Effect.flip(client.json("listApps", HttpClientRequest.get("/apps"), Apps))
      expect(error.message).toContain("(root)")
    })
  )
})

describe("transport", () => {
  it.effect("a transport failure is a TransientError (and is retried)", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane((_, i) => (i < 2 ? "transport-failure" : json(200, {})))
      const client = yield* clientFor(plane)
      const call = yield* Effect.fork(client.empty("op", HttpClientRequest.get("/x")))
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.join(call)
      expect(yield* plane.count).toBe(3)
      const failing = yield* fakePlane(() => "transport-failure")
      const error = yield* Effect.flip(
        (yield* clientFor(failing, {}, RetryPolicy.none)).empty("op", HttpClientRequest.get("/x"))
      )
      expect(error._tag).toBe("TransientError")
      expect(error.code).toBe("ConnectionFailed")
      expect(error.message).toContain("fetch failed")
    })
  )

  it.effect("connection refused on a closed port is a TransientError", () =>
    Effect.gen(function* () {
      const port = yield* Effect.promise(
        () =>
          new Promise<number>((resolve) => {
            const server = createServer()
            server.listen(0, "127.0.0.1", () => {
              const address = server.address()
              const port = typeof address === "object" && address !== null ? address.port : 0
              server.close(() => resolve(port))
            })
          })
      )
      const client = yield* makePlaneHttpClient({
        plane: "ansible",
        baseUrl: `http://127.0.0.1:${port}/api/v2`
      }).pipe(Effect.provide(Layer.merge(FetchHttpClient.layer, RetryPolicy.none)))
      const error = yield* Effect.flip(client.empty("ping", HttpClientRequest.get("/ping/")))
      expect(error._tag).toBe("TransientError")
      expect(error.code).toBe("ConnectionFailed")
      expect(error.message).toContain("ECONNREFUSED")
      expect(error.message).not.toContain(String(port))
    })
  )

  it.effect("an attempt that takes longer than the timeout is a TransientError", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => Effect.as(Effect.sleep("1 minute"), json(200, {})))
      const client = yield* clientFor(plane, { timeout: "5 seconds" }, RetryPolicy.none)
      const call = yield* Effect.fork(Effect.flip(client.empty("slow", HttpClientRequest.get("/x"))))
      yield* TestClock.adjust("5 seconds")
      const error = yield* Fiber.join(call)
      expect(error._tag).toBe("TransientError")
      expect(error.code).toBe("Timeout")
    })
  )

  it.effect("a body that breaks off is a TransientError", () =>
    Effect.gen(function* () {
      const broken = () =>
        new Response(
          new ReadableStream({
            start: (controller) => controller.error(new Error("connection reset"))
          }),
          { status: 200 }
        )
      const plane = yield* fakePlane(broken)
      const client = yield* clientFor(plane, {}, RetryPolicy.none)
      const error = yield* Effect.flip(client.text("op", HttpClientRequest.get("/x")))
      expect(error._tag).toBe("TransientError")
      // An error answer whose body breaks off still classifies by its status.
      const failing = yield* fakePlane(() => {
        const response = broken()
        return new Response(response.body, { status: 503 })
      })
      const second = yield* Effect.flip(
        (yield* clientFor(failing, {}, RetryPolicy.none)).empty("op", HttpClientRequest.get("/x"))
      )
      expect(second.status).toBe(503)
    })
  )
})

describe("auth", () => {
  it.effect("a 401 refreshes the token once and the retry succeeds", () =>
    Effect.gen(function* () {
      const { tokens, calls } = yield* numberedTokens
      const plane = yield* fakePlane((seen) =>
        seen.headers.authorization === "Bearer token-2"
          ? json(200, {})
          : json(401, { error: "invalid_token" })
      )
      const client = yield* clientFor(plane, { authenticator: bearer(tokens) })
      yield* client.empty("op", HttpClientRequest.get("/x"))
      expect(yield* calls).toBe(2)
      expect((yield* plane.seen).map((s) => s.headers.authorization)).toEqual([
        "Bearer token-1",
        "Bearer token-2"
      ])
    })
  )

  it.effect("a second 401 is the PolicyError, and is not retried further", () =>
    Effect.gen(function* () {
      const { tokens, calls } = yield* numberedTokens
      const plane = yield* fakePlane(() => json(401, { error: "invalid_client" }))
      const client = yield* clientFor(plane, { authenticator: bearer(tokens) })
      const error = yield* Effect.flip(client.empty("op", HttpClientRequest.get("/x")))
      expect(error._tag).toBe("PolicyError")
      expect(error.status).toBe(401)
      expect(yield* plane.count).toBe(2)
      expect(yield* calls).toBe(2)
    })
  )

  it.effect("20 concurrent calls with no token yet cause ONE token request", () =>
    Effect.gen(function* () {
      const fetches = yield* Ref.make(0)
      const tokens = yield* makeTokenProvider({
        name: "graph",
        fetch: Effect.zipRight(
          Ref.update(fetches, (n) => n + 1),
          Effect.as(Effect.sleep("300 millis"), {
            token: Redacted.make("token-1"),
            expiresIn: Duration.hours(1)
          })
        )
      })
      const plane = yield* fakePlane(() => json(200, {}))
      const client = yield* clientFor(plane, { authenticator: bearer(tokens) })
      const calls = yield* Effect.fork(
        Effect.all(
          Array.from({ length: 20 }, () => client.empty("op", HttpClientRequest.get("/x"))),
          { concurrency: "unbounded" }
        )
      )
      yield* TestClock.adjust("300 millis")
      yield* Fiber.join(calls)
      expect(yield* Ref.get(fetches)).toBe(1)
      expect(yield* plane.count).toBe(20)
    })
  )

  it.effect("many requests refused at once cause one refresh", () =>
    Effect.gen(function* () {
      const { tokens, calls } = yield* numberedTokens
      yield* tokens.get
      const plane = yield* fakePlane((seen) =>
        seen.headers.authorization === "Bearer token-1" ? json(401, {}) : json(200, {})
      )
      const client = yield* clientFor(plane, { authenticator: bearer(tokens) })
      yield* Effect.all(
        Array.from({ length: 10 }, () => client.empty("op", HttpClientRequest.get("/x"))),
        { concurrency: "unbounded" }
      )
      expect(yield* calls).toBe(2)
    })
  )

  it.effect("a 403 is a PolicyError without a refresh", () =>
    Effect.gen(function* () {
      const { tokens, calls } = yield* numberedTokens
      const plane = yield* fakePlane(() => json(403, {}))
      const client = yield* clientFor(plane, { authenticator: bearer(tokens) })
      const error = yield* Effect.flip(client.empty("op", HttpClientRequest.get("/x")))
      expect(error._tag).toBe("PolicyError")
      expect(yield* calls).toBe(1)
      expect(yield* plane.count).toBe(1)
    })
  )

  it.effect("bearer can use another header and scheme, and copes with a request that lost it", () =>
    Effect.gen(function* () {
      const { tokens, calls } = yield* numberedTokens
      const auth = bearer(tokens, { header: "X-Auth", scheme: "Token" })
      const signed = yield* auth.apply(HttpClientRequest.get("/x"))
      expect(signed.headers["x-auth"]).toBe("Token token-1")
      yield* auth.invalidate(HttpClientRequest.get("/x"))
      yield* auth.invalidate(HttpClientRequest.get("/x").pipe(HttpClientRequest.setHeader("X-Auth", "Other")))
      yield* auth.apply(HttpClientRequest.get("/x"))
      expect(yield* calls).toBe(2)
    })
  )

  it.effect("basic auth sets the header, and a 401 is final at once: nothing to refresh", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => json(401, {}))
      const client = yield* clientFor(plane, { authenticator: basic("svc", Redacted.make("pw")) })
      const error = yield* Effect.flip(client.empty("op", HttpClientRequest.get("/x")))
      expect(error.status).toBe(401)
      const seen = yield* plane.seen
      expect(seen.map((s) => s.headers.authorization)).toEqual([`Basic ${btoa("svc:pw")}`])
    })
  )

  it.effect("a failing authenticator fails the call with its error", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => json(200, {}))
      const tokens = yield* makeTokenProvider({
        name: "down",
        fetch: Effect.fail(
          new PolicyError({
            plane: "intune",
            operation: "token",
            correlationId: "c",
            message: "consent missing"
          })
        )
      })
      const client = yield* clientFor(plane, { authenticator: bearer(tokens) })
      const error = yield* Effect.flip(client.empty("op", HttpClientRequest.get("/x")))
      expect(error.message).toBe("consent missing")
      expect(yield* plane.count).toBe(0)
    })
  )
})

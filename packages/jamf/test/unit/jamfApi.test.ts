import { HttpClient, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, Ref, Schema } from "effect"
import { makeJamfApi } from "../../src/api/JamfApi.js"
import { makeStickySession } from "../../src/api/stickySession.js"
import { ClassicComputerGroup } from "../../src/classic/schemas.js"
import { distributionOf } from "../../src/publish/distribution.js"
import { testRetries } from "../support/layers.js"
import { simConfig } from "../support/simulator.js"

interface Seen {
  readonly method: string
  readonly path: string
  readonly cookie: string | undefined
}

// A scripted Jamf: answers by path, sets the sticky cookie on creates, and remembers what it was sent.
const fakeJamf = Effect.map(Ref.make<ReadonlyArray<Seen>>([]), (seen) => {
  const client = HttpClient.make((request, url) =>
    Effect.gen(function* () {
      yield* Ref.update(seen, (all) => [
        ...all,
        { method: request.method, path: url.pathname, cookie: request.headers.cookie }
      ])
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
        HttpClientResponse.fromWeb(
          request,
          new Response(JSON.stringify(body), {
            status,
            headers: { "content-type": "application/json", ...headers }
          })
        )
      switch (url.pathname) {
        case "/api/v1/things":
          return json(201, { id: "7" }, { "set-cookie": "jpro-ingress=node-b; Path=/; HttpOnly" })
        case "/api/v1/things/7":
          return json(200, { id: "7" })
        case "/api/v1/missing":
          return json(404, { httpStatus: 404, errors: [{ code: "INVALID_ID" }] })
        case "/api/v1/cloud-distribution-point":
          return json(200, { cdnType: "NONE", hasConnectionSucceeded: false })
        case "/api/v1/distribution-points":
          return json(200, { totalCount: 1, results: [{ id: "1", name: "Main File Share" }] })
        case "/JSSResource/wrong-root":
          return HttpClientResponse.fromWeb(
            request,
            new Response("<policy><id>1</id></policy>", { status: 200 })
          )
        case "/JSSResource/wrong-shape":
          return HttpClientResponse.fromWeb(
            request,
            new Response("<computer_group><id>abc</id><name>n</name></computer_group>", { status: 200 })
          )
        default:
          return HttpClientResponse.fromWeb(request, new Response("text", { status: 200 }))
      }
    })
  )
  return { layer: Layer.succeed(HttpClient.HttpClient, client), seen: Ref.get(seen) }
})

const noAuth = { apply: Effect.succeed, invalidate: () => Effect.void }
const Thing = Schema.Struct({ id: Schema.String })

describe("the Jamf client", () => {
  it.effect(
    "replays the cookie a create set on the operation's later requests, through every client method",
    () =>
      Effect.gen(function* () {
        const fake = yield* fakeJamf
        const api = yield* makeJamfApi(simConfig("https://jamf.test"), noAuth).pipe(
          Effect.provide(Layer.merge(fake.layer, testRetries))
        )
        const session = yield* makeStickySession(api.config.stickyCookieNames)
        const call = { session, correlationId: "corr-1" }
        yield* api.getJson("before", HttpClientRequest.get("/api/v1/things/7"), Thing, call)
        const created = yield* api.create("create", HttpClientRequest.post("/api/v1/things"), Thing, call)
        expect(created).toEqual({ _tag: "Created", value: { id: "7" } })
        expect(yield* session.cookie).toEqual(Option.some("jpro-ingress=node-b"))
        const client = api.client(call)
        yield* client.execute("execute", HttpClientRequest.get("/api/v1/things/7"))
        expect(yield* client.text("text", HttpClientRequest.get("/other"))).toBe("text")
        expect(yield* client.jsonOption("option", HttpClientRequest.get("/api/v1/things/7"), Thing)).toEqual(
          Option.some({ id: "7" })
        )
        expect(yield* client.jsonOption("option", HttpClientRequest.get("/api/v1/missing"), Thing)).toEqual(
          Option.none()
        )
        expect(yield* api.getJsonOption("option", HttpClientRequest.get("/api/v1/missing"), Thing)).toEqual(
          Option.none()
        )
        const seen = yield* fake.seen
        expect(seen.map((s) => s.cookie)).toEqual([
          undefined,
          undefined,
          "jpro-ingress=node-b",
          "jpro-ingress=node-b",
          "jpro-ingress=node-b",
          "jpro-ingress=node-b",
          undefined
        ])
      })
  )

  it.effect("reports file-share distribution points as not replicated", () =>
    Effect.gen(function* () {
      const fake = yield* fakeJamf
      const api = yield* makeJamfApi(simConfig("https://jamf.test"), noAuth).pipe(
        Effect.provide(Layer.merge(fake.layer, testRetries))
      )
      const states = yield* distributionOf(api, { hashType: "SHA3_512", verified: true, detail: "ok" })
      expect(states).toEqual([
        { target: "cloud distribution point (NONE)", state: "available", detail: "ok" },
        {
          target: "Main File Share",
          state: "not_replicated",
          detail:
            "Jamf has no API to copy packages to file-share distribution points; replicate the file with Jamf Admin or a sync tool."
        }
      ])
    })
  )
})

describe("Classic answers", () => {
  it.effect("of another document or shape are PermanentErrors naming what was expected", () =>
    Effect.gen(function* () {
      const fake = yield* fakeJamf
      const api = yield* makeJamfApi(simConfig("https://jamf.test"), noAuth).pipe(
        Effect.provide(Layer.merge(fake.layer, testRetries))
      )
      const read = (path: string) =>
        Effect.flip(api.getXmlOption("read group", path, "computer_group", ClassicComputerGroup))
      const root = yield* read("/JSSResource/wrong-root")
      expect(root).toMatchObject({ _tag: "PermanentError", code: "UndecodableResponse" })
      expect(root.message).toContain("<policy> document, not <computer_group>")
      const shape = yield* read("/JSSResource/wrong-shape")
      expect(shape).toMatchObject({ _tag: "PermanentError", code: "UndecodableResponse" })
      expect(shape.message).toContain("id")
    })
  )
})

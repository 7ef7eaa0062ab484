import { HttpClient, HttpClientResponse } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer, Stream } from "effect"
import {
  decodeAssignmentIntent,
  decodePackageIntent,
  type ExecutionPlane,
  PermanentError
} from "../../src/index.js"
import {
  bodyMutations,
  changeAt,
  type Exchange,
  lifecycleOperations,
  operationReplay,
  outcomeOf,
  recordingTransport,
  recordOperations,
  replayTransport,
  xmlMutations
} from "../../src/testing/index.js"
import { assignmentInput, packageInput } from "../fixtures.js"

// A vendor that counts: each GET of /n answers the next number, so order of replay is visible.
const countingVendor = Layer.sync(HttpClient.HttpClient, () => {
  let n = 0
  return HttpClient.make((request, url) =>
    Effect.sync(() =>
      HttpClientResponse.fromWeb(
        request,
        url.pathname === "/n"
          ? new Response(JSON.stringify({ n: ++n }), {
              status: 200,
              headers: { "content-type": "application/json", "content-length": "7" }
            })
          : new Response(null, { status: 204 })
      )
    )
  )
})

const getJson = (path: string) =>
  Effect.flatMap(HttpClient.HttpClient, (client) =>
    Effect.flatMap(client.get(`http://vendor.test${path}`), (response) =>
      Effect.map(response.text, (text) => ({ status: response.status, text }))
    )
  )

describe("recording and replaying a vendor conversation", () => {
  it.effect("records each exchange and replays it in order, the last answer repeated, 404 otherwise", () =>
    Effect.gen(function* () {
      const recording: Array<Exchange> = []
      const record = recordingTransport(recording).pipe(Layer.provide(countingVendor))
      const live = yield* Effect.all([getJson("/n?x=1"), getJson("/n?x=1"), getJson("/gone")]).pipe(
        Effect.provide(record)
      )
      expect(live.map((r) => r.text)).toEqual(['{"n":1}', '{"n":2}', ""])
      expect(recording.map((e) => `${e.method} ${e.target} ${e.status}`)).toEqual([
        "GET /n?x=1 200",
        "GET /n?x=1 200",
        "GET /gone 204"
      ])
      expect(recording[0]?.headers["content-length"]).toBeUndefined()
      const replayed = yield* Effect.all([
        getJson("/n?x=1"),
        getJson("/n?x=1"),
        getJson("/n?x=1"),
        getJson("/nope")
      ]).pipe(Effect.provide(replayTransport(recording)))
      expect(replayed).toEqual([
        { status: 200, text: '{"n":1}' },
        { status: 200, text: '{"n":2}' },
        { status: 200, text: '{"n":2}' },
        { status: 404, text: "" }
      ])
      const second = recording[1] as Exchange
      const mutated = yield* Effect.all([getJson("/n?x=1"), getJson("/n?x=1")]).pipe(
        Effect.provide(replayTransport(recording, { exchange: second, body: "{" }))
      )
      expect(mutated.map((r) => r.text)).toEqual(['{"n":1}', "{"])
    })
  )

  it("matches targets after normalising, and replays one operation's own answers first", () => {
    const at = (target: string, body: string): Exchange => ({
      method: "GET",
      target,
      status: 200,
      headers: {},
      body
    })
    const recording = [at("/a?ts=1", "first"), at("/b", "b"), at("/a?ts=2", "second")]
    const strip = (target: string) => target.replace(/ts=\d+/, "ts=")
    expect(operationReplay(recording, 2, 3, strip).map((e) => e.body)).toEqual(["second", "b"])
    expect(operationReplay(recording, 2, 3).map((e) => e.body)).toEqual(["second", "first", "b"])
  })
})

describe("mutation helpers", () => {
  it("changes nested values without touching the input, and ignores paths that are not there", () => {
    const base = { a: [1, { b: 2 }], c: "x" }
    expect(changeAt(base, ["a", 1, "b"], { replacement: null })).toEqual({ a: [1, { b: null }], c: "x" })
    expect(changeAt(base, ["a", 0], {})).toEqual({ a: [{ b: 2 }], c: "x" })
    expect(changeAt(base, ["missing", "deeper"], {})).toEqual(base)
    expect(base).toEqual({ a: [1, { b: 2 }], c: "x" })
  })

  it("mutates XML leaves and says which mutated bodies are still well formed", () => {
    const xml = "<a><b>1</b><c>two</c></a>"
    const elements = new Set(xmlMutations(xml).map((m) => m.element))
    expect(elements).toEqual(new Set(["b", "c"]))
    expect(xmlMutations(xml)[0]?.apply()).toBe("<a><c>two</c></a>")
    const fromXml = bodyMutations(xml).map((m) => m())
    expect(fromXml.some((m) => m.wellFormed)).toBe(true)
    expect(fromXml.some((m) => !m.wellFormed)).toBe(true)
    const fromJson = bodyMutations('{"a":1}').map((m) => m())
    expect(fromJson).toContainEqual({ body: "{}", wellFormed: true })
    expect(fromJson).toContainEqual({ body: "{", wellFormed: false })
    expect(bodyMutations("plain text").every((m) => typeof m().body === "string")).toBe(true)
  })
})

describe("recording a plane's operations", () => {
  const fail = () =>
    Effect.fail(new PermanentError({ plane: "core", operation: "t", correlationId: "c", message: "no" }))
  const plane: ExecutionPlane = {
    plane: "ansible",
    publishPackage: () => Effect.succeed({} as never),
    createAssignment: () => Effect.succeed({ ref: "ansible:job=1" } as never),
    queryState: (ref) => (ref === "ansible:job=1" ? Effect.succeed({} as never) : fail()),
    deviceStates: () => Stream.empty,
    remediate: () => Effect.succeed({ ref: "ansible:job=2" } as never),
    rollback: fail
  }

  it.effect("hands later operations the ref the assignment returned, noting each one's exchanges", () =>
    Effect.gen(function* () {
      const context = { operation: "test", correlationId: "c" }
      const operations = lifecycleOperations(
        yield* decodePackageIntent(packageInput, context),
        yield* decodeAssignmentIntent(assignmentInput, context)
      )
      const recorded = yield* recordOperations(Effect.succeed(plane), operations, [])
      expect(recorded.ref).toBe("ansible:job=1")
      expect(recorded.operations.map((o) => [o.name, o.from, o.to])).toEqual([
        ["publishPackage", 0, 0],
        ["createAssignment", 0, 0],
        ["queryState", 0, 0],
        ["deviceStates", 0, 0],
        ["remediate", 0, 0]
      ])
    })
  )

  it("sorts exits into success, a typed error, or a defect", () => {
    expect(outcomeOf(Exit.succeed(1))).toEqual({ _tag: "Success" })
    expect(outcomeOf(Effect.runSyncExit(fail()))._tag).toBe("PlaneError")
    const defect = outcomeOf(Effect.runSyncExit(Effect.die(new TypeError("boom"))))
    expect(defect._tag).toBe("Defect")
    if (defect._tag === "Defect") expect(defect.detail).toContain("boom")
  })
})

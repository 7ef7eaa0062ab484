import { HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Tracer } from "effect"
import { clientFor, fakePlane, json } from "./fakeHttp.js"

/** A tracer that records the name of every span it opens and otherwise behaves like Effect's own. */
const recordingTracer = Effect.map(Effect.tracer, (builtIn) => {
  const names: Array<string> = []
  const tracer = Tracer.make({
    span: (...args) => {
      names.push(args[0])
      return builtIn.span(...args)
    },
    context: builtIn.context
  })
  return { tracer, names }
})

describe("transport tracing", () => {
  it.effect(
    "is off with Effect's built-in tracer: no span, no traceparent, the correlation id still sent",
    () =>
      Effect.gen(function* () {
        const plane = yield* fakePlane(() => json(200, {}))
        const client = yield* clientFor(plane)
        yield* client.text("op", HttpClientRequest.get("/x"))
        const [seen] = yield* plane.seen
        expect(seen?.headers.traceparent).toBeUndefined()
        expect(seen?.headers["x-correlation-id"]).toMatch(/^[0-9a-f-]{36}$/)
      })
  )

  it.effect("follows a tracer the app installed: a client span per request, propagated as traceparent", () =>
    Effect.gen(function* () {
      const { tracer, names } = yield* recordingTracer
      const plane = yield* fakePlane(() => json(200, {}))
      const client = yield* clientFor(plane)
      yield* client.text("op", HttpClientRequest.get("/x")).pipe(Effect.withTracer(tracer))
      const [seen] = yield* plane.seen
      expect(seen?.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/)
      expect(names).toContain("http.client GET")
    })
  )

  it.effect("can be forced either way with the tracing option", () =>
    Effect.gen(function* () {
      const { tracer, names } = yield* recordingTracer
      const plane = yield* fakePlane(() => json(200, {}))
      const on = yield* clientFor(plane, { tracing: true })
      const off = yield* clientFor(plane, { tracing: false })
      yield* on.text("op", HttpClientRequest.get("/on"))
      yield* off.text("op", HttpClientRequest.get("/off")).pipe(Effect.withTracer(tracer))
      const [tracedCall, untracedCall] = yield* plane.seen
      expect(tracedCall?.headers.traceparent).toBeDefined()
      expect(untracedCall?.headers.traceparent).toBeUndefined()
      expect(names).not.toContain("http.client GET")
    })
  )
})

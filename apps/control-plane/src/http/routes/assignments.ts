import { Correlation, type DeviceState, PermanentError, type PlaneError } from "@planes/core"
import { Cause, Chunk, Effect, Exit, Option, Runtime, Schema, Stream } from "effect"
import type { Context, Hono } from "hono"
import { ControlPlane } from "../../service/ControlPlane.js"
import { route } from "../auth.js"
import { type AppEnv, actorOf } from "../env.js"
import { planeProblem, problemOf } from "../problem.js"
import { outcomeJson } from "../report.js"
import { ok, problemAnswer, runAnswer, send } from "../respond.js"

/** The media type of streamed device states: one JSON document per line. */
export const ndjson = "application/x-ndjson"

const Paging = Schema.Struct({
  target: Schema.optional(Schema.String),
  offset: Schema.optionalWith(Schema.NumberFromString.pipe(Schema.int(), Schema.nonNegative()), {
    default: () => 0
  }),
  limit: Schema.optionalWith(Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, 1000)), {
    default: () => 100
  }),
  format: Schema.optional(Schema.Literal("json", "ndjson"))
})

const badQuery = (c: Context<AppEnv>, message: string) =>
  new PermanentError({
    plane: "control-plane",
    operation: c.var.action,
    correlationId: c.var.correlationId,
    code: "InvalidInput",
    message
  })

const ctxOf = (c: Context<AppEnv>) => ({
  actor: actorOf(c.var.caller),
  correlationId: c.var.correlationId,
  idempotencyKey: null,
  requestHash: ""
})

/** Assignment state: the summary per target, and device states paged or streamed as NDJSON. */
export const assignmentRoutes = (app: Hono<AppEnv>, runtime: Runtime.Runtime<ControlPlane>) => {
  app.get("/v1/assignments/:id", route("assignments.state", "viewer"), async (c) =>
    send(
      c,
      await runAnswer(
        runtime,
        c,
        Effect.flatMap(ControlPlane, (cp) => cp.state(c.req.param("id"), ctxOf(c))).pipe(
          Effect.map((report) => ok(200, { ...report, targets: report.targets.map(outcomeJson) }))
        )
      )
    )
  )

  app.get("/v1/assignments/:id/devices", route("assignments.devices", "viewer"), async (c) => {
    const query = Schema.decodeUnknownEither(Paging)(c.req.query())
    if (query._tag === "Left") {
      return send(
        c,
        problemAnswer(
          planeProblem(
            badQuery(c, "offset must be ≥ 0 and limit 1..1000; format json or ndjson."),
            c.req.path
          )
        )
      )
    }
    const { format, limit, offset } = query.right
    const streamed =
      format === "ndjson" || (format === undefined && (c.req.header("accept") ?? "").includes(ndjson))
    const opened = await Runtime.runPromiseExit(runtime)(
      Effect.gen(function* () {
        const cp = yield* ControlPlane
        const target = query.right.target ?? (cp.targets.length === 1 ? cp.targets[0]?.name : undefined)
        if (target === undefined) return yield* badQuery(c, "Name the target: ?target=<name>.")
        return yield* cp.deviceStates(c.req.param("id"), target, ctxOf(c))
      })
    )
    if (Exit.isFailure(opened)) {
      const failure = Option.getOrUndefined(Cause.failureOption(opened.cause))
      return send(c, problemAnswer(problemOf(failure, c.var.correlationId, c.req.path)))
    }
    // The stream runs on a runtime carrying the correlation id, so every plane request it makes has it.
    const withId = Runtime.runSync(runtime)(
      Correlation.withCorrelationId(c.var.correlationId)(Effect.runtime<never>())
    )
    const devices: Stream.Stream<DeviceState, PlaneError> = opened.value
    if (streamed) {
      // A failure part-way is the last line, as a problem, so a reader knows the list is incomplete.
      const lines = devices.pipe(
        Stream.map((d) => `${JSON.stringify(d)}\n`),
        Stream.catchAll((e) => Stream.make(`${JSON.stringify({ error: planeProblem(e) })}\n`)),
        Stream.encodeText
      )
      return new Response(Stream.toReadableStreamRuntime(lines, withId), {
        status: 200,
        headers: { "content-type": ndjson, "x-correlation-id": c.var.correlationId }
      })
    }
    const page = await Runtime.runPromiseExit(withId)(
      Stream.runCollect(devices.pipe(Stream.drop(offset), Stream.take(limit + 1)))
    )
    if (Exit.isFailure(page)) {
      const failure = Option.getOrUndefined(Cause.failureOption(page.cause))
      return send(c, problemAnswer(problemOf(failure, c.var.correlationId, c.req.path)))
    }
    const items = Chunk.toReadonlyArray(page.value)
    const more = items.length > limit
    return send(
      c,
      ok(200, {
        items: items.slice(0, limit),
        offset,
        limit,
        ...(more && { nextOffset: offset + limit })
      })
    )
  })
}

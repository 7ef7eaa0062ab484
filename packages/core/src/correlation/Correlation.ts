import { Effect, FiberRef, Option, Stream } from "effect"

/** The header that carries the correlation id, unless a plane asks for another (Graph: client-request-id). */
export const defaultCorrelationHeader = "X-Correlation-ID"

const currentRef: FiberRef.FiberRef<Option.Option<string>> = FiberRef.unsafeMake(Option.none<string>())

/** A fresh correlation id: a random UUID, the form Graph expects in client-request-id. */
export const generate: Effect.Effect<string> = Effect.sync(() => crypto.randomUUID())

/** Runs `effect` with `id` as the current correlation id, on every log line it writes too. */
export const withCorrelationId =
  (id: string) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    effect.pipe(Effect.annotateLogs("correlationId", id), Effect.locally(currentRef, Option.some(id)))

/** The correlation id in force, if one was set. */
export const currentOption: Effect.Effect<Option.Option<string>> = FiberRef.get(currentRef)

/**
 * Runs `effect` under a correlation id: the one already in force, or a new one.
 * Every plane operation is wrapped in this, so nothing runs without an id.
 */
export const ensure = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.flatMap(currentOption, (current) =>
    Option.isSome(current) ? effect : Effect.flatMap(generate, (id) => withCorrelationId(id)(effect))
  )

/** The correlation id in force; generates one (without installing it) when none is set. */
export const current: Effect.Effect<string> = Effect.flatMap(currentOption, (id) =>
  Option.match(id, { onNone: () => generate, onSome: Effect.succeed })
)

/**
 * Runs a stream under the correlation id in force when it starts, or a new one: every request and log
 * line of every page carries the same id. For operations that return a `Stream` (device states).
 */
export const ensureStream = <A, E, R>(stream: Stream.Stream<A, E, R>): Stream.Stream<A, E, R> =>
  Stream.unwrapScoped(
    Effect.gen(function* () {
      const id = yield* current
      yield* Effect.locallyScoped(currentRef, Option.some(id))
      yield* Effect.annotateLogsScoped("correlationId", id)
      return stream
    })
  )

import { Correlation } from "@planes/core"
import { Effect, Stream } from "effect"

/**
 * LOCAL STAND-IN for a core helper (asked for in the report): runs every pull of `stream` under the
 * correlation id `id`. Core's `Correlation.ensure` scopes an Effect, but a Stream is pulled later, by
 * its consumer, outside that scope; core's paging reads the id in force when the stream starts. Running
 * each pull under `withCorrelationId` gives every page request of an operation the operation's id.
 */
export const withCorrelationStream =
  (id: string) =>
  <A, E>(stream: Stream.Stream<A, E>): Stream.Stream<A, E> =>
    Stream.unwrapScoped(
      Effect.map(Stream.toPull(stream), (pull) =>
        Stream.repeatEffectChunkOption(Correlation.withCorrelationId(id)(pull))
      )
    )

import type { ExecutionPlane } from "@planes/core"
import { Effect, Stream } from "effect"

/** The log annotation naming the target a connector's work is for. */
export const targetAnnotation = "target"

/** `effect` with every log line (and anything that reads the annotations) naming `target`. */
export const forTarget =
  (target: string) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.annotateLogs(effect, targetAnnotation, target)

/**
 * The connector with each of its operations annotated with its target's name, so its log lines (and its
 * HTTP requests, for a transport that reads the annotations) say which target they are for. A stream is
 * pulled by its consumer's fiber, so each pull is annotated rather than the stream as a whole.
 */
export const annotateConnector = (target: string, connector: ExecutionPlane): ExecutionPlane => {
  const annotate = forTarget(target)
  return {
    plane: connector.plane,
    publishPackage: (intent) => annotate(connector.publishPackage(intent)),
    createAssignment: (intent) => annotate(connector.createAssignment(intent)),
    queryState: (ref) => annotate(connector.queryState(ref)),
    deviceStates: (ref) =>
      Stream.unwrapScoped(
        Effect.map(Stream.toPull(connector.deviceStates(ref)), (pull) =>
          Stream.repeatEffectChunkOption(annotate(pull))
        )
      ),
    remediate: (ref, intended) => annotate(connector.remediate(ref, intended)),
    rollback: (ref, version) => annotate(connector.rollback(ref, version))
  }
}

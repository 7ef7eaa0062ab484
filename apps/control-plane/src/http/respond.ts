import { Cause, Effect, Option, Runtime } from "effect"
import type { Context } from "hono"
import type { AppEnv } from "./env.js"
import { type Problem, problemMediaType, problemOf } from "./problem.js"

/** A finished answer: status and JSON body, or a problem. */
export interface Answer {
  readonly status: number
  readonly body: unknown
  readonly problem?: Problem
  /** Overrides the media type (a replayed problem keeps its problem+json). */
  readonly mediaType?: string
}

/** An answer with a JSON body. */
export const ok = (status: number, body: unknown): Answer => ({ status, body })

/** An answer with a problem document. */
export const problemAnswer = (problem: Problem): Answer => ({
  status: problem.status,
  body: problem,
  problem
})

/** Writes an answer, noting a problem's class for the audit entry. */
export const send = (c: Context<AppEnv>, answer: Answer, headers: Record<string, string> = {}): Response => {
  const problem = answer.problem
  if (problem !== undefined) {
    c.set("errorClass", problem.errorClass)
    c.set("auditDetail", problem.detail)
    if (problem.retryAfterSeconds !== undefined) headers["retry-after"] = String(problem.retryAfterSeconds)
  }
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: {
      "content-type": answer.mediaType ?? (problem !== undefined ? problemMediaType : "application/json"),
      "x-correlation-id": c.var.correlationId,
      ...headers
    }
  })
}

/**
 * Runs a handler's Effect on the app runtime; a typed failure becomes its problem document, a defect
 * an internal-error problem (logged with its cause, never sent).
 */
export const runAnswer = <R>(
  runtime: Runtime.Runtime<R>,
  c: Context<AppEnv>,
  effect: Effect.Effect<Answer, unknown, R>
): Promise<Answer> => Runtime.runPromise(runtime)(answering(c, effect))

/** The same as an Effect: every failure and defect becomes a problem answer, so it never fails. */
export const answering = <R>(c: Context<AppEnv>, effect: Effect.Effect<Answer, unknown, R>) =>
  Effect.catchAllCause(effect, (cause) => {
    const failure = Cause.failureOption(cause)
    const answer = problemAnswer(problemOf(Option.getOrUndefined(failure), c.var.correlationId, c.req.path))
    return Option.isNone(failure)
      ? Effect.as(Effect.logError("unhandled failure", cause), answer)
      : Effect.succeed(answer)
  })

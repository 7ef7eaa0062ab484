import { createHash } from "node:crypto"
import { canonicalJson, PermanentError, TransientError } from "@planes/core"
import { Effect } from "effect"
import type { StoreError } from "../store/errors.js"
import { Repository } from "../store/Repository.js"
import { problemMediaType } from "./problem.js"
import type { Answer } from "./respond.js"

/** The header callers send to make a request safe to repeat. */
export const idempotencyHeader = "Idempotency-Key"

const validKey = /^[\x21-\x7e]{1,255}$/

/** The digest that tells a repeat from a different request under the same key. */
export const requestHash = (method: string, path: string, body: unknown): string =>
  createHash("sha256")
    .update(`${method} ${path}\n${canonicalJson(body)}`)
    .digest("hex")

/** The answer a stored replay gives back. */
const StoredAnswer = (status: number, body: unknown): Answer => ({
  status,
  body,
  ...(status >= 400 && { mediaType: problemMediaType })
})

/**
 * Stores the answer under a claimed key so repeats replay it; an answer a retry may change (a transient
 * problem) releases the key instead, so the caller's retry runs again.
 */
export const settleIdempotency = (
  scope: string,
  key: string,
  answer: Answer
): Effect.Effect<void, StoreError, Repository> =>
  Effect.flatMap(Repository, (repo) => {
    if (answer.problem?.retryable === true) return repo.releaseIdempotency(scope, key)
    const operationId =
      typeof answer.body === "object" && answer.body !== null && "operationId" in answer.body
        ? String(answer.body.operationId)
        : null
    return repo.finishIdempotency({
      scope,
      key,
      statusCode: answer.status,
      response: answer.body,
      operationId,
      at: new Date().toISOString()
    })
  })

/**
 * Runs `handler` at most once per (caller, key): a repeat with the same request gets the stored answer,
 * a repeat with another request a 422, a repeat while the first still runs a 409. Answers that a retry may
 * change (transient problems) are not stored: the key is released so the caller's retry runs again, which
 * is safe because every plane operation is idempotent on the plane's side.
 */
export const idempotent = <R>(input: {
  readonly scope: string
  readonly key: string
  readonly hash: string
  readonly correlationId: string
  readonly handler: Effect.Effect<Answer, never, R>
}): Effect.Effect<
  { readonly answer: Answer; readonly replayed: boolean },
  StoreError | PermanentError | TransientError,
  R | Repository
> =>
  Effect.gen(function* () {
    const context = {
      plane: "control-plane",
      operation: "idempotency",
      correlationId: input.correlationId
    } as const
    if (!validKey.test(input.key)) {
      return yield* new PermanentError({
        ...context,
        code: "InvalidInput",
        message: "The Idempotency-Key header must be 1 to 255 printable ASCII characters."
      })
    }
    const repo = yield* Repository
    const at = new Date().toISOString()
    const claim = yield* repo.claimIdempotency({
      scope: input.scope,
      key: input.key,
      requestHash: input.hash,
      at
    })
    switch (claim._tag) {
      case "Mismatch":
        return yield* new PermanentError({
          ...context,
          code: "IdempotencyMismatch",
          message: `The Idempotency-Key ${input.key} was already used with a different request; use a new key for a new request.`
        })
      case "InFlight":
        return yield* new TransientError({
          ...context,
          code: "IdempotencyInFlight",
          message: `A request with the Idempotency-Key ${input.key} is still running; retry when it has finished.`
        })
      case "Replay":
        return { answer: StoredAnswer(claim.statusCode, claim.response), replayed: true }
      case "Claimed": {
        const answer = yield* input.handler.pipe(
          // A failure here (the store went away mid-request) must not leave the key claimed forever.
          Effect.onInterrupt(() => Effect.ignore(repo.releaseIdempotency(input.scope, input.key)))
        )
        yield* settleIdempotency(input.scope, input.key, answer)
        return { answer, replayed: false }
      }
    }
  })

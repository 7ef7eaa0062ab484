import { Headers, HttpClientRequest } from "@effect/platform"
import { Effect, HashMap, Option, Predicate, Redacted, Ref } from "effect"
import * as Correlation from "../correlation/Correlation.js"
import type { ErrorSource } from "../domain/PlaneId.js"
import { type PlaneError, PolicyError } from "../errors/PlaneError.js"
import type { Authenticator } from "./Authenticator.js"

/** Options for `referenceBearer`. */
export interface ReferenceBearerOptions {
  /** The plane named in the refusal. */
  readonly plane: ErrorSource
  /** The service that refused, as users know it ("AWX", "AdminService"). */
  readonly service: string
  /** The token as its reference holds it now (read afresh, or through a cache that `reject` resets). */
  readonly token: Effect.Effect<Redacted.Redacted<string>, PlaneError>
  /** Forgets a cached copy of a refused token, so the next read goes to the reference. */
  readonly reject?: (token: Redacted.Redacted<string>) => Effect.Effect<void>
  /** What the user must do when the reference still holds the refused token (renew it, and how). */
  readonly advice: string
}

const prefix = "Bearer "

// The operation the refused request belonged to: the plane client annotates its work with it.
const currentOperation = Effect.map(Effect.logAnnotations, (annotations) =>
  Option.getOrElse(
    Option.filter(HashMap.get(annotations, "operation"), Predicate.isString),
    () => "authenticate"
  )
)

const stillRefused = (options: ReferenceBearerOptions) =>
  Effect.flatMap(Effect.zip(currentOperation, Correlation.current), ([operation, correlationId]) =>
    Effect.fail(
      new PolicyError({
        plane: options.plane,
        operation,
        correlationId,
        status: 401,
        code: "TokenRefused",
        message: `${options.service} refused the bearer token (expired, revoked or unknown) and its reference still holds that token; ${options.advice}`
      })
    )
  )

/**
 * Bearer auth with a token planes cannot obtain itself, only read from its secret reference (an AWX
 * personal access token, an Entra token for AdminService kept fresh by an agent). After a 401 the
 * reference is read again: a renewed token is sent once more; the refused one is never sent again, so a
 * token that expired while its reference still holds it is a PolicyError (`TokenRefused`) after exactly
 * one request, and later calls fail the same way without a request until the reference changes.
 */
export const referenceBearer = (options: ReferenceBearerOptions): Effect.Effect<Authenticator> =>
  Effect.map(Ref.make(Option.none<Redacted.Redacted<string>>()), (refused) => ({
    apply: (request) =>
      Effect.gen(function* () {
        const token = yield* options.token
        const last = yield* Ref.get(refused)
        if (Option.isSome(last) && Redacted.value(last.value) === Redacted.value(token)) {
          // A cache must not keep the refused token either, or a renewed reference would go unread.
          yield* options.reject?.(token) ?? Effect.void
          return yield* stillRefused(options)
        }
        return HttpClientRequest.setHeader(request, "authorization", `${prefix}${Redacted.value(token)}`)
      }),
    invalidate: (rejected) =>
      Option.match(Headers.get(rejected.headers, "authorization"), {
        onNone: () => Effect.void,
        onSome: (header) => {
          if (!header.startsWith(prefix)) return Effect.void
          const token = Redacted.make(header.slice(prefix.length))
          return Effect.zipRight(Ref.set(refused, Option.some(token)), options.reject?.(token) ?? Effect.void)
        }
      }),
    secretHeaders: ["authorization"]
  }))

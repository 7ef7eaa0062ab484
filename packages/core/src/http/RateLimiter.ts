import { Clock, Duration, Effect, Ref } from "effect"

/** A token bucket: `perSecond` tokens flow in (a rate of zero or less means no limit), at most `burst` are held. */
export interface RateLimit {
  readonly perSecond: number
  readonly burst: number
}

/** How a plane is spared: a request rate and a bound on requests in flight; either may be absent. */
export interface LimitSettings {
  readonly rate?: RateLimit
  readonly maxConcurrent?: number
}

/** Runs effects within a plane's limits: callers wait their turn rather than fail. */
export interface Limiter {
  /** Waits for a rate token (callers are served in arrival order). */
  readonly take: Effect.Effect<void>
  /** Waits for an in-flight slot, then a rate token, then runs `effect` holding the slot. */
  readonly limit: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

/**
 * A token bucket on the Effect `Clock`. Each caller reserves the next token at once (the balance may go
 * negative: that is the queue) and sleeps until its token is due, so callers are served in arrival order
 * without holding a lock while they wait. A caller interrupted while waiting gives its token back.
 */
export const makeRateLimiter = (rate: RateLimit): Effect.Effect<Effect.Effect<void>> => {
  const perMilli = rate.perSecond / 1000
  const burst = Math.max(1, rate.burst)
  return Effect.gen(function* () {
    const start = yield* Clock.currentTimeMillis
    const bucket = yield* Ref.make({ tokens: burst, at: start })
    return Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const wait = yield* Ref.modify(bucket, (b) => {
        const tokens = Math.min(burst, b.tokens + (now - b.at) * perMilli) - 1
        return [tokens >= 0 ? 0 : Math.ceil(-tokens / perMilli), { tokens, at: now }] as const
      })
      if (wait > 0) {
        yield* Effect.sleep(Duration.millis(wait)).pipe(
          Effect.onInterrupt(() => Ref.update(bucket, (b) => ({ ...b, tokens: b.tokens + 1 })))
        )
      }
    })
  })
}

/** Builds the limits of one plane, once; every request of that plane then goes through `limit`. */
export const makeLimiter = (settings: LimitSettings): Effect.Effect<Limiter> =>
  Effect.gen(function* () {
    const take =
      settings.rate === undefined || !(settings.rate.perSecond > 0)
        ? Effect.void
        : yield* makeRateLimiter(settings.rate)
    const slots =
      settings.maxConcurrent === undefined
        ? undefined
        : yield* Effect.makeSemaphore(Math.max(1, settings.maxConcurrent))
    return {
      take,
      limit: (effect) => {
        const paced = Effect.zipRight(take, effect)
        return slots === undefined ? paced : slots.withPermits(1)(paced)
      }
    }
  })

import { Clock, Context, Duration, Effect, Layer, Random, Schedule, ScheduleDecision } from "effect"
import * as ScheduleInterval from "effect/ScheduleInterval"
import { TransientError } from "../errors/PlaneError.js"

/** How hard to try: attempts in all (the first included), the backoff range, and the total time budget. */
export interface RetrySettings {
  readonly maxAttempts: number
  readonly baseDelay: Duration.Duration
  readonly maxDelay: Duration.Duration
  readonly budget: Duration.Duration
}

/** Retry settings as written in configuration: any duration input (`"2 seconds"`, millis, a Duration). */
export interface RetrySettingsInput {
  readonly maxAttempts: number
  readonly baseDelay: Duration.DurationInput
  readonly maxDelay: Duration.DurationInput
  readonly budget: Duration.DurationInput
}

/** Normalises settings: durations decoded, at least one attempt, a ceiling no lower than the base. */
export const retrySettings = (input: RetrySettingsInput): RetrySettings => {
  const baseDelay = Duration.decode(input.baseDelay)
  return {
    maxAttempts: Math.max(1, Math.floor(input.maxAttempts)),
    baseDelay,
    maxDelay: Duration.max(baseDelay, Duration.decode(input.maxDelay)),
    budget: Duration.decode(input.budget)
  }
}

/**
 * The defaults: five attempts, backoff from 500 ms capped at 30 s, two minutes in all. Graph asks for
 * waits of seconds when it throttles, so the budget leaves room for a few of them.
 */
export const defaultSettings: RetrySettings = retrySettings({
  maxAttempts: 5,
  baseDelay: "500 millis",
  maxDelay: "30 seconds",
  budget: "2 minutes"
})

/** No retries at all: the first failure is the answer (Pact consumer tests, callers that retry themselves). */
export const noRetrySettings: RetrySettings = retrySettings({
  maxAttempts: 1,
  baseDelay: 0,
  maxDelay: 0,
  budget: 0
})

/**
 * The retry policy in force, a service so tests and Pact runs switch retries off without touching
 * adapter code. Only `TransientError` is ever retried.
 */
export class RetryPolicy extends Context.Tag("@planes/core/RetryPolicy")<RetryPolicy, RetrySettings>() {
  /** A policy with the given settings. */
  static readonly layer = (input: RetrySettingsInput): Layer.Layer<RetryPolicy> =>
    Layer.succeed(RetryPolicy, retrySettings(input))
  /** The default policy (see `defaultSettings`). */
  static readonly default: Layer.Layer<RetryPolicy> = Layer.succeed(RetryPolicy, defaultSettings)
  /** No retries. */
  static readonly none: Layer.Layer<RetryPolicy> = Layer.succeed(RetryPolicy, noRetrySettings)
}

/** Full jitter: a uniform wait in [0, min(maxDelay, base·2^retry)], drawn from Effect's `Random`. */
export const backoffDelay = (policy: RetrySettings, retry: number): Effect.Effect<Duration.Duration> => {
  const ceiling = Math.min(
    Duration.toMillis(policy.maxDelay),
    Duration.toMillis(policy.baseDelay) * 2 ** Math.min(retry, 52)
  )
  return Effect.map(Random.nextIntBetween(0, Math.floor(ceiling) + 1), Duration.millis)
}

/** The wait before the next attempt: what the plane asked for (Retry-After), else jittered backoff. */
export const retryDelay = (
  policy: RetrySettings,
  error: TransientError,
  retry: number
): Effect.Effect<Duration.Duration> =>
  error.retryAfter !== undefined ? Effect.succeed(error.retryAfter) : backoffDelay(policy, retry)

/**
 * The policy as a `Schedule` fed with the failures of a call that started at `startedAt` (Clock millis).
 * It continues only after a `TransientError`, while attempts remain and the wait ends inside the budget;
 * when it stops, `Effect.retry` fails with the last error, never a stale one.
 */
export const retrySchedule = (
  policy: RetrySettings,
  startedAt: number
): Schedule.Schedule<Duration.Duration, unknown> =>
  Schedule.makeWithState<number, unknown, Duration.Duration>(0, (now, input, retries) => {
    const stop = Effect.succeed([retries, Duration.zero, ScheduleDecision.done] as const)
    if (!(input instanceof TransientError) || retries + 1 >= policy.maxAttempts) return stop
    return Effect.flatMap(retryDelay(policy, input, retries), (delay) => {
      const wait = Duration.toMillis(delay)
      if (now - startedAt + wait > Duration.toMillis(policy.budget)) return stop
      return Effect.as(
        Effect.logDebug("retrying after a transient failure").pipe(
          Effect.annotateLogs({
            attempt: retries + 2,
            delay: Duration.format(delay),
            status: input.status ?? "none",
            code: input.code ?? "none",
            operation: input.operation
          })
        ),
        [retries + 1, delay, ScheduleDecision.continueWith(ScheduleInterval.after(now + wait))] as const
      )
    })
  })

/**
 * Runs `effect` under the policy's settings, retrying transient failures only. Most calls succeed at
 * once, so the schedule is only set up after a first failure, which it is then fed as if it had run it.
 */
export const retryWith =
  (policy: RetrySettings) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    policy.maxAttempts <= 1
      ? effect
      : Effect.flatMap(Clock.currentTimeMillis, (startedAt) =>
          Effect.catchAll(effect, (first) => {
            let replayed = false
            const again = Effect.suspend(() => {
              if (replayed) return effect
              replayed = true
              return Effect.fail(first)
            })
            return Effect.retry(again, retrySchedule(policy, startedAt))
          })
        )

/** Runs `effect` under the `RetryPolicy` in context, retrying transient failures only. */
export const retrying = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R | RetryPolicy> =>
  Effect.flatMap(RetryPolicy, (policy) => retryWith(policy)(effect))

import { Schema } from "effect"
import { exactOptional } from "../exact-optional.js"

/** Which callers share one bucket of a rule. */
export const ThrottleScope = Schema.Literal("tenant", "client", "tenant-client", "global")
/** Which callers share one bucket: per tenant (all apps), per client, per client within a tenant, or one. */
export type ThrottleScope = typeof ThrottleScope.Type

const PositiveInt = Schema.Int.pipe(Schema.greaterThanOrEqualTo(1))

/** One throttling limit: `limit` requests per `windowMs` for the matching requests, per scope. */
export const ThrottleRule = Schema.Struct({
  /** Names the rule in bucket keys and logs; unique. */
  name: Schema.String.pipe(Schema.minLength(1)),
  /** Methods this limit counts (case-insensitive); all when absent (e.g. writes: POST, PUT, PATCH, DELETE). */
  methods: exactOptional(Schema.Array(Schema.String)),
  /** Path pattern of the route group; every path when absent. */
  path: exactOptional(Schema.String),
  scope: ThrottleScope,
  limit: PositiveInt,
  windowMs: PositiveInt,
  /** Bucket capacity; defaults to `limit`. */
  burst: exactOptional(PositiveInt)
})
/** One throttling limit. */
export type ThrottleRule = typeof ThrottleRule.Type

/** How Retry-After is written on a throttling 429. */
export const RetryAfterSettings = Schema.Struct({
  /** Seconds with up to three decimals (`2.128`) instead of whole seconds rounded up. */
  fractional: Schema.Boolean,
  /** Probability of leaving the header out, as real Intune sometimes does. */
  omitProbability: Schema.Number.pipe(Schema.between(0, 1))
})

/** Everything about throttling that can change at runtime. */
export const ThrottleSettings = Schema.Struct({
  enabled: Schema.Boolean,
  rules: Schema.Array(ThrottleRule),
  retryAfter: RetryAfterSettings,
  /** Answer an early retry with another 429 and restart its window (dev-proxy's RetryAfterPlugin). */
  punishEarlyRetries: Schema.Boolean
})
/** Everything about throttling that can change at runtime. */
export type ThrottleSettings = typeof ThrottleSettings.Type

/** A partial update of the settings; `retryAfter` fields merge individually. */
export const ThrottleSettingsPatch = Schema.Struct({
  enabled: exactOptional(Schema.Boolean),
  rules: exactOptional(Schema.Array(ThrottleRule)),
  retryAfter: exactOptional(Schema.partialWith(RetryAfterSettings, { exact: true })),
  punishEarlyRetries: exactOptional(Schema.Boolean)
})
/** A partial update of the settings. */
export type ThrottleSettingsPatch = typeof ThrottleSettingsPatch.Type

/** Settings with nothing throttled (the default: no limits unless a simulator or test sets some). */
export const defaultThrottleSettings: ThrottleSettings = {
  enabled: true,
  rules: [],
  retryAfter: { fractional: false, omitProbability: 0 },
  punishEarlyRetries: false
}

/** Applies a patch to settings. */
export const patchSettings = (base: ThrottleSettings, patch: ThrottleSettingsPatch): ThrottleSettings => ({
  enabled: patch.enabled ?? base.enabled,
  rules: patch.rules ?? base.rules,
  retryAfter: { ...base.retryAfter, ...patch.retryAfter },
  punishEarlyRetries: patch.punishEarlyRetries ?? base.punishEarlyRetries
})

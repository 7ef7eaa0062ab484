import type { SimClock } from "../clock.js"
import { compilePathPattern, type PathPattern } from "../path-pattern.js"
import type { Prng } from "../prng.js"
import {
  patchSettings,
  type ThrottleRule,
  type ThrottleSettings,
  type ThrottleSettingsPatch
} from "./throttle-settings.js"
import { type BucketShape, type BucketState, msUntilToken, refill } from "./token-bucket.js"

/** The request facts throttling works on. */
export interface ThrottleRequest {
  readonly method: string
  readonly path: string
  readonly tenant: string
  readonly client: string
  /** The throttle key ("workload"): Retry-After windows are kept per tenant, client and key. */
  readonly key: string
}

/** A request sent before the Retry-After its client was given had passed. */
export interface EarlyRetry {
  readonly at: string
  readonly tenant: string
  readonly client: string
  readonly key: string
  readonly method: string
  readonly path: string
  /** When the client was allowed back, ISO 8601. */
  readonly retryAfterDeadline: string
  /** How much too early, in ms. */
  readonly earlyByMs: number
}

/** Outcome of the throttle check. */
export type ThrottleDecision =
  | { readonly kind: "pass"; readonly earlyRetry: boolean }
  | {
      readonly kind: "throttled"
      readonly earlyRetry: boolean
      /** Which rule ran dry (or `early-retry` for a punished early retry). */
      readonly reason: string
      /** Headers for the 429: Retry-After unless it was left out. */
      readonly headers: Readonly<Record<string, string>>
    }

interface CompiledRule {
  readonly rule: ThrottleRule
  readonly methods: readonly string[] | undefined
  readonly path: PathPattern | undefined
  readonly shape: BucketShape
}

interface Window {
  readonly deadlineMs: number
  readonly durationMs: number
}

const compile = (rule: ThrottleRule): CompiledRule => ({
  rule,
  methods: rule.methods?.map((m) => m.toUpperCase()),
  path: rule.path === undefined ? undefined : compilePathPattern(rule.path),
  shape: { capacity: rule.burst ?? rule.limit, refillPerMs: rule.limit / rule.windowMs }
})

/** Validates rules beyond their schema (path patterns compile, names unique); returns the problems. */
export const checkRules = (rules: readonly ThrottleRule[]): string[] => {
  const problems: string[] = []
  const seen = new Set<string>()
  for (const rule of rules) {
    if (seen.has(rule.name)) problems.push(`rules: duplicate name "${rule.name}"`)
    seen.add(rule.name)
    if (rule.path !== undefined && !rule.path.startsWith("/")) {
      problems.push(`rules.${rule.name}.path: "${rule.path}" must start with "/"`)
    }
  }
  return problems
}

const scopeKey = (rule: ThrottleRule, request: ThrottleRequest): string => {
  switch (rule.scope) {
    case "tenant":
      return `t:${request.tenant}`
    case "client":
      return `c:${request.client}`
    case "tenant-client":
      return `t:${request.tenant}|c:${request.client}`
    case "global":
      return "*"
  }
}

const windowKey = (request: ThrottleRequest): string =>
  `${request.tenant}\u0000${request.client}\u0000${request.key}`

/**
 * Token-bucket throttling per rule and scope, with Retry-After windows remembered per tenant, client
 * and throttle key so that clients retrying too early are recorded (and optionally punished).
 */
export class Throttler {
  readonly #clock: SimClock
  readonly #rng: Prng
  readonly #initial: ThrottleSettings
  #settings: ThrottleSettings
  #rules: CompiledRule[]
  #buckets = new Map<string, BucketState>()
  #windows = new Map<string, Window>()
  #early: EarlyRetry[] = []

  /** Creates a throttler; `rng` decides when Retry-After is omitted. Throws on invalid initial rules. */
  constructor(clock: SimClock, rng: Prng, settings: ThrottleSettings) {
    const problems = checkRules(settings.rules)
    if (problems.length > 0) throw new RangeError(`invalid throttle settings: ${problems.join("; ")}`)
    this.#clock = clock
    this.#rng = rng
    this.#initial = settings
    this.#settings = settings
    this.#rules = settings.rules.map(compile)
  }

  /** Current settings. */
  get settings(): ThrottleSettings {
    return this.#settings
  }

  /** Applies a settings patch (rules already schema-checked); new rules start with full buckets. */
  update(
    patch: ThrottleSettingsPatch
  ): { ok: true; settings: ThrottleSettings } | { ok: false; problems: string[] } {
    const next = patchSettings(this.#settings, patch)
    const problems = checkRules(next.rules)
    if (problems.length > 0) return { ok: false, problems }
    this.#settings = next
    if (patch.rules !== undefined) {
      this.#rules = next.rules.map(compile)
      this.#buckets.clear()
    }
    return { ok: true, settings: next }
  }

  /** Early retries seen so far, oldest first. */
  earlyRetries(): EarlyRetry[] {
    return [...this.#early]
  }

  /** Forgets recorded early retries. */
  clearEarlyRetries(): void {
    this.#early = []
  }

  /** Back to the initial settings with full buckets, no windows and no recorded early retries. */
  reset(): void {
    this.#settings = this.#initial
    this.#rules = this.#initial.rules.map(compile)
    this.#buckets.clear()
    this.#windows.clear()
    this.#early = []
  }

  /**
   * Remembers that this client was told to come back after `retryAfterMs` (any 429 with Retry-After,
   * including injected ones), so an earlier request counts as an early retry.
   */
  registerWindow(request: ThrottleRequest, retryAfterMs: number): void {
    this.#windows.set(windowKey(request), {
      deadlineMs: this.#clock.now() + retryAfterMs,
      durationMs: retryAfterMs
    })
  }

  /** Checks a request: early retry, then every matching rule's bucket; consumes a token from each when it passes. */
  check(request: ThrottleRequest): ThrottleDecision {
    const now = this.#clock.now()
    const early = this.#checkWindow(request, now)
    if (early !== undefined && this.#settings.punishEarlyRetries) {
      return this.#throttle(request, early.durationMs, "early-retry", true)
    }
    const earlyRetry = early !== undefined
    if (!this.#settings.enabled) return { kind: "pass", earlyRetry }
    let waitMs = 0
    let reason = ""
    const states: BucketState[] = []
    for (const compiled of this.#rules) {
      if (!this.#applies(compiled, request)) continue
      const state = this.#bucket(compiled, request, now)
      const wait = msUntilToken(state, compiled.shape)
      if (wait > waitMs) {
        waitMs = wait
        reason = compiled.rule.name
      }
      states.push(state)
    }
    if (waitMs > 0) return this.#throttle(request, waitMs, reason, earlyRetry)
    for (const state of states) state.tokens -= 1
    return { kind: "pass", earlyRetry }
  }

  #checkWindow(request: ThrottleRequest, now: number): Window | undefined {
    const key = windowKey(request)
    const window = this.#windows.get(key)
    if (window === undefined) return undefined
    if (now >= window.deadlineMs) {
      this.#windows.delete(key)
      return undefined
    }
    this.#early.push({
      at: new Date(now).toISOString(),
      tenant: request.tenant,
      client: request.client,
      key: request.key,
      method: request.method,
      path: request.path,
      retryAfterDeadline: new Date(window.deadlineMs).toISOString(),
      earlyByMs: window.deadlineMs - now
    })
    return window
  }

  #throttle(request: ThrottleRequest, waitMs: number, reason: string, earlyRetry: boolean): ThrottleDecision {
    if (this.#rng.chance(this.#settings.retryAfter.omitProbability)) {
      return { kind: "throttled", earlyRetry, reason, headers: {} }
    }
    const { value, ms } = formatRetryAfter(waitMs, this.#settings.retryAfter.fractional)
    this.registerWindow(request, ms)
    return { kind: "throttled", earlyRetry, reason, headers: { "retry-after": value } }
  }

  #applies(compiled: CompiledRule, request: ThrottleRequest): boolean {
    return (
      (compiled.methods === undefined || compiled.methods.includes(request.method.toUpperCase())) &&
      (compiled.path === undefined || compiled.path.test(request.path))
    )
  }

  #bucket(compiled: CompiledRule, request: ThrottleRequest, now: number): BucketState {
    // The throttle key is part of the bucket key, so each workload has its own buckets.
    const key = `${compiled.rule.name}\u0000${scopeKey(compiled.rule, request)}\u0000${request.key}`
    let state = this.#buckets.get(key)
    if (state === undefined) {
      state = { tokens: compiled.shape.capacity, updatedAtMs: now }
      this.#buckets.set(key, state)
    } else {
      refill(state, compiled.shape, now)
    }
    return state
  }
}

/**
 * Writes a wait as a Retry-After value: whole seconds rounded up (at least 1), or seconds with up to
 * three decimals. Returns the value and the wait it promises in ms.
 */
export const formatRetryAfter = (waitMs: number, fractional: boolean): { value: string; ms: number } => {
  if (fractional) {
    const ms = Math.max(1, Math.ceil(waitMs))
    return { value: String(ms / 1000), ms }
  }
  const seconds = Math.max(1, Math.ceil(waitMs / 1000))
  return { value: String(seconds), ms: seconds * 1000 }
}

/** Parses a Retry-After value in delta seconds (fractional allowed) to ms; undefined for anything else. */
export const parseRetryAfterMs = (value: string | undefined): number | undefined => {
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined
  return Math.round(Number(value.trim()) * 1000)
}

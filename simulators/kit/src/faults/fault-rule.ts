import { Schema } from "effect"
import { exactOptional } from "../exact-optional.js"

const Method = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z]+$/, { message: () => "a method is letters only" })
)

/** Which requests a rule applies to; every field optional, all given ones must match. */
export const FaultMatch = Schema.Struct({
  /** One method or a list (case-insensitive). */
  method: exactOptional(Schema.Union(Method, Schema.Array(Method))),
  /** Path pattern: literal segments, `:param`, `*`, `**`. */
  path: exactOptional(Schema.String),
  tenant: exactOptional(Schema.String),
  client: exactOptional(Schema.String)
})
/** Which requests a rule applies to. */
export type FaultMatch = typeof FaultMatch.Type

const PositiveInt = Schema.Int.pipe(Schema.greaterThanOrEqualTo(1))

/** When a matching request triggers the rule's effect. */
export const FaultTrigger = Schema.Union(
  /** Every matching request. */
  Schema.Struct({ kind: Schema.Literal("always") }),
  /** The first matching request, then never again. */
  Schema.Struct({ kind: Schema.Literal("once") }),
  /** The next `count` matching requests. */
  Schema.Struct({ kind: Schema.Literal("next"), count: PositiveInt }),
  /** Only the `n`th matching request (1-based). */
  Schema.Struct({ kind: Schema.Literal("nth"), n: PositiveInt }),
  /** Each matching request with probability `p`, drawn from the seeded fault stream. */
  Schema.Struct({ kind: Schema.Literal("probability"), p: Schema.Number.pipe(Schema.between(0, 1)) })
)
/** When a matching request triggers the rule's effect. */
export type FaultTrigger = typeof FaultTrigger.Type

/** What a triggered rule does. */
export const FaultEffect = Schema.Union(
  /** Answer this error through the simulator's error formatter (handler not run). */
  Schema.Struct({
    kind: Schema.Literal("http"),
    status: Schema.Int.pipe(Schema.between(400, 599)),
    code: exactOptional(Schema.String),
    message: exactOptional(Schema.String),
    headers: exactOptional(Schema.Record({ key: Schema.String, value: Schema.String }))
  }),
  /**
   * Answer exactly this status, body and content type, bypassing the error formatter (handler not run).
   * Any status 200..599 is allowed, 2xx included: e.g. an HTML page with 200 from a misconfigured proxy.
   */
  Schema.Struct({
    kind: Schema.Literal("raw"),
    status: Schema.Int.pipe(Schema.between(200, 599)),
    body: Schema.String,
    contentType: Schema.String.pipe(Schema.minLength(1)),
    headers: exactOptional(Schema.Record({ key: Schema.String, value: Schema.String }))
  }),
  /** Wait this many real milliseconds, then handle the request normally. */
  Schema.Struct({ kind: Schema.Literal("latency"), ms: Schema.Int.pipe(Schema.between(0, 120_000)) }),
  /** Reset the connection (TCP RST) before the handler runs. */
  Schema.Struct({ kind: Schema.Literal("reset") }),
  /** Close the connection without writing a byte, before the handler runs. */
  Schema.Struct({ kind: Schema.Literal("empty") }),
  /** Run the handler (its state change sticks), then reset the connection before any reply byte. */
  Schema.Struct({ kind: Schema.Literal("lost") })
)
/** What a triggered rule does. */
export type FaultEffect = typeof FaultEffect.Type

/** A fault rule as submitted (admin API or code). */
export const FaultRuleInput = Schema.Struct({
  /** Caller-chosen id; one is generated when absent. */
  id: exactOptional(Schema.String.pipe(Schema.minLength(1))),
  match: exactOptional(FaultMatch),
  /** Defaults to `always`. */
  trigger: exactOptional(FaultTrigger),
  effect: FaultEffect
})
/** A fault rule as submitted (admin API or code). */
export type FaultRuleInput = typeof FaultRuleInput.Encoded

/** A fault rule as listed, with its counters. */
export interface FaultRuleView {
  readonly id: string
  readonly match: FaultMatch
  readonly trigger: FaultTrigger
  readonly effect: FaultEffect
  /** Matching requests seen. */
  readonly matched: number
  /** Times the effect was applied. */
  readonly fired: number
  /** True once a `once`, `next` or `nth` trigger can no longer fire. */
  readonly exhausted: boolean
}

/** Effects that decide the request's fate (everything but latency). */
export type TerminalEffect = Exclude<FaultEffect, { readonly kind: "latency" }>

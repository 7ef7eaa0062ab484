import { Either, ParseResult, Schema } from "effect"
import { compilePathPattern, type PathPattern } from "../path-pattern.js"
import type { Prng } from "../prng.js"
import {
  type FaultEffect,
  type FaultMatch,
  FaultRuleInput,
  type FaultRuleView,
  type FaultTrigger,
  type TerminalEffect
} from "./fault-rule.js"

/** The request facts a fault rule can match on. */
export interface FaultRequest {
  readonly method: string
  readonly path: string
  readonly tenant: string
  readonly client: string
}

/** One rule firing on one request. */
export interface FaultFiring {
  readonly ruleId: string
  readonly effect: FaultEffect
}

/** What the plan decided for a request. */
export interface FaultDecision {
  /** Total latency to add before handling. */
  readonly latencyMs: number
  /** The terminal effect to apply, if any rule with one fired. */
  readonly terminal: { readonly ruleId: string; readonly effect: TerminalEffect } | undefined
  /** Every rule that fired, in rule order. */
  readonly firings: readonly FaultFiring[]
}

/** Result of adding a rule. */
export type AddRuleResult =
  | { readonly ok: true; readonly rule: FaultRuleView }
  | { readonly ok: false; readonly problem: string }

interface Rule {
  readonly id: string
  readonly match: FaultMatch
  readonly methods: readonly string[] | undefined
  readonly path: PathPattern | undefined
  readonly trigger: FaultTrigger
  readonly effect: FaultEffect
  matched: number
  fired: number
}

const decodeRule = Schema.decodeUnknownEither(FaultRuleInput, { onExcessProperty: "error" })

const isExhausted = (rule: Rule): boolean => {
  switch (rule.trigger.kind) {
    case "once":
      return rule.fired >= 1
    case "next":
      return rule.fired >= rule.trigger.count
    case "nth":
      return rule.matched >= rule.trigger.n
    default:
      return false
  }
}

/**
 * The fault plan: ordered rules of match + trigger + effect. Every rule counts every request it matches;
 * rules are tried in order, latency effects add up, and the first terminal effect that fires wins
 * (later rules still count the match but do not consume their trigger).
 */
export class FaultPlan {
  readonly #rng: Prng
  #rules: Rule[] = []
  #nextId = 1

  /** Creates an empty plan drawing probabilities from `rng` (the kit's seeded fault stream). */
  constructor(rng: Prng) {
    this.#rng = rng
  }

  /** Validates and appends a rule (unknown input is checked against the schema). */
  add(input: unknown): AddRuleResult {
    const decoded = decodeRule(input)
    if (Either.isLeft(decoded)) {
      return { ok: false, problem: ParseResult.TreeFormatter.formatErrorSync(decoded.left) }
    }
    const { id, match = {}, trigger = { kind: "always" }, effect } = decoded.right
    const ruleId = id ?? `fault-${this.#nextId++}`
    if (this.#rules.some((r) => r.id === ruleId))
      return { ok: false, problem: `a rule with id "${ruleId}" exists` }
    let path: PathPattern | undefined
    try {
      path = match.path === undefined ? undefined : compilePathPattern(match.path)
    } catch (e) {
      return { ok: false, problem: e instanceof Error ? e.message : String(e) }
    }
    const methods =
      match.method === undefined
        ? undefined
        : (typeof match.method === "string" ? [match.method] : match.method).map((m) => m.toUpperCase())
    const rule: Rule = { id: ruleId, match, methods, path, trigger, effect, matched: 0, fired: 0 }
    this.#rules.push(rule)
    return { ok: true, rule: this.#view(rule) }
  }

  /** Every rule with its counters, in evaluation order. */
  list(): FaultRuleView[] {
    return this.#rules.map((r) => this.#view(r))
  }

  /** Removes one rule; false when there was none with that id. */
  remove(id: string): boolean {
    const before = this.#rules.length
    this.#rules = this.#rules.filter((r) => r.id !== id)
    return this.#rules.length !== before
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules = []
  }

  /** Decides what happens to a request and updates the counters. */
  decide(request: FaultRequest): FaultDecision {
    let latencyMs = 0
    let terminal: FaultDecision["terminal"]
    const firings: FaultFiring[] = []
    for (const rule of this.#rules) {
      if (!this.#matches(rule, request)) continue
      rule.matched += 1
      if (terminal !== undefined || !this.#triggers(rule)) continue
      rule.fired += 1
      firings.push({ ruleId: rule.id, effect: rule.effect })
      if (rule.effect.kind === "latency") latencyMs += rule.effect.ms
      else terminal = { ruleId: rule.id, effect: rule.effect }
    }
    return { latencyMs, terminal, firings }
  }

  #matches(rule: Rule, request: FaultRequest): boolean {
    return (
      (rule.methods === undefined || rule.methods.includes(request.method.toUpperCase())) &&
      (rule.path === undefined || rule.path.test(request.path)) &&
      (rule.match.tenant === undefined || rule.match.tenant === request.tenant) &&
      (rule.match.client === undefined || rule.match.client === request.client)
    )
  }

  // Called after `matched` was incremented for this request.
  #triggers(rule: Rule): boolean {
    switch (rule.trigger.kind) {
      case "always":
        return true
      case "once":
        return rule.fired < 1
      case "next":
        return rule.fired < rule.trigger.count
      case "nth":
        return rule.matched === rule.trigger.n
      case "probability":
        return this.#rng.chance(rule.trigger.p)
    }
  }

  #view(rule: Rule): FaultRuleView {
    return {
      id: rule.id,
      match: rule.match,
      trigger: rule.trigger,
      effect: rule.effect,
      matched: rule.matched,
      fired: rule.fired,
      exhausted: isExhausted(rule)
    }
  }
}

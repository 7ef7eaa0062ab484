// The faults a run injects into each plane simulator through the kit's fault plan: a steady mix at the
// configured rate, 429 storms armed mid-run, and token expiry. Every firing is journaled by the kit.
import type { SimKit } from "@planes/sim-kit"
import { adminCall, type RunningSimulator } from "./simulators.js"

/** Share of the injected faults by kind (terminal faults; latency spikes come on top). */
const mix: ReadonlyArray<readonly [string, number, Readonly<Record<string, unknown>>]> = [
  ["http-503", 0.2, { kind: "http", status: 503, message: "Service unavailable (chaos)." }],
  [
    "throttle-retry-after",
    0.15,
    { kind: "http", status: 429, message: "Too many requests (chaos).", headers: { "retry-after": "1" } }
  ],
  ["throttle-bare", 0.15, { kind: "http", status: 429, message: "Too many requests (chaos)." }],
  ["reset", 0.15, { kind: "reset" }],
  ["empty", 0.1, { kind: "empty" }],
  ["lost", 0.25, { kind: "lost" }]
]

const ruleId = (name: string) => `chaos-${name}`

const add = (kit: SimKit, rule: unknown) => {
  const added = kit.faults.add(rule)
  if (!added.ok) throw new Error(`${kit.name}: fault rule refused: ${added.problem}`)
}

/**
 * Arms the steady faults on a simulator: of all vendor requests, `rate` get a terminal fault (split as in
 * `mix`; each rule's probability is conditional on the earlier ones not firing, so the shares add up to
 * `rate`), and `rate / 4` get a latency spike.
 */
export const armSteadyFaults = (kit: SimKit, rate: number) => {
  let left = 1
  for (const [name, share, effect] of mix) {
    const p = Math.min(1, (rate * share) / left)
    left -= rate * share
    add(kit, { id: ruleId(name), trigger: { kind: "probability", p }, effect })
  }
  add(kit, {
    id: ruleId("latency"),
    trigger: { kind: "probability", p: rate / 4 },
    effect: { kind: "latency", ms: 250 }
  })
}

/** Removes every fault rule, so the planes answer cleanly again. */
export const disarmFaults = (kit: SimKit) => kit.faults.clear()

/** A storm of consecutive 429s on the next requests, with or without Retry-After. */
export const armStorm = (kit: SimKit, retryAfter: boolean) =>
  add(kit, {
    trigger: { kind: "next", count: 4 },
    effect: {
      kind: "http",
      status: 429,
      message: "Too many requests (chaos storm).",
      ...(retryAfter && { headers: { "retry-after": "1" } })
    }
  })

/**
 * Expires the tokens a plane has issued, where the plane issues any: Graph through its admin route; Jamf
 * by moving its clock past the 30-minute token life. Landscape signs each request, SCCM's connector holds
 * a static bearer token and AWX personal tokens live for years, so those have nothing to expire mid-run.
 * Returns whether anything was expired.
 */
export const expireTokens = async (sim: RunningSimulator): Promise<boolean> => {
  switch (sim.name) {
    case "graph":
      await adminCall(sim.url, "POST", "/_sim/graph/tokens/expire", {})
      return true
    case "jamf":
      await adminCall(sim.url, "POST", "/_sim/clock/advance", { ms: 31 * 60_000 })
      return true
    default:
      return false
  }
}

import type { Prng } from "@planes/sim-kit"
import type { HostRecord } from "../state/records.js"
import { PLATFORMS, type Platform, platformOf } from "./platforms.js"

/** A host to create, before ids are given: what seeds and the generated fleet both produce. */
export interface HostSpec {
  readonly name: string
  readonly platform: string
  readonly groups: readonly string[]
  readonly variables: Readonly<Record<string, unknown>>
  readonly behaviour: HostRecord["behaviour"]
  readonly enabled: boolean
}

/** The rings a generated host is put in, so limits such as `ring1` pick a reproducible subset. */
export const RINGS = ["ring1", "ring2", "ring3"] as const

/**
 * Generates `count` hosts from the seeded stream: platform, ring and facts. The same seed gives the same
 * fleet on every machine. Names are `<platform group>-<nnn>.fleet.example`.
 */
export const generateFleet = (rng: Prng, count: number): HostSpec[] =>
  Array.from({ length: count }, (_, index) => {
    const platform = rng.pick(PLATFORMS)
    const ring = rng.pick(RINGS)
    return {
      name: `${platform.group}-${String(index + 1).padStart(3, "0")}.fleet.example`,
      platform: platform.key,
      groups: [platform.group, ring],
      variables: { ...platform.facts, ansible_host: `10.20.${Math.floor(index / 250)}.${(index % 250) + 1}` },
      behaviour: "random",
      enabled: true
    }
  })

/** Facts of a platform key (empty for a platform the fleet does not know). */
export const factsOf = (key: string): Platform["facts"] => platformOf(key)?.facts ?? {}

import type { Prng } from "@planes/sim-kit"
import type { Computer } from "../state/schemas.js"
import { defaultCatalogue } from "./catalogue.js"

const ROLES = [
  { prefix: "web", title: "Web server", tags: ["server", "web"] },
  { prefix: "db", title: "Database server", tags: ["server", "db"] },
  { prefix: "app", title: "Application server", tags: ["server", "app"] },
  { prefix: "laptop", title: "Laptop", tags: ["laptop"] },
  { prefix: "ci", title: "Build agent", tags: ["server", "ci"] }
] as const

const RELEASES = [
  { distribution: "22.04", series: "jammy" },
  { distribution: "24.04", series: "noble" },
  { distribution: "20.04", series: "focal" }
] as const

const STAGES = ["production", "staging", "ring-0", "ring-1"] as const

/** Generates `count` Ubuntu computers from a seeded stream: same seed, same fleet. */
export const generateFleet = (rng: Prng, count: number, nowMs: number): Computer[] => {
  const catalogue = defaultCatalogue()
  const names = [...new Set(catalogue.entries.map((e) => e.name))]
  const computers: Computer[] = []
  const perRole = new Map<string, number>()
  for (let id = 1; id <= count; id++) {
    const role = rng.pick(ROLES)
    const n = (perRole.get(role.prefix) ?? 0) + 1
    perRole.set(role.prefix, n)
    const release = rng.chance(0.7) ? RELEASES[0] : rng.pick(RELEASES)
    const packages: Record<string, string> = {}
    for (const name of names) {
      if (name !== "landscape-client" && !rng.chance(0.5)) continue
      // Mostly the oldest version, so upgrades and installs have something to do.
      const versions = catalogue.entries.filter((e) => e.name === name).map((e) => e.version)
      packages[name] = rng.chance(0.7) ? (versions[0] ?? "") : rng.pick(versions)
    }
    const hostname = `${role.prefix}-${String(n).padStart(2, "0")}`
    const pingMs = nowMs - rng.int(5, 300) * 1000
    computers.push({
      id,
      title: `${role.title} ${n}`,
      hostname,
      comment: "",
      tags: [...role.tags, rng.pick(STAGES)],
      distribution: release.distribution,
      series: release.series,
      accessGroup: "global",
      online: true,
      lastPingMs: pingMs,
      lastExchangeMs: pingMs,
      packages,
      held: []
    })
  }
  return computers
}

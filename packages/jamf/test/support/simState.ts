import type { RunningSim } from "./simulator.js"

interface Exported {
  readonly stores: Record<string, Record<string, unknown>>
}

// A store the tenant never touched is absent from the export: it reads as `empty`.
const store = async <T>(sim: RunningSim, name: string, empty: T): Promise<T> => {
  const state = await sim.admin<Exported>("GET", "/_sim/state")
  return (state.stores[name]?.default as T | undefined) ?? empty
}

/** Counts of every object the connector creates, from the simulator's exported state. */
export const simCounts = async (sim: RunningSim) => {
  const packages = await store<{
    packages: ReadonlyArray<{ upload: unknown }>
    history: ReadonlyArray<{ note: string }>
  }>(sim, "packages", { packages: [], history: [] })
  const groups = await store<{ groups: ReadonlyArray<{ isSmart: boolean }> }>(sim, "groups", { groups: [] })
  const policies = await store<{ policies: ReadonlyArray<unknown> }>(sim, "policies", { policies: [] })
  return {
    packages: packages.packages.length,
    uploads: packages.history.filter((h) => h.note.startsWith("File ")).length,
    smartGroups: groups.groups.filter((g) => g.isSmart).length,
    staticGroups: groups.groups.filter((g) => !g.isSmart).length,
    policies: policies.policies.length
  }
}

/** The simulator's policies as stored. */
export const simPolicies = (sim: RunningSim) =>
  store<{
    policies: ReadonlyArray<{
      id: number
      general: { name: string; frequency: string; trigger_checkin: boolean }
      scope: { computer_groups: ReadonlyArray<{ id: number }> }
      package_configuration: { packages: ReadonlyArray<{ id: number; action: string }> }
      self_service: { use_for_self_service: boolean }
    }>
  }>(sim, "policies", { policies: [] }).then((s) => s.policies)

/** The vendor requests the simulator saw (oldest first). */
export const journal = (sim: RunningSim) => sim.journal()

/** Injects a kit fault. */
export const fault = (sim: RunningSim, rule: unknown) => sim.admin("POST", "/_sim/faults", rule)

/** How often each fault rule fired. */
export const firings = async (sim: RunningSim) =>
  (await sim.admin<{ rules: ReadonlyArray<{ fired: number }> }>("GET", "/_sim/faults")).rules.map(
    (r) => r.fired
  )

/** Moves the simulated clock (computers check in every 15 minutes). */
export const advance = (sim: RunningSim, ms: number) => sim.admin("POST", "/_sim/clock/advance", { ms })

import type { RunningSim } from "./simulator.js"
import { tenantId } from "./simulator.js"

interface FileState {
  readonly id: string
  readonly uploadState: string
}
interface AppState {
  readonly id: string
  readonly publishingState: string
  readonly props: Record<string, unknown>
  readonly contentVersions: ReadonlyArray<{ readonly id: string; readonly files: ReadonlyArray<FileState> }>
  readonly assignments: ReadonlyArray<{
    readonly id: string
    readonly intent: string
    readonly target: { readonly groupId: string | null }
  }>
}
interface Exported {
  readonly stores: Record<string, Record<string, unknown>>
}

/** The simulator's apps of the test tenant, from `GET /_sim/state`. */
export const simApps = async (sim: RunningSim): Promise<ReadonlyArray<AppState>> => {
  const state = await sim.admin<Exported>("GET", "/_sim/state")
  const apps = state.stores["graph.apps"]?.[tenantId] as { apps: Record<string, AppState> } | undefined
  return Object.values(apps?.apps ?? {})
}

/** Counts of every object a publish and an assignment create. */
export const simCounts = async (sim: RunningSim) => {
  const apps = await simApps(sim)
  const state = await sim.admin<Exported>("GET", "/_sim/state")
  const blobs = (state.stores["graph.blobs"]?.[tenantId] ?? {}) as Record<string, { committed: unknown }>
  return {
    apps: apps.length,
    contentVersions: apps.reduce((n, a) => n + a.contentVersions.length, 0),
    files: apps.reduce((n, a) => n + a.contentVersions.reduce((m, cv) => m + cv.files.length, 0), 0),
    committedBlobs: Object.values(blobs).filter((b) => b.committed !== null).length,
    assignments: apps.reduce((n, a) => n + a.assignments.length, 0)
  }
}

/** The vendor requests the simulator saw (oldest first). */
export const journal = (sim: RunningSim) => sim.journal()

/** Injects a kit fault. */
export const fault = (sim: RunningSim, rule: unknown) => sim.admin("POST", "/_sim/faults", rule)

import { Schema } from "effect"
import { benchInventory, seedAwxFleet, startAwxSim } from "./fleet/ansibleSim.js"
import { seedJamfFleet, startJamfSim } from "./fleet/jamfSim.js"
import { seedLandscapeFleet, startLandscapeSim } from "./fleet/landscapeSim.js"
import type { FleetRunRequest, FleetRunResult } from "./fleet/protocol.js"
import { runFleetWorker } from "./fleet/runWorker.js"
import { seedSccmFleet, startSccmSim } from "./fleet/sccmSim.js"
import { createGroup, startGraphSim } from "./graph/graphSim.js"
import type { HostedSim } from "./host/startHost.js"

/** The planes the fleet-state benchmark measures, in report order. */
export const fleetPlanes = ["intune", "jamf", "sccm", "landscape", "ansible"] as const
/** A plane the fleet-state benchmark measures. */
export type FleetPlane = (typeof fleetPlanes)[number]

/** A plane that stops below the largest size, and why (the report says so). */
export interface FleetLimit {
  readonly maxSize: number
  readonly reason: string
}

/** Settings of the fleet-state benchmark. */
export interface FleetOptions {
  readonly seed: number
  /** Fleet sizes, smallest first; the first is the baseline the others are compared with. */
  readonly sizes: ReadonlyArray<number>
  /** Planes that stop below the largest size: larger sizes are reported as not measured, with the reason. */
  readonly limits?: Partial<Record<FleetPlane, FleetLimit>>
  /** Only these planes (every plane when absent). */
  readonly planes?: ReadonlyArray<FleetPlane>
}

/** One plane at one fleet size. */
export interface FleetRun {
  readonly plane: string
  readonly size: number
  readonly devices: number
  readonly elapsedMs: number
  readonly devicesPerSecond: number
  readonly microsPerDevice: number
  readonly peakRssMiB: number
  readonly baselineRssMiB: number
  /** Heap still live after the stream (after a full collection), less before it: what the adapter kept. */
  readonly retainedHeapMiB: number
  /** Wall time of the whole run: seeding, the worker's set-up (publish, assign, clock) and the stream. */
  readonly wallMs: number
}

/** A plane, or one size of it, not measured, and why. */
export interface FleetGap {
  readonly plane: string
  /** The size left out; absent when the plane is not measured at all. */
  readonly size?: number
  readonly reason: string
}

/** Every run of the fleet-state benchmark. */
export interface FleetResult {
  readonly options: FleetOptions
  readonly runs: ReadonlyArray<FleetRun>
  readonly notMeasured: ReadonlyArray<FleetGap>
}

const mib = (bytes: number) => bytes / (1024 * 1024)

// Device ids through the admin API, a page at a time (only the ids are kept).
const DevicePage = Schema.Struct({ devices: Schema.Array(Schema.Struct({ id: Schema.String })) })
const deviceIds = async (admin: HostedSim["admin"], size: number) => {
  const ids: string[] = []
  for (let skip = 0; skip < size; skip += 10_000) {
    const page = Schema.decodeUnknownSync(DevicePage)(
      await admin("GET", `/_sim/graph/devices?skip=${skip}&top=10000`)
    )
    for (const device of page.devices) ids.push(device.id)
  }
  return ids
}

const runOf = (plane: string, size: number, measured: FleetRunResult, wallMs: number): FleetRun => ({
  plane,
  size,
  devices: measured.devices,
  elapsedMs: measured.elapsedMs,
  devicesPerSecond: measured.devices / (measured.elapsedMs / 1000),
  microsPerDevice: (measured.elapsedMs * 1000) / Math.max(1, measured.devices),
  peakRssMiB: mib(measured.peakRssBytes),
  baselineRssMiB: mib(measured.baselineRssBytes),
  retainedHeapMiB: mib(measured.retainedHeapBytes),
  wallMs
})

// One simulator with the largest fleet; each size is a group of that many of its devices.
const intuneRuns = async (seed: number, sizes: ReadonlyArray<number>): Promise<FleetRun[]> => {
  const largest = Math.max(...sizes)
  const sim = await startGraphSim({ seed, fleetSize: largest })
  try {
    const ids = await deviceIds(sim.admin, largest)
    const runs: FleetRun[] = []
    for (const size of sizes) {
      const started = performance.now()
      const groupId = await createGroup(sim, ids.slice(0, size))
      const measured = await runFleetWorker({ plane: "intune", url: sim.url, groupId })
      runs.push(runOf("intune", size, measured, performance.now() - started))
    }
    return runs
  } finally {
    await sim.close()
  }
}

/** How one plane's simulator is started, seeded for a size, and what the worker is asked to do. */
interface ReseededPlane {
  readonly start: (seed: number) => Promise<HostedSim>
  readonly seedFleet: (sim: HostedSim, size: number) => Promise<void>
  readonly request: (sim: HostedSim) => FleetRunRequest
}

// One simulator per plane, reset and reseeded through its admin API before each size: every size starts
// from a generated fleet of exactly that many devices and nothing else, without a new process.
const reseeded: Readonly<Record<Exclude<FleetPlane, "intune">, ReseededPlane>> = {
  jamf: {
    start: startJamfSim,
    seedFleet: seedJamfFleet,
    request: (sim) => ({ plane: "jamf", url: sim.url })
  },
  sccm: {
    start: startSccmSim,
    seedFleet: seedSccmFleet,
    request: (sim) => ({ plane: "sccm", url: sim.url })
  },
  landscape: {
    start: startLandscapeSim,
    seedFleet: seedLandscapeFleet,
    request: (sim) => ({ plane: "landscape", url: sim.url })
  },
  ansible: {
    start: startAwxSim,
    seedFleet: seedAwxFleet,
    request: (sim) => ({ plane: "ansible", url: sim.url, inventory: benchInventory })
  }
}

const reseededRuns = async (
  plane: Exclude<FleetPlane, "intune">,
  seed: number,
  sizes: ReadonlyArray<number>
): Promise<FleetRun[]> => {
  const { start, seedFleet, request } = reseeded[plane]
  const sim = await start(seed)
  try {
    const runs: FleetRun[] = []
    for (const size of sizes) {
      const started = performance.now()
      await seedFleet(sim, size)
      const measured = await runFleetWorker(request(sim))
      runs.push(runOf(plane, size, measured, performance.now() - started))
    }
    return runs
  } finally {
    await sim.close()
  }
}

/**
 * `deviceStates` over fleets of each size: the simulator in one child process, the adapter alone in
 * another, so devices per second and peak memory are the adapter's. Planes run one after another.
 */
export const runFleet = async (options: FleetOptions): Promise<FleetResult> => {
  const runs: FleetRun[] = []
  const notMeasured: FleetGap[] = []
  for (const plane of options.planes ?? fleetPlanes) {
    const limit = options.limits?.[plane]
    const sizes = options.sizes.filter((size) => limit === undefined || size <= limit.maxSize)
    for (const size of options.sizes)
      if (!sizes.includes(size)) notMeasured.push({ plane, size, reason: limit?.reason ?? "" })
    if (sizes.length === 0) continue
    runs.push(
      ...(plane === "intune"
        ? await intuneRuns(options.seed, sizes)
        : await reseededRuns(plane, options.seed, sizes))
    )
  }
  return { options, runs, notMeasured }
}

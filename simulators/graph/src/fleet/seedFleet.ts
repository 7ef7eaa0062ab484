import { normaliseSeed, type SimKit } from "@planes/sim-kit"
import type { FleetState } from "./fleetState.js"
import { generateFleet } from "./generator.js"

/** Fleet generation request: how many devices, from which seed (default: forked from the instance seed). */
export interface FleetRequest {
  readonly count: number
  readonly seed?: number | string
  readonly staleRate?: number
}

/** Generates a fleet for a request on the kit's clock; the same seed and count give the same fleet. */
export const fleetFor = (kit: SimKit, request: FleetRequest): FleetState =>
  generateFleet({
    seed: request.seed === undefined ? kit.rng.fork("graph/fleet").seed : normaliseSeed(request.seed),
    count: request.count,
    nowMs: kit.clock.now(),
    ...(request.staleRate === undefined ? {} : { staleRate: request.staleRate })
  })

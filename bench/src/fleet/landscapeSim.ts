import { randomBytes } from "node:crypto"
import { type HostedSim, startHostedSim } from "../host/startHost.js"

/** The bench user on the Landscape simulator (a made-up address). */
export const landscapeEmail = "fleet-bench@example.com"
const inherited = process.env.PLANES_BENCH_LANDSCAPE_PASSWORD
/** A simulator-only password, fresh per bench run; the fleet worker inherits it through the environment. */
export const landscapePassword: string = inherited ?? randomBytes(18).toString("base64url")
process.env.PLANES_BENCH_LANDSCAPE_PASSWORD = landscapePassword

/** The package every fleet run installs: public in the archive, so it needs no repository work. */
export const benchPackage = { name: "planes-bench", version: "1.0.0" } as const

/** A computer query every generated computer matches (each has the `server` or the `laptop` tag). */
export const wholeFleet = "tag:server OR tag:laptop"

/** Starts a Landscape simulator in a child process, on a frozen clock, with the bench user and no fleet. */
export const startLandscapeSim = (seed: number): Promise<HostedSim> =>
  startHostedSim({
    kind: "landscape",
    seed,
    email: landscapeEmail,
    password: landscapePassword,
    fleetSize: 0
  })

/**
 * Resets the simulator to `size` generated computers (the admin seed's generator), with the bench
 * package in its catalogue and activities that end as soon as the clock moves: each size starts from
 * an empty activity list without a new process.
 */
export const seedLandscapeFleet = async (sim: HostedSim, size: number): Promise<void> => {
  await sim.admin("POST", "/_sim/reset")
  await sim.admin("POST", "/_sim/seed", {
    fleetSize: size,
    catalogue: [{ ...benchPackage, public: true, mirror: false }],
    settings: { exchangeIntervalSeconds: 0, executionSeconds: 1 }
  })
}

import { type HostedSim, startHostedSim } from "../host/startHost.js"
import { benchSecret } from "./benchSecret.js"

/** The bench's API client on the Jamf simulator (made up, simulator only). */
export const jamfClientId = "planes-bench"
/** Its secret, fresh per bench run; the fleet worker inherits it through the environment. */
export const jamfClientSecret: string = benchSecret("PLANES_BENCH_JAMF_SECRET")

/** How often simulated Macs check in; the worker moves the clock past one interval. */
export const jamfCheckInMs = 15 * 60_000

/** Starts a Jamf Pro simulator in a child process, on a frozen clock, with no fleet. */
export const startJamfSim = (seed: number): Promise<HostedSim> => startHostedSim({ kind: "jamf", seed })

/**
 * Resets the simulator to `size` generated computers (the admin seed's generator), with the bench API
 * client, uploads hashed at once and one policy run in ten failing: each size starts from no policies
 * without a new process.
 */
export const seedJamfFleet = async (sim: HostedSim, size: number): Promise<void> => {
  await sim.admin("POST", "/_sim/reset")
  await sim.admin("POST", "/_sim/seed", {
    computers: size,
    settings: { hashDelayMs: 0, policyFailureRate: 0.1, checkInIntervalMs: jamfCheckInMs },
    clients: [{ clientId: jamfClientId, clientSecret: jamfClientSecret, privileges: ["*"] }]
  })
}

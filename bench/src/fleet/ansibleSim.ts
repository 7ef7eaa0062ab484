import { type HostedSim, startHostedSim } from "../host/startHost.js"
import { benchSecret } from "./benchSecret.js"

/** The simulator's superuser password, fresh per bench run; the fleet worker inherits it. */
export const awxPassword: string = benchSecret("PLANES_BENCH_AWX_PASSWORD")

/** The inventory every Ansible fleet run targets. */
export const benchInventory = "Bench fleet"

/** Starts an AWX simulator in a child process, on a frozen clock, with an empty baseline fleet. */
export const startAwxSim = (seed: number): Promise<HostedSim> =>
  startHostedSim({ kind: "awx", seed, password: awxPassword, fleetSize: 0 })

/**
 * Resets the simulator and seeds the bench inventory with `size` generated hosts (the admin seed's
 * `fleet` count, so nothing is posted per host), one host in ten failing its play and one in fifty
 * unreachable: each size starts from no jobs without a new process.
 */
export const seedAwxFleet = async (sim: HostedSim, size: number): Promise<void> => {
  await sim.admin("POST", "/_sim/reset")
  await sim.admin("POST", "/_sim/seed", {
    settings: { lifecycle: { projectUpdateMs: 0 }, outcomes: { failureRate: 0.1, unreachableRate: 0.02 } },
    inventories: [{ name: benchInventory, fleet: size }]
  })
}

import { type HostedSim, startHostedSim } from "../host/startHost.js"
import { benchSecret } from "./benchSecret.js"

/** The bench's own site account (made up, simulator only), created through the admin API. */
export const sccmAccount = { domain: "CONTOSO", user: "planes-bench" } as const
/** Its password, fresh per bench run; the fleet worker inherits it through the environment. */
export const sccmPassword: string = benchSecret("PLANES_BENCH_SCCM_PASSWORD")

/** Starts a Configuration Manager simulator in a child process, on a frozen clock, with no devices. */
export const startSccmSim = (seed: number): Promise<HostedSim> =>
  startHostedSim({ kind: "sccm", seed, devices: 0 })

/**
 * Resets the simulator to `size` generated devices (the admin seed's generator, so nothing is posted
 * per device), with the bench account and one failure in ten: each size starts from no deployments
 * without a new process.
 */
export const seedSccmFleet = async (sim: HostedSim, size: number): Promise<void> => {
  await sim.admin("POST", "/_sim/reset")
  await sim.admin("POST", "/_sim/seed", { devices: size })
  await sim.admin("POST", "/_sim/sccm/accounts", { ...sccmAccount, password: sccmPassword })
  await sim.admin("PUT", "/_sim/sccm/settings", { failureRate: 0.1, unknownRate: 0.02 })
}

import { settleCollections } from "../collections/membership.js"
import { settleDeployments } from "../deployments/plan.js"
import { settleDistribution } from "../distribution/content.js"
import type { SiteBase } from "./site.js"

/**
 * Brings the stored state up to the simulated clock before a request reads or writes it: collection
 * evaluations that are due, content that has arrived on reachable DPs, device rows for new members.
 * Everything else (per-device status, summaries) is derived from the clock on read, so no timers run.
 */
export const settle = (site: SiteBase): void => {
  settleCollections(site)
  settleDistribution(site)
  settleDeployments(site)
}

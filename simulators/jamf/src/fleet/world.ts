import type { SimKit } from "@planes/sim-kit"
import type { JamfSettings } from "../settings/settings.js"
import type { JamfStores } from "../state.js"
import { type CheckInWorld, checkIn, nextCheckIn } from "./check-in.js"

/** What a check-in needs of a tenant's state right now. */
export const checkInWorld = (
  kit: SimKit,
  stores: JamfStores,
  tenant: string,
  settings: JamfSettings
): CheckInWorld => ({
  policies: stores.policies.get(tenant).policies,
  groups: stores.groups.get(tenant).groups,
  packages: stores.packages.get(tenant).packages,
  settings,
  fork: (label) => kit.rng.fork(label)
})

/**
 * Runs every check-in due between the last simulated instant and now, computer by computer in time
 * order. Outcomes depend only on the seed and the instants, not on when requests arrive, so runs repeat.
 */
export const catchUpFleet = (
  kit: SimKit,
  stores: JamfStores,
  tenant: string,
  settings: JamfSettings
): void => {
  const fleet = stores.fleet.get(tenant)
  const now = kit.clock.now()
  if (now <= fleet.processedUntilMs) return
  const world = checkInWorld(kit, stores, tenant, settings)
  const interval = settings.checkInIntervalMs
  for (const computer of fleet.computers) {
    for (let at = nextCheckIn(computer, fleet.processedUntilMs, interval); at <= now; at += interval) {
      checkIn(world, computer, at)
    }
  }
  fleet.processedUntilMs = now
}

import type { SimKit } from "@planes/sim-kit"
import { pyJson } from "../http/vars.js"
import type {
  ApplicationRecord,
  GroupRecord,
  HostRecord,
  OrganizationRecord,
  UserRecord
} from "../state/records.js"
import { applySettingsPatch, defaultSettings, type SettingsPatch } from "../state/settings.js"
import type { Baseline } from "../state/stores.js"
import { generateFleet } from "./generate.js"

export type { Baseline } from "../state/stores.js"

/** What the baseline is built from (a subset of the simulator options). */
export interface BaselineOptions {
  readonly admin?: { readonly username?: string; readonly password?: string }
  readonly fleetSize?: number
  readonly settings?: SettingsPatch
}

/** The public OAuth2 application every baseline has, for the `/api/o/token/` password grant. */
export const DEFAULT_CLIENT_ID = "awx-sim-client"

/**
 * The state a fresh or reset simulator starts from: organization `Default` (1), the superuser (1), a
 * public application (1), inventory `Fleet` (1) with the generated fleet. The fleet comes from the
 * `fleet` stream of the current seed, so a reset (or the same seed elsewhere) gives the same hosts.
 */
export const buildBaseline = (kit: SimKit, options: BaselineOptions): Baseline => {
  // Every initial state is stamped with the clock's instant when the store is first touched.
  // Drawn afresh from the seed's fleet stream each time, so hosts and groups always agree.
  const fleet = () => generateFleet(kit.rng.fork("fleet"), options.fleetSize ?? 12)
  const org = (): OrganizationRecord => ({
    id: 1,
    name: "Default",
    description: "",
    created_ms: kit.clock.now()
  })
  return {
    settings: () => applySettingsPatch(defaultSettings, options.settings ?? {}),
    users: (): UserRecord[] => [
      {
        id: 1,
        username: options.admin?.username ?? "admin",
        password: options.admin?.password ?? "password",
        first_name: "",
        last_name: "",
        email: "admin@example.com",
        role: "admin",
        created_ms: kit.clock.now()
      }
    ],
    tokens: () => [],
    applications: (): ApplicationRecord[] => [
      {
        id: 1,
        name: "Default application",
        client_id: DEFAULT_CLIENT_ID,
        client_secret: "",
        client_type: "public",
        organization: 1,
        created_ms: kit.clock.now()
      }
    ],
    organizations: () => [org()],
    inventories: () => [
      { id: 1, name: "Fleet", description: "", organization: 1, variables: "", created_ms: kit.clock.now() }
    ],
    hosts: (): HostRecord[] =>
      fleet().map((spec, index) => ({
        id: index + 1,
        name: spec.name,
        description: "",
        inventory: 1,
        enabled: true,
        variables: pyJson(spec.variables),
        platform: spec.platform,
        groups: [...spec.groups],
        behaviour: spec.behaviour,
        created_ms: kit.clock.now()
      })),
    // The fleet's group names (platforms and rings) as group objects of the Fleet inventory.
    groups: (): GroupRecord[] =>
      groupNames(fleet()).map((name, index) => ({
        id: index + 1,
        name,
        description: "",
        inventory: 1,
        variables: "",
        created_ms: kit.clock.now()
      }))
  }
}

/** The distinct group names of some hosts, sorted. */
export const groupNames = (specs: ReadonlyArray<{ readonly groups: readonly string[] }>): string[] =>
  [...new Set(specs.flatMap((s) => s.groups))].sort()

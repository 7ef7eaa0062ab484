import { DEFAULT_TENANT, type SimKit } from "@planes/sim-kit"
import { Schema } from "effect"
import type { ApiClient, UserAccount } from "../auth/accounts.js"
import { ALL_PRIVILEGES } from "../auth/privileges.js"
import { generateFleet } from "../fleet/generate.js"
import { opt } from "../schema-util.js"
import { JamfSettingsPatch, patchSettings } from "../settings/settings.js"
import type { JamfStores } from "../state.js"

/** An API client to register; `privileges: ["*"]` grants every privilege the simulator checks. */
export const ClientInput = Schema.Struct({
  clientId: Schema.String.pipe(Schema.minLength(1)),
  clientSecret: Schema.String.pipe(Schema.minLength(1)),
  privileges: Schema.Array(Schema.String),
  displayName: opt(Schema.String),
  roleId: opt(Schema.Int.pipe(Schema.positive())),
  enabled: opt(Schema.Boolean),
  accessTokenLifetimeSeconds: opt(Schema.Int.pipe(Schema.positive()))
})
/** An API client to register. */
export type ClientInput = typeof ClientInput.Type

/** A user account to register; `privileges: ["*"]` grants every privilege. */
export const UserInput = Schema.Struct({
  username: Schema.String.pipe(Schema.minLength(1)),
  password: Schema.String,
  privileges: Schema.Array(Schema.String)
})
/** A user account to register. */
export type UserInput = typeof UserInput.Type

/** What `POST /_sim/seed` (besides `seed`) and `sim.seed(…)` take. */
export const JamfSeed = Schema.Struct({
  /** Replaces the fleet with this many generated computers (from the seeded stream `jamf/fleet`). */
  computers: opt(Schema.Int.pipe(Schema.between(0, 100_000))),
  clients: opt(Schema.Array(ClientInput)),
  users: opt(Schema.Array(UserInput)),
  settings: opt(JamfSettingsPatch)
})
/** What seeding takes. */
export type JamfSeed = typeof JamfSeed.Type

const expand = (privileges: readonly string[]): string[] =>
  privileges.includes("*") ? [...ALL_PRIVILEGES] : [...privileges]

/** Adds or replaces an API client (by client id); role ids default to the client's position. */
export const upsertClient = (stores: JamfStores, input: ClientInput): ApiClient => {
  const accounts = stores.accounts.get(DEFAULT_TENANT)
  const existing = accounts.clients.findIndex((k) => k.clientId === input.clientId)
  const client: ApiClient = {
    clientId: input.clientId,
    clientSecret: input.clientSecret,
    displayName: input.displayName ?? input.clientId,
    roleId: input.roleId ?? (existing >= 0 ? existing : accounts.clients.length) + 1,
    privileges: expand(input.privileges),
    enabled: input.enabled ?? true,
    accessTokenLifetimeSeconds: input.accessTokenLifetimeSeconds ?? 600
  }
  if (existing >= 0) accounts.clients[existing] = client
  else accounts.clients.push(client)
  return client
}

/** Adds or replaces a user account (by username). */
export const upsertUser = (stores: JamfStores, input: UserInput): UserAccount => {
  const accounts = stores.accounts.get(DEFAULT_TENANT)
  const user: UserAccount = {
    username: input.username,
    password: input.password,
    privileges: expand(input.privileges)
  }
  accounts.users = [...accounts.users.filter((u) => u.username !== input.username), user]
  return user
}

/** Replaces the fleet with `count` generated computers; check-ins are simulated from now on. */
export const seedFleet = (kit: SimKit, stores: JamfStores, count: number): void => {
  const settings = stores.settings.get(DEFAULT_TENANT)
  const now = kit.clock.now()
  stores.fleet.set(DEFAULT_TENANT, {
    processedUntilMs: now,
    computers: generateFleet(kit.rng.fork("jamf/fleet"), count, now, settings.checkInIntervalMs)
  })
}

/** Applies a decoded seed: settings first, then accounts, then the fleet. */
export const applySeed = (kit: SimKit, stores: JamfStores, seed: JamfSeed): void => {
  if (seed.settings !== undefined) {
    stores.settings.update(DEFAULT_TENANT, (s) => patchSettings(s, seed.settings ?? {}))
  }
  for (const client of seed.clients ?? []) upsertClient(stores, client)
  for (const user of seed.users ?? []) upsertUser(stores, user)
  if (seed.computers !== undefined) seedFleet(kit, stores, seed.computers)
}

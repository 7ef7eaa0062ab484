import type { SimKit } from "@planes/sim-kit"
import type { Schema } from "effect"
import { ensureEntry } from "../fleet/catalogue.js"
import { generateFleet } from "../fleet/generator.js"
import type { Computer, User } from "../state/schemas.js"
import { type Directory, directoryOf, type LandscapeStores } from "../state/stores.js"
import type { CatalogueInput, ComputerInput, GpgKeyInput, SeedInput, UserInput } from "./inputs.js"

/** Adds or replaces (by email) a user; its accounts join the directory. Returns the stored user. */
export const addUser = (dir: Directory, input: Schema.Schema.Type<typeof UserInput>): User => {
  const previous = dir.users.find((u) => u.email === input.email)
  const id = input.id ?? previous?.id ?? Math.max(0, ...dir.users.map((u) => u.id)) + 1
  const user: User = { ...input, id }
  dir.users = [...dir.users.filter((u) => u.email !== input.email && u.id !== id), user]
  for (const name of input.accounts)
    if (!dir.accounts.some((a) => a.name === name)) dir.accounts.push({ name, title: name })
  return user
}

/** Adds package versions to an account's catalogue. */
export const addCatalogue = (
  stores: LandscapeStores,
  account: string,
  items: ReadonlyArray<typeof CatalogueInput.Type>
) => {
  const catalogue = stores.catalogue.get(account)
  return items.map((item) =>
    ensureEntry(catalogue, { ...item, public: item.public ?? false, mirror: item.mirror ?? true })
  )
}

/** Adds or replaces computers (by id) in an account's fleet. */
export const upsertComputers = (
  kit: SimKit,
  stores: LandscapeStores,
  account: string,
  items: ReadonlyArray<typeof ComputerInput.Type>
): Computer[] => {
  const fleet = stores.fleet.get(account)
  const now = kit.clock.now()
  return items.map((item) => {
    const existing = fleet.computers.find((c) => c.id === item.id)
    const computer: Computer = {
      id: item.id,
      title: item.title ?? existing?.title ?? `Computer ${item.id}`,
      hostname: item.hostname ?? existing?.hostname ?? `computer-${item.id}`,
      comment: existing?.comment ?? "",
      tags: [...(item.tags ?? existing?.tags ?? [])],
      distribution: item.distribution ?? existing?.distribution ?? "22.04",
      series: item.series ?? existing?.series ?? "jammy",
      accessGroup: item.accessGroup ?? existing?.accessGroup ?? "global",
      online: item.online ?? existing?.online ?? true,
      lastPingMs: item.online === false && existing?.online !== false ? now : (existing?.lastPingMs ?? now),
      lastExchangeMs: existing?.lastExchangeMs ?? now,
      packages: { ...(item.packages ?? existing?.packages ?? {}) },
      held: [...(item.held ?? existing?.held ?? [])]
    }
    fleet.computers = [...fleet.computers.filter((c) => c.id !== item.id), computer].sort(
      (a, b) => a.id - b.id
    )
    return computer
  })
}

/** Adds GPG keys to an account. */
export const addGpgKeys = (
  stores: LandscapeStores,
  account: string,
  items: ReadonlyArray<typeof GpgKeyInput.Type>
) => {
  const repo = stores.repository.get(account)
  for (const k of items) {
    const key = {
      name: k.name,
      fingerprint: k.fingerprint ?? k.name.toUpperCase().padEnd(40, "0").slice(0, 40),
      hasSecret: k.hasSecret
    }
    repo.gpgKeys = [...repo.gpgKeys.filter((x) => x.name !== k.name), key]
  }
  return repo.gpgKeys
}

/** Applies a decoded `POST /_sim/seed` body to one account. */
export const applySeed = (
  kit: SimKit,
  stores: LandscapeStores,
  defaultAccount: string,
  seed: SeedInput
): void => {
  const account = seed.account ?? defaultAccount
  if (seed.fleetSize !== undefined) {
    stores.fleet.set(account, {
      computers: generateFleet(kit.rng.fork("fleet"), seed.fleetSize, kit.clock.now())
    })
  }
  if (seed.computers !== undefined) upsertComputers(kit, stores, account, seed.computers)
  if (seed.catalogue !== undefined) addCatalogue(stores, account, seed.catalogue)
  for (const user of seed.users ?? []) addUser(directoryOf(stores), user)
  if (seed.gpgKeys !== undefined) addGpgKeys(stores, account, seed.gpgKeys)
  if (seed.settings !== undefined)
    stores.settings.set(account, { ...stores.settings.get(account), ...seed.settings })
}

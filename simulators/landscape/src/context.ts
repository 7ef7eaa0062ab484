import type { SimKit } from "@planes/sim-kit"
import type { ComputerQueryContext } from "./search/computer-query.js"
import type { Computer, Settings, User } from "./state/schemas.js"
import { directoryOf, type LandscapeStores } from "./state/stores.js"

/** Everything an authenticated API call works with: the account (kit tenant), caller and instant. */
export interface AccountContext {
  readonly kit: SimKit
  readonly stores: LandscapeStores
  /** Account name, the kit's tenant. */
  readonly account: string
  /** The authenticated caller. */
  readonly user: User
  /** Simulated time of the request. */
  readonly nowMs: number
}

/** The account's computers. */
export const computersOf = (ctx: AccountContext): Computer[] => ctx.stores.fleet.get(ctx.account).computers

/** The account's rates and delays. */
export const settingsOf = (ctx: AccountContext): Settings => ctx.stores.settings.get(ctx.account)

/** What computer queries need: the account's saved searches. */
export const computerQueryContext = (ctx: AccountContext): ComputerQueryContext => ({
  savedSearches: ctx.stores.searches.get(ctx.account).items
})

/** All users (activity creators are looked up by id). */
export const usersOf = (ctx: AccountContext): readonly User[] => directoryOf(ctx.stores).users

/** Landscape's `creator` object for a user id (a deleted user still renders). */
export const creatorOf = (ctx: AccountContext, userId: number) => {
  const user = usersOf(ctx).find((u) => u.id === userId)
  return { email: user?.email ?? "unknown@example.invalid", id: userId, name: user?.name ?? "Unknown" }
}

/**
 * When an online computer last pinged: they ping continuously (every minute, offset by id); an offline
 * one keeps the instant it went silent.
 */
export const lastPingMs = (computer: Computer, nowMs: number): number =>
  computer.online
    ? Math.max(computer.lastPingMs, nowMs - ((computer.id * 17) % 60) * 1000)
    : computer.lastPingMs

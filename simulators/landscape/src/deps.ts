import type { SimContext, SimKit } from "@planes/sim-kit"
import type { AccountContext } from "./context.js"
import type { User } from "./state/schemas.js"
import type { LandscapeStores } from "./state/stores.js"

/** What every route group of the simulator shares. */
export interface LandscapeDeps {
  readonly kit: SimKit
  readonly stores: LandscapeStores
  /** Legacy API versions the server registers (`version=` must be one of them). */
  readonly apiVersions: readonly string[]
  /** Whether the server reports itself as self-hosted in login answers. */
  readonly selfHosted: boolean
}

/**
 * Opens the caller's account for a request: makes it the kit's tenant (journal). Its activities are
 * already up to the simulated now: the kit ran the advance hook before the request.
 */
export const openAccount = (
  deps: LandscapeDeps,
  c: SimContext,
  user: User,
  account: string
): AccountContext => {
  c.set("tenant", account)
  return { kit: deps.kit, stores: deps.stores, account, user, nowMs: deps.kit.clock.now() }
}

import type { SimContext, SimKit } from "@planes/sim-kit"
import type { TokenData } from "./auth/accounts.js"
import type { JamfSettings } from "./settings/settings.js"
import type { JamfStores } from "./state.js"

/** What every route factory of the Jamf simulator is given. */
export interface JamfContext {
  readonly kit: SimKit
  readonly stores: JamfStores
  /** Origin written into `href`s; the request's own origin when absent. */
  readonly publicBaseUrl: string | undefined
  /** Key signing the JWT-shaped tokens (derived from the seed). */
  readonly jwtKey: () => Buffer
  /** Current settings of a tenant. */
  readonly settings: (tenant: string) => JamfSettings
  /** Runs every check-in due up to the current simulated instant (policy runs, inventory, logs). */
  readonly catchUp: (tenant: string) => void
}

/** Per-request facts the Jamf middleware establishes for handlers. */
export interface RequestInfo {
  /** Who the bearer token stands for (absent on the token endpoints). */
  principal?: TokenData
  /** Index of the cluster node serving the request. */
  node: number
}

const infos = new WeakMap<Request, RequestInfo>()

/** The request's facts (node 0 and no principal until the middleware set them). */
export const infoOf = (c: SimContext): RequestInfo => {
  const existing = infos.get(c.req.raw)
  if (existing !== undefined) return existing
  const fresh: RequestInfo = { node: 0 }
  infos.set(c.req.raw, fresh)
  return fresh
}

/** The origin `href`s should use for this request. */
export const originOf = (ctx: JamfContext, c: SimContext): string =>
  ctx.publicBaseUrl?.replace(/\/+$/, "") ?? new URL(c.req.url).origin

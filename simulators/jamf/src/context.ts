import type { SimContext, SimEnv, SimKit } from "@planes/sim-kit"
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
}

/** Per-request facts the Jamf middleware sets on the context (`c.var.principal`, `c.var.node`). */
export interface JamfVariables {
  /** Who the bearer token stands for (set by `authenticate`; absent on the token endpoints). */
  principal: TokenData
  /** Index of the cluster node serving the request (set by the cluster middleware). */
  node: number
}

/** The Hono environment of the Jamf simulator: the kit's variables plus `JamfVariables`. */
export type JamfEnv = SimEnv<JamfVariables>

/** Hono context of a Jamf request. */
export type JamfRequestContext = SimContext<JamfVariables>

/** Index of the node serving the request (node 0 until the cluster middleware chose one). */
export const nodeOf = (c: JamfRequestContext): number => c.var.node ?? 0

/** The origin `href`s should use for this request. */
export const originOf = (ctx: JamfContext, c: JamfRequestContext): string =>
  ctx.publicBaseUrl?.replace(/\/+$/, "") ?? new URL(c.req.url).origin

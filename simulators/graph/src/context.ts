import type { SimKit } from "@planes/sim-kit"
import type { GraphStores } from "./state.js"

/** What every route factory of the Graph simulator is given. */
export interface GraphContext {
  readonly kit: SimKit
  readonly stores: GraphStores
  /** Key that signs upload URLs (SAS `sig`). */
  readonly storageSecret: string
  /** Origin written into absolute URLs (upload URLs, nextLinks); the request's own origin when absent. */
  readonly publicBaseUrl: string | undefined
  /** Tenant the admin API works on when a request names none. */
  readonly defaultTenant: string
}

/** The origin absolute URLs should use for this request. */
export const originOf = (ctx: GraphContext, requestUrl: string): string =>
  ctx.publicBaseUrl?.replace(/\/+$/, "") ?? new URL(requestUrl).origin

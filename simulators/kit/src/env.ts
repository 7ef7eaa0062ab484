import type { Context } from "hono"
import type { SimKit } from "./kit.js"

/** Per-request values the kit puts on the Hono context for vendor routes (`c.var.tenant`, ...). */
export interface SimVariables {
  /** The simulator's machinery: stores, clock, rng, faults, throttle, journal. */
  kit: SimKit
  /** Tenant of this request (from `tenantOf`; a vendor auth middleware may `c.set` it later). */
  tenant: string
  /** Calling client (from `clientOf`), the unit of per-client throttling and early-retry tracking. */
  client: string
  /** Id the simulator gives this request (deterministic from the seed). */
  requestId: string
  /** Value of the simulator's correlation header, when the caller sent one. */
  correlationId: string | undefined
}

/** The one Hono environment every simulator app uses. */
export interface SimEnv {
  Variables: SimVariables
}

/** Hono context of a simulator request. */
export type SimContext = Context<SimEnv>

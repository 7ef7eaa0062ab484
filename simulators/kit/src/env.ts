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

/** No extra per-request variables: the default of `SimEnv` and `createSimulator`. */
export type NoExtra = Record<never, never>

/**
 * The Hono environment of a simulator app: the kit's variables plus the simulator's own `Extra` ones
 * (e.g. `{ caller: Account }`, set by its auth middleware with `c.set("caller", …)`). Extras read as
 * possibly undefined, since a request may not have reached the middleware that sets them; that also
 * keeps every `SimContext<Extra>` usable where the kit takes a plain `SimContext`.
 */
export interface SimEnv<Extra extends object = NoExtra> {
  Variables: SimVariables & Partial<Extra>
}

/** Hono context of a simulator request (with the simulator's `Extra` variables, if any). */
export type SimContext<Extra extends object = NoExtra> = Context<SimEnv<Extra>>

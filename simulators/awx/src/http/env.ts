import type { SimVariables } from "@planes/sim-kit"
import type { Context } from "hono"
import type { UserRecord } from "../state/records.js"

/** Who a request authenticated as, and with which scope (Basic is always `write`). */
export interface Principal {
  readonly user: UserRecord
  readonly scope: "read" | "write"
  /** How the caller authenticated. */
  readonly via: "basic" | "token"
}

/** The AWX routes' Hono environment: the kit's variables plus the authenticated principal. */
export interface AwxEnv {
  Variables: SimVariables & { principal: Principal }
}

/** Hono context of an AWX API request. */
export type AwxContext = Context<AwxEnv>

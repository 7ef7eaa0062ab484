import type { SimContext, SimEnv } from "@planes/sim-kit"
import type { Account } from "../state/schemas.js"

/** Per-request variables of the SCCM simulator (`c.var.caller`), set by the auth middleware. */
export interface SccmVariables {
  /** The account the request authenticated as (NTLM or bearer). */
  caller: Account
}

/** The Hono environment of the SCCM simulator. */
export type SccmEnv = SimEnv<SccmVariables>

/** Hono context of an SCCM request. */
export type SccmContext = SimContext<SccmVariables>

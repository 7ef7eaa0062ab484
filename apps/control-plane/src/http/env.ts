import type { ErrorClass } from "@planes/core"
import type { Option } from "effect"
import type { Role } from "../store/records.js"

/** The authenticated caller of a request. */
export interface Caller {
  readonly keyId: string
  readonly name: string
  readonly role: Role
}

/** The Hono environment every route shares: what the middleware learned about the request. */
export interface AppEnv {
  readonly Variables: {
    correlationId: string
    caller: Option.Option<Caller>
    /** The audited name of what the request does, set by the route. */
    action: string
    /** The error class of a problem answer, for the audit entry. */
    errorClass: ErrorClass | undefined
    /** A short reason for the audit entry. */
    auditDetail: string | undefined
  }
}

/** How a caller appears in the audit trail and as an idempotency scope. */
export const actorOf = (caller: Option.Option<Caller>): string =>
  caller._tag === "Some" ? `key:${caller.value.keyId}` : "anonymous"

import type { ErrorFormatter } from "@planes/sim-kit"

/** DRF's `NotFound` detail, used for missing objects and unknown routes alike. */
export const NOT_FOUND = "Not found."

/** DRF's `NotAuthenticated` detail (also what AWX answers for an unknown, revoked or expired token). */
export const NOT_AUTHENTICATED = "Authentication credentials were not provided."

/** DRF's `PermissionDenied` detail. */
export const PERMISSION_DENIED = "You do not have permission to perform this action."

/**
 * Renders every kit-made error (throttling, injected faults, unmatched routes, exceptions) as DRF's
 * `{"detail": "..."}`. Unknown routes say "Not found." as Django's resolver does under DRF.
 */
export const awxErrorFormatter: ErrorFormatter = ({ status, message, source }) =>
  new Response(JSON.stringify({ detail: source === "not-found" ? NOT_FOUND : message }), {
    status,
    headers: { "content-type": "application/json" }
  })

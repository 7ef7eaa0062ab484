/** The reserved prefix of every admin route. */
export const ADMIN_PREFIX = "/_sim"

/** Whether a request path belongs to the admin API (never throttled, faulted or journaled). */
export const isAdminPath = (path: string): boolean =>
  path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)

import type { ErrorFormatter, SimContext } from "@planes/sim-kit"

/** The path Vault names in its messages: the request path without `/v1/`. */
export const apiPath = (path: string): string => path.replace(/^\/v1\//, "")

/** Vault's error body: `{"errors": [...]}`. */
export const errorBody = (messages: ReadonlyArray<string>) => ({ errors: messages })

/**
 * Renders every kit-made error (faults, throttling, unknown routes, exceptions) as Vault does:
 * `{"errors":[...]}`, with Vault's own wording for unknown routes and rate-limit quotas.
 */
export const vaultErrorFormatter: ErrorFormatter = ({ status, message, source, c }) => {
  const path = apiPath(c.req.path)
  const text =
    source === "not-found"
      ? `no handler for route "${path}". route entry not found.`
      : source === "throttle"
        ? `request path "${path}": rate limit quota exceeded`
        : message
  return new Response(JSON.stringify(errorBody([text])), {
    status,
    headers: { "content-type": "application/json" }
  })
}

/** Answers a Vault error with the given status and messages (none for a missing KV path). */
export const vaultError = (c: SimContext, status: 400 | 403 | 404 | 405 | 503, ...messages: string[]) =>
  c.json(errorBody(messages), status)

/** Vault's answer to a missing, unknown, expired or insufficient token. */
export const permissionDenied = (c: SimContext) => vaultError(c, 403, "permission denied")

/** Vault's answer to everything but health and seal status while sealed. */
export const sealedError = (c: SimContext) => vaultError(c, 503, "Vault is sealed")

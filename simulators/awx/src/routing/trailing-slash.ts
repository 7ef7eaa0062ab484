import type { SimEnv } from "@planes/sim-kit"
import type { MiddlewareHandler } from "hono"

/**
 * Django's APPEND_SLASH as AWX runs it: an `/api/...` path without its trailing slash answers 301 with
 * `Location` set to the same path plus the slash, query string kept, for every method (a client that
 * follows it with a GET drops a POST body, which is why adapters must send the slash).
 */
export const appendSlash: MiddlewareHandler<SimEnv> = async (c, next) => {
  const path = c.req.path
  if (!path.startsWith("/api") || path.endsWith("/")) return next()
  const search = new URL(c.req.url).search
  c.header("Location", `${path}/${search}`)
  return c.body(null, 301)
}

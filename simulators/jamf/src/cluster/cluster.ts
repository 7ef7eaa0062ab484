import { createHash } from "node:crypto"
import { hashString, setAnswerHeader } from "@planes/sim-kit"
import type { MiddlewareHandler } from "hono"
import { generateCookie, getCookie } from "hono/cookie"
import { type JamfContext, type JamfEnv, type JamfRequestContext, nodeOf } from "../context.js"
import type { Origin } from "./origin.js"

/** The sticky-cookie value naming node `index` (opaque, stable for a seed, as a load balancer's is). */
export const nodeCookieValue = (seed: number, index: number): string =>
  createHash("sha256").update(`jamf-node:${seed}:${index}`).digest("hex").slice(0, 32)

/**
 * Routes each request to a node: the one its sticky cookie names, else one chosen from the request id
 * (seeded, so runs repeat). Every answer sets the cookie naming the node that served it.
 */
export const clusterMiddleware =
  (ctx: JamfContext): MiddlewareHandler<JamfEnv> =>
  async (c, next) => {
    const { nodes, cookieName } = ctx.settings(c.var.tenant)
    const seed = ctx.kit.seed
    const presented = getCookie(c, cookieName)
    let node = -1
    for (let i = 0; i < nodes && presented !== undefined; i++) {
      if (nodeCookieValue(seed, i) === presented) node = i
    }
    if (node < 0) node = hashString(c.var.requestId) % nodes
    c.set("node", node)
    await next()
    // In place on the answer: Hono's setCookie would rebuild the finished answer for one header.
    setAnswerHeader(
      c,
      "Set-Cookie",
      generateCookie(cookieName, nodeCookieValue(seed, node), { path: "/", httpOnly: true }),
      {
        append: true
      }
    )
  }

/** Where a write made by this request lands: the serving node, now. */
export const writeOrigin = (ctx: JamfContext, c: JamfRequestContext): Origin => ({
  node: nodeOf(c),
  atMs: ctx.kit.clock.now()
})

/**
 * Whether the node serving this request sees an object yet: the node that took the write sees it at
 * once, the others once the replication lag has passed.
 */
export const isVisible = (ctx: JamfContext, c: JamfRequestContext, origin: Origin): boolean =>
  origin.node === nodeOf(c) ||
  ctx.kit.clock.now() >= origin.atMs + ctx.settings(c.var.tenant).replicationLagMs

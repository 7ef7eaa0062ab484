import { Schema } from "effect"
import { HTTPException } from "hono/http-exception"
import {
  createSimulator,
  type ErrorContext,
  type ErrorFormatter,
  type LogLevel,
  type SimulatorOptions
} from "../src/index.js"

/** Formatter used by the tests: a recognisable vendor-ish JSON shape. */
export const testFormatter: ErrorFormatter = (ctx: ErrorContext) =>
  new Response(
    JSON.stringify({
      error: {
        code: ctx.code,
        message: ctx.message,
        source: ctx.source,
        innerError: {
          "request-id": ctx.requestId,
          "client-request-id": ctx.correlationId ?? null,
          date: ctx.date.toISOString()
        }
      }
    }),
    { status: ctx.status, headers: { "content-type": "application/json" } }
  )

/** The state the test vendor keeps per tenant. */
export const Items = Schema.Struct({ items: Schema.mutable(Schema.Array(Schema.String)) })

/** A tiny vendor simulator on the kit: POST/GET /api/items, a throwing route and a 401 route. */
export const makeSim = (options: Partial<SimulatorOptions> = {}) => {
  const lines: Array<{ level: LogLevel; message: string }> = []
  const sim = createSimulator({
    name: "test",
    seed: 42,
    errorFormatter: testFormatter,
    tenantOf: (c) => c.req.header("x-tenant"),
    clock: { start: Date.parse("2026-01-01T00:00:00Z"), frozen: true },
    log: (level, message) => lines.push({ level, message }),
    ...options
  })
  const items = sim.kit.stores.register("items", Items, () => ({ items: [] }))
  sim.app.post("/api/items", async (c) => {
    const body: unknown = await c.req.json()
    const name = typeof body === "object" && body !== null && "name" in body ? String(body.name) : "unnamed"
    items.get(c.var.tenant).items.push(name)
    return c.json({ name }, 201)
  })
  sim.app.get("/api/items", (c) => c.json({ items: items.get(c.var.tenant).items }))
  sim.app.get("/api/boom", () => {
    throw new Error("kaboom")
  })
  sim.app.get("/api/private", () => {
    throw new HTTPException(401, {
      res: new Response(null, { status: 401, headers: { "www-authenticate": 'Bearer realm="test"' } })
    })
  })
  sim.app.get("/api/forbidden", () => {
    throw new HTTPException(403, { message: "not allowed" })
  })
  return { ...sim, items, lines }
}

/** Sends a JSON admin request in-process. */
export const admin = (
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  method: string,
  path: string,
  body?: unknown
) =>
  app.request(`/_sim${path}`, {
    method,
    ...(body === undefined
      ? {}
      : {
          body: typeof body === "string" ? body : JSON.stringify(body),
          headers: { "content-type": "application/json" }
        })
  })

/** Reads a JSON body without trusting its type beyond "some JSON". */
export const json = async (res: Response): Promise<Record<string, unknown>> => {
  const value: unknown = await res.json()
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error("expected a JSON object")
  return Object.fromEntries(Object.entries(value))
}

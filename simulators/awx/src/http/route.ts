import type { Hono } from "hono"
import { methodNotAllowed } from "../errors/responses.js"
import type { AwxContext, AwxEnv } from "./env.js"

/** A route handler of the AWX API. */
export type Handler = (c: AwxContext) => Response | Promise<Response>

/** Handlers of one resource path by method. */
export type Methods = Partial<Record<"get" | "post" | "put" | "patch" | "delete", Handler>>

/**
 * Registers one resource path: its handlers, then a catch-all answering DRF's 405
 * `{"detail": "Method \"X\" not allowed."}` for every other method (never Hono's 404).
 */
export const resource = (app: Hono<AwxEnv>, path: string, methods: Methods): void => {
  for (const [method, handler] of Object.entries(methods)) app.on(method.toUpperCase(), path, handler)
  app.all(path, (c) => methodNotAllowed(c))
}

/** Reads a numeric path id; undefined for anything else (answer 404 then, as Django's resolver does). */
export const idParam = (c: AwxContext, name = "id"): number | undefined => {
  const raw = c.req.param(name) ?? ""
  return /^\d+$/.test(raw) ? Number(raw) : undefined
}

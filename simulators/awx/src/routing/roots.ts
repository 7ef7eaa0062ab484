import type { AwxContext } from "../http/env.js"

/** The controller API roots: AWX / AAP ≤ 2.4, and the AAP 2.5+ platform gateway. */
export const API_ROOTS = ["/api/v2", "/api/controller/v2"] as const

/** The root (with its trailing slash) a request came in on, so links answer on the same root. */
export const rootOf = (c: AwxContext): string =>
  c.req.path.startsWith("/api/controller/v2/") ? "/api/controller/v2/" : "/api/v2/"

/** A link under the request's root, e.g. `link(c, "jobs", 4)` is `/api/v2/jobs/4/`. */
export const link = (c: AwxContext, ...segments: ReadonlyArray<string | number>): string =>
  `${rootOf(c)}${segments.map((s) => `${s}/`).join("")}`

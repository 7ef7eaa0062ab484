import type { SimEnv } from "@planes/sim-kit"
import { Schema } from "effect"
import { Hono } from "hono"
import { renderRestActivity } from "../activities/render.js"
import { computerQueryContext, computersOf } from "../context.js"
import type { LandscapeDeps } from "../deps.js"
import { fail } from "../errors/failure.js"
import { guarded } from "../errors/formatter.js"
import { installedVersion } from "../fleet/installed.js"
import { inventory } from "../packages/inventory.js"
import { schedulePackages } from "../packages/schedule.js"
import { selectComputers } from "../search/computer-query.js"
import type { Computer } from "../state/schemas.js"
import { decodeInput } from "../util/decode.js"
import { namesParam } from "./computers.js"
import { restPage } from "./paging.js"
import { RestPaging, readJson, restCaller } from "./request.js"

const Ids = Schema.Array(Schema.Number.pipe(Schema.int(), Schema.positive()))

/** The body of `POST /api/v2/packages` (as Canonical's portal sends it). */
export const PackagesAction = Schema.Struct({
  action: Schema.Literal("install", "remove", "hold", "unhold"),
  computer_ids: Ids,
  package_ids: Ids,
  deliver_after: Schema.optional(Schema.String),
  deliver_delay_window: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.nonNegative()))
})

const installedOn = (computer: Computer | undefined, name: string): string | null =>
  (computer === undefined ? undefined : installedVersion(computer, name)) ?? null

const Flag = Schema.optional(Schema.Literal("true", "false"))
const flag = (v: "true" | "false" | undefined) => (v === undefined ? undefined : v === "true")

/** `GET /api/v2/packages` (inventory per package name) and `POST /api/v2/packages` (an action). */
export const packageRoutes = (deps: LandscapeDeps): Hono<SimEnv> => {
  const app = new Hono<SimEnv>()
  app.get(
    "/packages",
    guarded((c) => {
      const ctx = restCaller(deps, c, false)
      const q = decodeInput(
        Schema.Struct({
          ...RestPaging.fields,
          query: Schema.optional(Schema.String),
          search: Schema.optional(Schema.String),
          installed: Flag,
          available: Flag,
          upgrade: Flag,
          held: Flag
        }),
        c.req.query()
      )
      const computers = selectComputers(q.query ?? "", computersOf(ctx), computerQueryContext(ctx))
      const rows = inventory(ctx, computers, {
        names: namesParam(c.req.queries("names")),
        search: q.search,
        installed: flag(q.installed),
        available: flag(q.available),
        upgrade: flag(q.upgrade),
        held: flag(q.held)
      })
      return c.json(
        restPage(c, rows, q, (r) => ({
          id: r.id,
          name: r.name,
          summary: r.summary,
          version: r.version,
          computers: [
            ...r.installed.map((id) => ({
              id,
              status: r.held.includes(id) ? "held" : "installed",
              current_version: r.version,
              available_version: null
            })),
            ...r.available.map((id) => ({
              id,
              status: "available",
              current_version: installedOn(
                computers.find((x) => x.id === id),
                r.name
              ),
              available_version: r.version
            }))
          ]
        }))
      )
    })
  )
  app.post(
    "/packages",
    guarded(async (c) => {
      const ctx = restCaller(deps, c, true)
      const body = await readJson(c, PackagesAction)
      const all = computersOf(ctx)
      const computers = body.computer_ids.map(
        (id) => all.find((x) => x.id === id) ?? fail("UnknownComputers", `Unknown computer: ${id}`)
      )
      const entries = ctx.stores.catalogue.get(ctx.account).entries
      // Package ids are version-specific: installing one asks for that exact version.
      const packages = body.package_ids.map((id) => {
        const e = entries.find((x) => x.id === id) ?? fail("UnknownPackages", `Unknown package id: ${id}`)
        return { name: e.name, version: body.action === "install" ? e.version : null }
      })
      const group = schedulePackages(ctx, {
        kind: body.action,
        computers,
        packages,
        deliverAfter: body.deliver_after,
        deliverDelayWindow: body.deliver_delay_window,
        query: computers.map((x) => `id:${x.id}`).join(" OR ")
      })
      return c.json(renderRestActivity(ctx, group))
    })
  )
  return app
}

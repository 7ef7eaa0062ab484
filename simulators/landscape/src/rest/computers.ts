import type { SimEnv } from "@planes/sim-kit"
import { Schema } from "effect"
import { Hono } from "hono"
import { renderRestActivity } from "../activities/render.js"
import { type AccountContext, computerQueryContext, computersOf } from "../context.js"
import type { LandscapeDeps } from "../deps.js"
import { fail } from "../errors/failure.js"
import { guarded } from "../errors/formatter.js"
import { availableVersions } from "../fleet/availability.js"
import { installedVersion } from "../fleet/installed.js"
import { renderComputer } from "../fleet/render.js"
import { schedulePackages } from "../packages/schedule.js"
import { selectComputers } from "../search/computer-query.js"
import type { Computer } from "../state/schemas.js"
import { decodeInput } from "../util/decode.js"
import { compareVersions } from "../util/version.js"
import { restPage } from "./paging.js"
import { pathId, RestPaging, readJson, restCaller } from "./request.js"

const findComputer = (ctx: AccountContext, id: number): Computer =>
  computersOf(ctx).find((c) => c.id === id) ?? fail("UnknownComputer", `Unknown computer: ${id}`, 404)

const Flag = Schema.optional(Schema.Literal("true", "false"))
const PackageQuery = Schema.Struct({
  ...RestPaging.fields,
  search: Schema.optional(Schema.String),
  installed: Flag,
  available: Flag,
  upgrade: Flag,
  held: Flag
})

/** `names` as repeated parameters or comma-separated values. */
export const namesParam = (values: readonly string[] | undefined): string[] | undefined =>
  values === undefined || values.length === 0
    ? undefined
    : values.flatMap((v) => v.split(",")).filter((v) => v !== "")

/** One computer's package row: installed (or held) version and the newest it could install. */
const packageRows = (ctx: AccountContext, computer: Computer) => {
  const entries = ctx.stores.catalogue.get(ctx.account).entries
  const names = [...new Set(entries.map((e) => e.name))].sort()
  return names.flatMap((name) => {
    const current = installedVersion(computer, name)
    const available = availableVersions(ctx, computer, name).at(-1)
    if (current === undefined && available === undefined) return []
    const status = current === undefined ? "available" : computer.held.includes(name) ? "held" : "installed"
    const upgrade =
      current !== undefined && available !== undefined && compareVersions(available, current) > 0
    return [
      {
        name,
        summary: entries.find((e) => e.name === name)?.summary ?? name,
        status,
        current_version: current ?? null,
        available_version: available ?? null,
        upgrade
      }
    ]
  })
}

const DowngradeBody = Schema.Struct({ package_name: Schema.String, package_version: Schema.String })

/** `GET /computers`, `GET /computers/{id}`, its packages, downgrade versions and the downgrade action. */
export const computerRoutes = (deps: LandscapeDeps): Hono<SimEnv> => {
  const app = new Hono<SimEnv>()
  app.get(
    "/computers",
    guarded((c) => {
      const ctx = restCaller(deps, c, false)
      const q = decodeInput(
        Schema.Struct({ ...RestPaging.fields, query: Schema.optional(Schema.String) }),
        c.req.query()
      )
      const computers = selectComputers(q.query ?? "", computersOf(ctx), computerQueryContext(ctx))
      return c.json(restPage(c, computers, q, (x) => renderComputer(x, ctx.nowMs)))
    })
  )
  app.get(
    "/computers/:id",
    guarded((c) => {
      const ctx = restCaller(deps, c, false)
      return c.json(renderComputer(findComputer(ctx, pathId(c, "id", "Computer")), ctx.nowMs))
    })
  )
  app.get(
    "/computers/:id/packages",
    guarded((c) => {
      const ctx = restCaller(deps, c, false)
      const computer = findComputer(ctx, pathId(c, "id", "Computer"))
      const q = decodeInput(PackageQuery, c.req.query())
      const names = namesParam(c.req.queries("names"))
      const rows = packageRows(ctx, computer).filter(
        (r) =>
          (names === undefined || names.includes(r.name)) &&
          (q.search === undefined || r.name.includes(q.search)) &&
          (q.installed === undefined || (r.status !== "available") === (q.installed === "true")) &&
          (q.available === undefined || (r.available_version !== null) === (q.available === "true")) &&
          (q.upgrade === undefined || r.upgrade === (q.upgrade === "true")) &&
          (q.held === undefined || (r.status === "held") === (q.held === "true"))
      )
      return c.json(restPage(c, rows, q, ({ upgrade: _upgrade, ...row }) => row))
    })
  )
  app.get(
    "/computers/:id/packages/installed/:name/downgrades",
    guarded((c) => {
      const ctx = restCaller(deps, c, false)
      const computer = findComputer(ctx, pathId(c, "id", "Computer"))
      const name = c.req.param("name") ?? ""
      const current =
        installedVersion(computer, name) ??
        fail("UnknownPackage", `${name} is not installed on computer ${computer.id}`, 404)
      const entries = ctx.stores.catalogue.get(ctx.account).entries
      const results = availableVersions(ctx, computer, name)
        .filter((v) => compareVersions(v, current) < 0)
        .reverse()
        .flatMap((version) => {
          const e = entries.find((x) => x.name === name && x.version === version)
          return e === undefined ? [] : [{ id: e.id, name, summary: e.summary, version }]
        })
      return c.json({ results })
    })
  )
  app.post(
    "/computers/:id/packages/installed",
    guarded(async (c) => {
      const ctx = restCaller(deps, c, true)
      const computer = findComputer(ctx, pathId(c, "id", "Computer"))
      const body = await readJson(c, DowngradeBody)
      const current = installedVersion(computer, body.package_name)
      if (current === undefined)
        fail("UnknownPackage", `${body.package_name} is not installed on computer ${computer.id}`)
      else if (compareVersions(body.package_version, current) >= 0) {
        fail("InvalidParameter", `${body.package_version} is not older than the installed ${current}`)
      }
      if (!availableVersions(ctx, computer, body.package_name).includes(body.package_version)) {
        fail(
          "UnknownPackages",
          `Version ${body.package_version} of ${body.package_name} is not available to computer ${computer.id}`
        )
      }
      const group = schedulePackages(ctx, {
        kind: "downgrade",
        computers: [computer],
        packages: [{ name: body.package_name, version: body.package_version }],
        deliverAfter: undefined,
        deliverDelayWindow: undefined,
        query: `id:${computer.id}`
      })
      return c.json(renderRestActivity(ctx, group))
    })
  )
  return app
}

import { DEFAULT_TENANT } from "@planes/sim-kit"
import { Hono } from "hono"
import { requirePrivilege } from "../auth/authenticate.js"
import { PRIVILEGES } from "../auth/privileges.js"
import type { JamfContext, JamfEnv, JamfRequestContext } from "../context.js"
import { apiError } from "../errors/api-error.js"
import { applyListQuery, isQueryProblem, parseListQuery } from "../query/list-query.js"
import { INVENTORY_FIELDS, inventoryRecord, SECTIONS, type Section, withSections } from "./inventory-view.js"

const isSection = (value: string): value is Section => SECTIONS.some((s) => s === value)

// `section` may repeat or be comma-separated; GENERAL when absent, as Jamf defaults.
const sectionsOf = (c: JamfRequestContext): ReadonlySet<Section> | string => {
  const raw = (c.req.queries("section") ?? []).flatMap((s) => s.split(",")).map((s) => s.trim().toUpperCase())
  const unknown = raw.find((s) => s !== "" && !isSection(s))
  if (unknown !== undefined) return unknown
  const sections = raw.filter(isSection)
  return new Set(sections.length === 0 ? ["GENERAL"] : sections)
}

/** `GET /api/v1/computers-inventory` (sections, RSQL filter, 0-based paging, sort) and `/{id}`. */
export const inventoryRoutes = (ctx: JamfContext): Hono<JamfEnv> => {
  const app = new Hono<JamfEnv>()
  const records = () => {
    const groups = ctx.stores.groups.get(DEFAULT_TENANT).groups
    return ctx.stores.fleet.get(DEFAULT_TENANT).computers.map((computer) => inventoryRecord(computer, groups))
  }

  app.get("/computers-inventory", requirePrivilege(PRIVILEGES.readComputers), (c) => {
    const sections = sectionsOf(c)
    if (typeof sections === "string") {
      return apiError(c, 400, "INVALID_FIELD", `Unknown section ${sections}`, "section")
    }
    const query = parseListQuery(c.req.queries(), {
      fields: INVENTORY_FIELDS,
      defaultSort: "general.name:asc",
      filterable: true
    })
    if (isQueryProblem(query)) return apiError(c, 400, query.code, query.description, query.field)
    const page = applyListQuery(records(), query)
    return c.json({
      totalCount: page.totalCount,
      results: page.results.map((r) => withSections(r, sections))
    })
  })

  const one = (c: JamfRequestContext, all: boolean) => {
    const id = c.req.param("id") ?? ""
    const record = records().find((r) => r.id === id)
    if (record === undefined)
      return apiError(c, 404, "INVALID_ID", `Computer with id ${id} does not exist`, "id", id)
    if (all) return c.json(record)
    const sections = sectionsOf(c)
    if (typeof sections === "string") {
      return apiError(c, 400, "INVALID_FIELD", `Unknown section ${sections}`, "section")
    }
    return c.json(withSections(record, sections))
  }
  app.get("/computers-inventory/:id", requirePrivilege(PRIVILEGES.readComputers), (c) => one(c, false))
  app.get("/computers-inventory-detail/:id", requirePrivilege(PRIVILEGES.readComputers), (c) => one(c, true))

  return app
}

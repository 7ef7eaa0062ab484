import type { SimContext } from "@planes/sim-kit"
import { accessDenied, badRequest, instanceNotFound } from "../errors/format.js"
import type { Row } from "../odata/filter-eval.js"
import { FilterSyntaxError } from "../odata/filter-parse.js"
import { type KeyValue, keyMatches, parseKey, parseSegment } from "../odata/key.js"
import { applyQuery, nextLinkOf, parseQueryOptions, selectProperties } from "../odata/query.js"
import type { Site } from "../state/site.js"
import { withSystemProperties } from "./system-properties.js"
import type { WmiClass } from "./wmi-class.js"

const ROUTE = /^(\/AdminService(?:_TokenAuth)?)\/wmi\/(.*)$/

const decodeSegments = (rest: string): string[] | undefined => {
  try {
    return rest.split("/").map((s) => decodeURIComponent(s))
  } catch {
    return undefined
  }
}

/** `@odata.context` of a class on the route the request came in on. */
export const contextUrl = (c: SimContext, prefix: string, className: string): string =>
  `${new URL(c.req.url).origin}${prefix}/wmi/$metadata#${className}`

/** A parsed WMI route: the class and what to do with it. */
type Target =
  | { readonly kind: "metadata" }
  | { readonly kind: "class"; readonly cls: string }
  | { readonly kind: "instance"; readonly cls: string; readonly key: KeyValue }
  | { readonly kind: "static"; readonly cls: string; readonly method: string }
  | { readonly kind: "method"; readonly cls: string; readonly key: KeyValue; readonly method: string }

const methodName = (segment: string): string | undefined =>
  /^AdminService\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(segment)?.[1]

const parseTarget = (segments: readonly string[]): Target | undefined => {
  const [head = "", second, third, ...more] = segments
  if (more.length > 0) return undefined
  if (head === "$metadata" && second === undefined) return { kind: "metadata" }
  const seg = parseSegment(head)
  if (seg === undefined) return undefined
  if (seg.method !== undefined)
    return second === undefined ? { kind: "static", cls: seg.name, method: seg.method } : undefined
  if (seg.key !== undefined) {
    if (second === undefined) return { kind: "instance", cls: seg.name, key: seg.key }
    const method = methodName(second)
    return method === undefined || third !== undefined
      ? undefined
      : { kind: "method", cls: seg.name, key: seg.key, method }
  }
  if (second === undefined) return { kind: "class", cls: seg.name }
  // Slash form used by Microsoft's samples: `SMS_Collection/ABC00012/AdminService.AddMembershipRule`.
  const key = parseKey(second)
  if (key === undefined) return undefined
  if (third === undefined) return { kind: "instance", cls: seg.name, key }
  const method = methodName(third)
  return method === undefined ? undefined : { kind: "method", cls: seg.name, key, method }
}

const METADATA = `<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="AdminService" xmlns="http://docs.oasis-open.org/odata/ns/edm"/></edmx:DataServices></edmx:Edmx>`

/** Serves one class list as AdminService does: filter, order, page, select, system properties, envelope. */
const listClass = (c: SimContext, site: Site, cls: WmiClass, prefix: string): Response => {
  const options = parseQueryOptions(c.req.query())
  const lazy = cls.lazy ?? []
  const withLazy = (row: Row) => ({ ...row, ...Object.fromEntries(lazy.map((p) => [p, null])) })
  const scan = () => {
    const rows = cls
      .rows(site)
      .filter((row) => cls.visible(site, row))
      .map(withLazy)
    return applyQuery(rows, options, site.settings.pageSize)
  }
  const indexed = cls.indexed?.(site, options, site.settings.pageSize)
  const { rows: page, nextSkip } =
    indexed === undefined ? scan() : { rows: indexed.rows.map(withLazy), nextSkip: indexed.nextSkip }
  const value = page.map((row) =>
    options.select === undefined
      ? withSystemProperties(cls, row, site.settings, lazy)
      : selectProperties(row, options.select)
  )
  return c.json({
    "@odata.context": contextUrl(c, prefix, cls.name),
    value,
    ...(nextSkip === undefined
      ? {}
      : { "@odata.nextLink": nextLinkOf(new URL(c.req.url), options, nextSkip) })
  })
}

/** Finds an instance: the row, or why there is none to act on (unknown key, or not the caller's to see). */
export const findInstance = (
  site: Site,
  cls: WmiClass,
  key: KeyValue
):
  | { readonly kind: "found"; readonly row: Row }
  | { readonly kind: "missing" }
  | { readonly kind: "denied" } => {
  const row = cls.rows(site).find((r) => keyMatches(r, cls.keys, key))
  if (row === undefined) return { kind: "missing" }
  return cls.visible(site, row) ? { kind: "found", row } : { kind: "denied" }
}

const describeKey = (cls: WmiClass, key: KeyValue): string =>
  `${cls.name}(${typeof key === "object" ? JSON.stringify(key) : String(key)})`

/**
 * The generic WMI route handler: `wmi/<Class>`, `wmi/<Class>(<key>)`, `wmi/<Class>.<Method>`,
 * `wmi/<Class>(<key>)/AdminService.<Method>` and their slash forms, dispatched to the class registry.
 */
export const wmiHandler =
  (classes: readonly WmiClass[], siteOf: (c: SimContext) => Site) =>
  async (c: SimContext): Promise<Response> => {
    const match = ROUTE.exec(c.req.path)
    const segments = decodeSegments(match?.[2] ?? "")
    const target = segments === undefined ? undefined : parseTarget(segments)
    if (match === null || target === undefined) return c.notFound()
    const prefix = match[1] ?? "/AdminService"
    const site = siteOf(c)
    if (!site.account.wmiAccess) return accessDenied(c)
    if (target.kind === "metadata") return c.body(METADATA, 200, { "content-type": "application/xml" })
    const cls = classes.find((k) => k.name.toLowerCase() === target.cls.toLowerCase())
    if (cls === undefined) return c.notFound()
    const method = c.req.method
    try {
      switch (target.kind) {
        case "class":
          if (method === "GET") return listClass(c, site, cls, prefix)
          if (method === "POST" && cls.create !== undefined) return await cls.create(c, site)
          break
        case "static": {
          const fn = cls.staticMethods?.[target.method.toLowerCase()]
          if (fn === undefined) return c.notFound()
          if (method === "POST") return await fn(c, site)
          break
        }
        case "instance":
        case "method": {
          const found = findInstance(site, cls, target.key)
          if (found.kind === "denied") return accessDenied(c)
          if (found.kind === "missing") return instanceNotFound(c, describeKey(cls, target.key))
          if (target.kind === "method") {
            const fn = cls.methods?.[target.method.toLowerCase()]
            if (fn === undefined) return c.notFound()
            if (method === "POST") return await fn(c, site, found.row)
            break
          }
          if (method === "GET") {
            const options = parseQueryOptions(c.req.query())
            const row =
              options.select === undefined
                ? withSystemProperties(cls, found.row, site.settings, [])
                : selectProperties(found.row, options.select)
            // Keyed GETs come wrapped in value[] like a collection, as AdminService really answers.
            return c.json({ "@odata.context": contextUrl(c, prefix, cls.name), value: [row] })
          }
          if (method === "DELETE" && cls.remove !== undefined) return await cls.remove(c, site, found.row)
          break
        }
      }
    } catch (e) {
      if (e instanceof FilterSyntaxError) return badRequest(c, e.message)
      throw e
    }
    return c.var.kit.error(c, { status: 405, message: `The HTTP verb ${method} is not supported here.` })
  }

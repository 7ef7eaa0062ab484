import { Hono } from "hono"
import { deny } from "../auth/permissions.js"
import { readObjectBody } from "../errors/body.js"
import { FieldReader } from "../errors/fields.js"
import { fieldErrors, nonFieldError, notFound } from "../errors/responses.js"
import { findByKey } from "../http/common.js"
import { type Deps, nowOf } from "../http/deps.js"
import type { AwxContext, AwxEnv } from "../http/env.js"
import { listResponse } from "../http/list.js"
import { idParam, resource } from "../http/route.js"
import { parseVars, pyJson, VARS_PARSE_ERROR } from "../http/vars.js"
import { link } from "../routing/roots.js"
import type { HostRecord, InventoryRecord } from "../state/records.js"
import { nextId, TENANT } from "../state/stores.js"
import { groupRoutes } from "./groups.js"
import { hostSpec, inventorySpec, serializeHost, serializeInventory } from "./serialize.js"

// Variables are stored as text; objects are written as AWX would (JSON text).
const varsText = (fields: FieldReader): string => {
  if (!fields.has("variables") || fields.raw("variables") === null) return ""
  const raw = fields.raw("variables")
  const parsed = parseVars(raw)
  if (parsed === undefined) {
    fields.fail("variables", VARS_PARSE_ERROR)
    return ""
  }
  return typeof raw === "string" ? raw : pyJson(parsed)
}

/** Inventory and host routes: `/inventories/`, `/inventories/{id}/hosts/`, `/hosts/`, `/hosts/{id}/`. */
export const inventoryRoutes = (deps: Deps): Hono<AwxEnv> => {
  const api = new Hono<AwxEnv>()
  const { stores } = deps
  const inventories = () => stores.inventories.get(TENANT)
  const hosts = () => stores.hosts.get(TENANT)
  const orgs = () => stores.organizations.get(TENANT)
  const invSpec = inventorySpec(orgs)
  const hSpec = hostSpec(inventories)
  const groups = () => stores.groups.get(TENANT)
  const renderInv = (c: AwxContext, inv: InventoryRecord) =>
    serializeInventory(
      c,
      inv,
      hosts().filter((h) => h.inventory === inv.id).length,
      groups().filter((g) => g.inventory === inv.id).length
    )
  const renderHost = (c: AwxContext, host: HostRecord) =>
    serializeHost(c, host, inventories().find((i) => i.id === host.inventory)?.name ?? "", groups())

  // Creates a host; `group` when it is created through `groups/{id}/hosts/` (it joins that group).
  const createHost = async (c: AwxContext, inventoryId: number | undefined, group?: string) => {
    const denied = deny(c, "admin")
    if (denied !== undefined) return denied
    const body = await readObjectBody(c)
    if (!body.ok) return body.response
    const fields = new FieldReader(body.body)
    const name = fields.string("name", { required: true, allowBlank: false })
    const description = fields.string("description") ?? ""
    const enabled = fields.boolean("enabled") ?? true
    const inventory = inventoryId ?? fields.integer("inventory", { required: true }) ?? undefined
    const variables = varsText(fields)
    if (inventory !== undefined && inventory !== null && !inventories().some((i) => i.id === inventory)) {
      fields.fail("inventory", `Invalid pk "${inventory}" - object does not exist.`)
    }
    if (!fields.ok || name === undefined || inventory === undefined || inventory === null) {
      return fieldErrors(c, fields.errors)
    }
    if (hosts().some((h) => h.name === name && h.inventory === inventory)) {
      return nonFieldError(c, "Host with this Name and Inventory already exists.")
    }
    const host: HostRecord = {
      id: nextId(stores, "hosts", hosts()),
      name,
      description,
      inventory,
      enabled,
      variables,
      platform: "",
      groups: group === undefined ? [] : [group],
      behaviour: "random",
      created_ms: nowOf(deps)
    }
    hosts().push(host)
    c.header("Location", link(c, "hosts", host.id))
    return c.json(renderHost(c, host), 201)
  }

  resource(api, "/inventories/", {
    get: (c) => listResponse(c, invSpec, inventories(), (i) => renderInv(c, i)),
    post: async (c) => {
      const denied = deny(c, "admin")
      if (denied !== undefined) return denied
      const body = await readObjectBody(c)
      if (!body.ok) return body.response
      const fields = new FieldReader(body.body)
      const name = fields.string("name", { required: true, allowBlank: false })
      const description = fields.string("description") ?? ""
      const organization = fields.integer("organization", { required: true })
      const variables = varsText(fields)
      if (typeof organization === "number" && !orgs().some((o) => o.id === organization)) {
        fields.fail("organization", `Invalid pk "${organization}" - object does not exist.`)
      }
      if (!fields.ok || name === undefined || typeof organization !== "number") {
        return fieldErrors(c, fields.errors)
      }
      if (inventories().some((i) => i.name === name && i.organization === organization)) {
        return nonFieldError(c, "Inventory with this Name and Organization already exists.")
      }
      const inv: InventoryRecord = {
        id: nextId(stores, "inventories", inventories()),
        name,
        description,
        organization,
        variables,
        created_ms: nowOf(deps)
      }
      inventories().push(inv)
      c.header("Location", link(c, "inventories", inv.id))
      return c.json(renderInv(c, inv), 201)
    }
  })
  resource(api, "/inventories/:key/", {
    get: (c) => {
      const inv = findByKey(
        inventories(),
        c.req.param("key") ?? "",
        (i, [name, org]) => i.name === name && orgs().some((o) => o.id === i.organization && o.name === org)
      )
      return inv === undefined ? notFound(c) : c.json(renderInv(c, inv))
    }
  })
  resource(api, "/inventories/:id/hosts/", {
    get: (c) => {
      const id = idParam(c)
      if (!inventories().some((i) => i.id === id)) return notFound(c)
      return listResponse(
        c,
        hSpec,
        hosts().filter((h) => h.inventory === id),
        (h) => renderHost(c, h)
      )
    },
    post: (c) => {
      const id = idParam(c)
      return inventories().some((i) => i.id === id) ? createHost(c, id) : notFound(c)
    }
  })
  resource(api, "/hosts/", {
    get: (c) => listResponse(c, hSpec, hosts(), (h) => renderHost(c, h)),
    post: (c) => createHost(c, undefined)
  })
  resource(api, "/hosts/:id/", {
    get: (c) => {
      const host = hosts().find((h) => h.id === idParam(c))
      return host === undefined ? notFound(c) : c.json(renderHost(c, host))
    },
    delete: (c) => {
      const denied = deny(c, "admin")
      if (denied !== undefined) return denied
      const id = idParam(c)
      if (!hosts().some((h) => h.id === id)) return notFound(c)
      stores.hosts.update(TENANT, (all) => all.filter((h) => h.id !== id))
      return c.body(null, 204)
    }
  })
  api.route(
    "/",
    groupRoutes(deps, (c, inventory, group) => createHost(c, inventory, group))
  )
  return api
}

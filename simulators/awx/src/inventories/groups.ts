import { Hono } from "hono"
import { ensureGroups } from "../admin/apply-seed.js"
import { deny } from "../auth/permissions.js"
import { readObjectBody } from "../errors/body.js"
import { FieldReader } from "../errors/fields.js"
import { detail, fieldErrors, nonFieldError, notFound } from "../errors/responses.js"
import { stamps } from "../http/common.js"
import type { Deps } from "../http/deps.js"
import type { AwxContext, AwxEnv } from "../http/env.js"
import type { ListSpec } from "../http/filters.js"
import { listResponse } from "../http/list.js"
import { idParam, resource } from "../http/route.js"
import { link } from "../routing/roots.js"
import type { GroupRecord, HostRecord } from "../state/records.js"
import { TENANT } from "../state/stores.js"
import { hostSpec, serializeHost } from "./serialize.js"

const groupSpec: ListSpec<GroupRecord> = {
  model: "Group",
  fields: {
    id: (g) => g.id,
    name: (g) => g.name,
    description: (g) => g.description,
    inventory: (g) => g.inventory
  },
  search: ["name", "description"]
}

/** A group as AWX renders it. */
export const serializeGroup = (c: AwxContext, group: GroupRecord) => ({
  id: group.id,
  type: "group",
  url: link(c, "groups", group.id),
  related: {
    hosts: link(c, "groups", group.id, "hosts"),
    inventory: link(c, "inventories", group.inventory)
  },
  summary_fields: {},
  ...stamps(group.created_ms),
  name: group.name,
  description: group.description,
  inventory: group.inventory,
  variables: group.variables
})

/**
 * Group routes: `inventories/{id}/groups/` (GET/POST), `groups/{id}/` (GET/DELETE) and
 * `groups/{id}/hosts/`: GET members; POST `{"id": host}` associates, `{"id": host, "disassociate": true}`
 * detaches (204 both), a body without `id` creates the host in the group's inventory (201).
 */
export const groupRoutes = (
  deps: Deps,
  createHost: (c: AwxContext, inventory: number, group: string) => Promise<Response>
) => {
  const api = new Hono<AwxEnv>()
  const { stores } = deps
  const groups = () => stores.groups.get(TENANT)
  const hosts = () => stores.hosts.get(TENANT)
  const inventories = () => stores.inventories.get(TENANT)
  const hSpec = hostSpec(inventories)
  const renderHost = (c: AwxContext, h: HostRecord) =>
    serializeHost(c, h, inventories().find((i) => i.id === h.inventory)?.name ?? "", groups())
  const find = (c: AwxContext) => groups().find((g) => g.id === idParam(c))
  const members = (g: GroupRecord) =>
    hosts().filter((h) => h.inventory === g.inventory && h.groups.includes(g.name))
  const setMembership = (hostId: number, group: string, member: boolean) =>
    stores.hosts.update(TENANT, (all) =>
      all.map((h) =>
        h.id !== hostId
          ? h
          : {
              ...h,
              groups: member ? [...new Set([...h.groups, group])] : h.groups.filter((n) => n !== group)
            }
      )
    )

  resource(api, "/inventories/:id/groups/", {
    get: (c) => {
      const id = idParam(c)
      if (!inventories().some((i) => i.id === id)) return notFound(c)
      return listResponse(
        c,
        groupSpec,
        groups().filter((g) => g.inventory === id),
        (g) => serializeGroup(c, g)
      )
    },
    post: async (c) => {
      const id = idParam(c)
      if (id === undefined || !inventories().some((i) => i.id === id)) return notFound(c)
      const denied = deny(c, "admin")
      if (denied !== undefined) return denied
      const body = await readObjectBody(c)
      if (!body.ok) return body.response
      const fields = new FieldReader(body.body)
      const name = fields.string("name", { required: true, allowBlank: false })
      const description = fields.string("description") ?? ""
      if (!fields.ok || name === undefined) return fieldErrors(c, fields.errors)
      if (groups().some((g) => g.inventory === id && g.name === name)) {
        return nonFieldError(c, "Group with this Name and Inventory already exists.")
      }
      ensureGroups(deps, id, [name])
      const created = groups().find((g) => g.inventory === id && g.name === name)
      if (created === undefined) return notFound(c)
      const group = { ...created, description }
      stores.groups.update(TENANT, (all) => all.map((g) => (g.id === group.id ? group : g)))
      c.header("Location", link(c, "groups", group.id))
      return c.json(serializeGroup(c, group), 201)
    }
  })
  resource(api, "/groups/:id/", {
    get: (c) => {
      const group = find(c)
      return group === undefined ? notFound(c) : c.json(serializeGroup(c, group))
    },
    delete: (c) => {
      const group = find(c)
      if (group === undefined) return notFound(c)
      const denied = deny(c, "admin")
      if (denied !== undefined) return denied
      for (const h of members(group)) setMembership(h.id, group.name, false)
      stores.groups.update(TENANT, (all) => all.filter((g) => g.id !== group.id))
      return c.body(null, 204)
    }
  })
  resource(api, "/groups/:id/hosts/", {
    get: (c) => {
      const group = find(c)
      return group === undefined
        ? notFound(c)
        : listResponse(c, hSpec, members(group), (h) => renderHost(c, h))
    },
    post: async (c) => {
      const group = find(c)
      if (group === undefined) return notFound(c)
      const denied = deny(c, "admin")
      if (denied !== undefined) return denied
      const body = await readObjectBody(c)
      if (!body.ok) return body.response
      const fields = new FieldReader(body.body)
      if (!fields.has("id")) return createHost(c, group.inventory, group.name)
      const hostId = fields.integer("id")
      const disassociate = fields.boolean("disassociate") ?? false
      if (!fields.ok || typeof hostId !== "number") return fieldErrors(c, fields.errors)
      const host = hosts().find((h) => h.id === hostId)
      if (host === undefined) return detail(c, 400, `Object with id ${hostId} does not exist.`)
      if (host.inventory !== group.inventory) {
        return c.json({ msg: "Cannot associate a host with a group of another inventory." }, 400)
      }
      setMembership(host.id, group.name, !disassociate)
      return c.body(null, 204)
    }
  })
  return api
}

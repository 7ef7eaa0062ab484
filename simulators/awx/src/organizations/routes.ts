import { Hono } from "hono"
import { deny } from "../auth/permissions.js"
import { readObjectBody } from "../errors/body.js"
import { FieldReader } from "../errors/fields.js"
import { fieldErrors, notFound } from "../errors/responses.js"
import { findByKey, stamps } from "../http/common.js"
import { type Deps, nowOf } from "../http/deps.js"
import type { AwxContext, AwxEnv } from "../http/env.js"
import type { ListSpec } from "../http/filters.js"
import { listResponse } from "../http/list.js"
import { resource } from "../http/route.js"
import { link } from "../routing/roots.js"
import type { OrganizationRecord } from "../state/records.js"
import { nextId, TENANT } from "../state/stores.js"

/** Filterable fields of organizations. */
export const organizationSpec: ListSpec<OrganizationRecord> = {
  model: "Organization",
  fields: { id: (o) => o.id, name: (o) => o.name, description: (o) => o.description },
  search: ["name", "description"]
}

/** An organization as AWX renders it. */
export const serializeOrganization = (c: AwxContext, org: OrganizationRecord) => ({
  id: org.id,
  type: "organization",
  url: link(c, "organizations", org.id),
  related: {
    projects: link(c, "organizations", org.id, "projects"),
    inventories: link(c, "organizations", org.id, "inventories"),
    job_templates: link(c, "organizations", org.id, "job_templates")
  },
  summary_fields: {},
  ...stamps(org.created_ms),
  name: org.name,
  description: org.description,
  max_hosts: 0,
  custom_virtualenv: null,
  default_environment: null
})

/** Organization routes: list, create (name unique), detail by id or named URL. */
export const organizationRoutes = (deps: Deps): Hono<AwxEnv> => {
  const api = new Hono<AwxEnv>()
  const orgs = () => deps.stores.organizations.get(TENANT)
  resource(api, "/organizations/", {
    get: (c) => listResponse(c, organizationSpec, orgs(), (o) => serializeOrganization(c, o)),
    post: async (c) => {
      const denied = deny(c, "admin")
      if (denied !== undefined) return denied
      const body = await readObjectBody(c)
      if (!body.ok) return body.response
      const fields = new FieldReader(body.body)
      const name = fields.string("name", { required: true, allowBlank: false })
      const description = fields.string("description") ?? ""
      if (name !== undefined && orgs().some((o) => o.name === name)) {
        fields.fail("name", "Organization with this Name already exists.")
      }
      if (!fields.ok || name === undefined) return fieldErrors(c, fields.errors)
      const org = {
        id: nextId(deps.stores, "organizations", orgs()),
        name,
        description,
        created_ms: nowOf(deps)
      }
      orgs().push(org)
      c.header("Location", link(c, "organizations", org.id))
      return c.json(serializeOrganization(c, org), 201)
    }
  })
  resource(api, "/organizations/:key/", {
    get: (c) => {
      const org = findByKey(orgs(), c.req.param("key") ?? "", (o, [name]) => o.name === name)
      return org === undefined ? notFound(c) : c.json(serializeOrganization(c, org))
    }
  })
  return api
}

import { Hono } from "hono"
import { deny } from "../auth/permissions.js"
import { readObjectBody } from "../errors/body.js"
import { FieldReader } from "../errors/fields.js"
import { fieldErrors, nonFieldError, notFound } from "../errors/responses.js"
import { findByKey } from "../http/common.js"
import { type Deps, nowOf } from "../http/deps.js"
import type { AwxContext, AwxEnv } from "../http/env.js"
import { listResponse } from "../http/list.js"
import { resource } from "../http/route.js"
import { playbooksOf } from "../projects/lifecycle.js"
import { link } from "../routing/roots.js"
import type { TemplateRecord } from "../state/records.js"
import { nextId, TENANT } from "../state/stores.js"
import { blankTemplate, mergeTemplate, readTemplateInput } from "./fields.js"
import { launchRoutes } from "./launch-routes.js"
import { serializeTemplate, type TemplateLookups, templateSpec } from "./serialize.js"

/** AWX's soft-unique message (examples/duplicate_job_template_400.json). */
export const DUPLICATE_TEMPLATE = "Job Template with this (name, organization) combination already exists."

/** Job template routes: list, create, detail/PATCH/DELETE by id or `name++org`, and launch. */
export const templateRoutes = (deps: Deps): Hono<AwxEnv> => {
  const api = new Hono<AwxEnv>()
  const { stores } = deps
  const templates = () => stores.templates.get(TENANT)
  const lookups: TemplateLookups = {
    orgs: () => stores.organizations.get(TENANT),
    projects: () => stores.projects.get(TENANT),
    inventories: () => stores.inventories.get(TENANT)
  }
  const spec = templateSpec(lookups)
  const render = (c: AwxContext, t: TemplateRecord) => serializeTemplate(c, t, lookups)
  const byKey = (c: AwxContext) =>
    findByKey(
      templates(),
      c.req.param("key") ?? "",
      (t, [name, org]) =>
        t.name === name && lookups.orgs().some((o) => o.id === t.organization && o.name === org)
    )

  // Validates a candidate template against projects, inventories and siblings; answers the 400 or not.
  const validate = (c: AwxContext, fields: FieldReader, candidate: TemplateRecord): Response | undefined => {
    const project = lookups.projects().find((p) => p.id === candidate.project)
    if (project === undefined) {
      fields.fail("project", `Invalid pk "${candidate.project}" - object does not exist.`)
    } else if (
      fields.errors.playbook === undefined &&
      !playbooksOf(project, stores.projectUpdates.get(TENANT), nowOf(deps)).includes(candidate.playbook)
    ) {
      // AWX checks the playbook against the files the last successful sync found.
      fields.fail("playbook", "Playbook not found for project.")
    }
    if (candidate.inventory !== null && !lookups.inventories().some((i) => i.id === candidate.inventory)) {
      fields.fail("inventory", `Invalid pk "${candidate.inventory}" - object does not exist.`)
    }
    if (
      candidate.inventory === null &&
      !candidate.ask.ask_inventory_on_launch &&
      fields.errors.inventory === undefined
    ) {
      fields.fail("inventory", "Must either set a default value or ask to prompt on launch.")
    }
    if (!fields.ok) return fieldErrors(c, fields.errors)
    const organization = project?.organization ?? 0
    const duplicate = templates().some(
      (t) => t.id !== candidate.id && t.name === candidate.name && t.organization === organization
    )
    return duplicate ? nonFieldError(c, DUPLICATE_TEMPLATE) : undefined
  }

  resource(api, "/job_templates/", {
    get: (c) => listResponse(c, spec, templates(), (t) => render(c, t)),
    post: async (c) => {
      const denied = deny(c, "admin")
      if (denied !== undefined) return denied
      const body = await readObjectBody(c)
      if (!body.ok) return body.response
      const fields = new FieldReader(body.body)
      const input = readTemplateInput(fields, true)
      if (input.name === undefined || input.project === undefined || input.playbook === undefined) {
        return fieldErrors(c, fields.errors)
      }
      const now = nowOf(deps)
      const candidate = mergeTemplate(blankTemplate(0, now), input)
      const problem = validate(c, fields, candidate)
      if (problem !== undefined) return problem
      // The organization is read-only and comes from the project.
      const organization = lookups.projects().find((p) => p.id === candidate.project)?.organization ?? 0
      const template = { ...candidate, id: nextId(stores, "job_templates", templates()), organization }
      templates().push(template)
      c.header("Location", link(c, "job_templates", template.id))
      return c.json(render(c, template), 201)
    }
  })
  resource(api, "/job_templates/:key/", {
    get: (c) => {
      const template = byKey(c)
      return template === undefined ? notFound(c) : c.json(render(c, template))
    },
    patch: async (c) => {
      const template = byKey(c)
      if (template === undefined) return notFound(c)
      const denied = deny(c, "admin")
      if (denied !== undefined) return denied
      const body = await readObjectBody(c)
      if (!body.ok) return body.response
      const fields = new FieldReader(body.body)
      const input = readTemplateInput(fields, false)
      if (!fields.ok) return fieldErrors(c, fields.errors)
      const candidate = { ...mergeTemplate(template, input), modified_ms: nowOf(deps) }
      const problem = validate(c, fields, candidate)
      if (problem !== undefined) return problem
      const organization = lookups.projects().find((p) => p.id === candidate.project)?.organization ?? 0
      const updated = { ...candidate, organization }
      stores.templates.update(TENANT, (all) => all.map((t) => (t.id === updated.id ? updated : t)))
      return c.json(render(c, updated))
    },
    delete: (c) => {
      const template = byKey(c)
      if (template === undefined) return notFound(c)
      const denied = deny(c, "admin")
      if (denied !== undefined) return denied
      stores.templates.update(TENANT, (all) => all.filter((t) => t.id !== template.id))
      return c.body(null, 204)
    }
  })
  api.route("/", launchRoutes(deps, lookups))
  return api
}

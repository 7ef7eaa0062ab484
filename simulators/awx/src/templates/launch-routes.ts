import { Hono } from "hono"
import { deny } from "../auth/permissions.js"
import { readObjectBody } from "../errors/body.js"
import { fieldErrors, notFound } from "../errors/responses.js"
import { findByKey } from "../http/common.js"
import { type Deps, nowOf } from "../http/deps.js"
import type { AwxContext, AwxEnv } from "../http/env.js"
import { listResponse } from "../http/list.js"
import { resource } from "../http/route.js"
import { createJob } from "../jobs/create.js"
import { type JobLookups, jobSpec, serializeJob } from "../jobs/serialize.js"
import { link } from "../routing/roots.js"
import { TENANT } from "../state/stores.js"
import { decideLaunch } from "./launch.js"
import type { TemplateLookups } from "./serialize.js"

/** Job lookups over the stores (shared by the launch and job routes). */
export const jobLookups = (deps: Deps): JobLookups => ({
  now: () => nowOf(deps),
  users: () => deps.stores.users.get(TENANT),
  templates: () => deps.stores.templates.get(TENANT),
  inventories: () => deps.stores.inventories.get(TENANT),
  projects: () => deps.stores.projects.get(TENANT)
})

/** `GET/POST /job_templates/{id}/launch/` and `/job_templates/{id}/jobs/`. */
export const launchRoutes = (deps: Deps, lookups: TemplateLookups): Hono<AwxEnv> => {
  const api = new Hono<AwxEnv>()
  const { stores } = deps
  const jl = jobLookups(deps)
  const byKey = (c: AwxContext) =>
    findByKey(
      stores.templates.get(TENANT),
      c.req.param("key") ?? "",
      (t, [name, org]) =>
        t.name === name && lookups.orgs().some((o) => o.id === t.organization && o.name === org)
    )

  resource(api, "/job_templates/:key/launch/", {
    // The pre-flight: what the template asks for and its defaults.
    get: (c) => {
      const t = byKey(c)
      if (t === undefined) return notFound(c)
      const inventory = lookups.inventories().find((i) => i.id === t.inventory)
      return c.json({
        can_start_without_user_input: t.inventory !== null,
        passwords_needed_to_start: [],
        ...t.ask,
        survey_enabled: t.survey_enabled,
        variables_needed_to_start: [],
        credential_needed_to_start: false,
        inventory_needed_to_start: t.inventory === null,
        job_template_data: { name: t.name, id: t.id, description: t.description },
        defaults: {
          extra_vars: t.extra_vars,
          diff_mode: false,
          limit: t.limit,
          job_tags: t.job_tags,
          skip_tags: t.skip_tags,
          job_type: t.job_type,
          verbosity: t.verbosity,
          inventory:
            inventory === undefined ? { name: null, id: null } : { name: inventory.name, id: inventory.id },
          credentials: t.credentials.map((id) => ({ id }))
        }
      })
    },
    post: async (c) => {
      const t = byKey(c)
      if (t === undefined) return notFound(c)
      const denied = deny(c, "execute")
      if (denied !== undefined) return denied
      const body = await readObjectBody(c)
      if (!body.ok) return body.response
      const decision = decideLaunch(t, body.body, lookups.inventories())
      if (!decision.ok) return fieldErrors(c, decision.errors)
      const job = createJob(deps, {
        template: t,
        inventory: decision.inventory,
        limit: decision.limit,
        extra_vars: decision.extraVars,
        job_type: decision.jobType,
        job_tags: decision.jobTags,
        skip_tags: decision.skipTags,
        verbosity: decision.verbosity,
        forks: decision.forks,
        credentials: decision.credentials,
        launch_type: "manual",
        created_by: c.var.principal.user.id,
        relaunched_from: null
      })
      c.header("Location", link(c, "jobs", job.id))
      return c.json({ job: job.id, ignored_fields: decision.ignored, ...serializeJob(c, job, jl) }, 201)
    }
  })
  resource(api, "/job_templates/:key/jobs/", {
    get: (c) => {
      const t = byKey(c)
      if (t === undefined) return notFound(c)
      const own = stores.jobs.get(TENANT).filter((j) => j.job_template === t.id)
      return listResponse(c, jobSpec(jl), own, (j) => serializeJob(c, j, jl))
    }
  })
  return api
}

import { stamps } from "../http/common.js"
import type { AwxContext } from "../http/env.js"
import type { ListSpec } from "../http/filters.js"
import { link } from "../routing/roots.js"
import type { InventoryRecord, OrganizationRecord, ProjectRecord, TemplateRecord } from "../state/records.js"

/** What a template's rendering looks up besides the record. */
export interface TemplateLookups {
  readonly orgs: () => readonly OrganizationRecord[]
  readonly projects: () => readonly ProjectRecord[]
  readonly inventories: () => readonly InventoryRecord[]
}

/** Filterable fields of job templates (`name`, `organization__name`, `description__icontains`, ...). */
export const templateSpec = (lookups: TemplateLookups): ListSpec<TemplateRecord> => ({
  model: "JobTemplate",
  fields: {
    id: (t) => t.id,
    name: (t) => t.name,
    description: (t) => t.description,
    organization: (t) => t.organization,
    organization__name: (t) => lookups.orgs().find((o) => o.id === t.organization)?.name ?? null,
    project: (t) => t.project,
    project__name: (t) => lookups.projects().find((p) => p.id === t.project)?.name ?? null,
    inventory: (t) => t.inventory,
    playbook: (t) => t.playbook,
    job_type: (t) => t.job_type,
    created: (t) => new Date(t.created_ms).toISOString(),
    modified: (t) => new Date(t.modified_ms).toISOString()
  },
  prevented: ["extra_vars"],
  search: ["name", "description"]
})

/** A job template as AWX renders it. */
export const serializeTemplate = (c: AwxContext, t: TemplateRecord, lookups: TemplateLookups) => {
  const org = lookups.orgs().find((o) => o.id === t.organization)
  const project = lookups.projects().find((p) => p.id === t.project)
  const inventory = lookups.inventories().find((i) => i.id === t.inventory)
  return {
    id: t.id,
    type: "job_template",
    url: link(c, "job_templates", t.id),
    related: {
      launch: link(c, "job_templates", t.id, "launch"),
      jobs: link(c, "job_templates", t.id, "jobs"),
      project: link(c, "projects", t.project),
      organization: link(c, "organizations", t.organization),
      credentials: link(c, "job_templates", t.id, "credentials"),
      ...(t.inventory === null ? {} : { inventory: link(c, "inventories", t.inventory) })
    },
    summary_fields: {
      ...(org === undefined
        ? {}
        : { organization: { id: org.id, name: org.name, description: org.description } }),
      ...(project === undefined
        ? {}
        : { project: { id: project.id, name: project.name, scm_type: project.scm_type } }),
      ...(inventory === undefined ? {} : { inventory: { id: inventory.id, name: inventory.name } }),
      credentials: t.credentials.map((id) => ({ id }))
    },
    ...stamps(t.created_ms, t.modified_ms),
    name: t.name,
    description: t.description,
    job_type: t.job_type,
    inventory: t.inventory,
    project: t.project,
    playbook: t.playbook,
    scm_branch: "",
    forks: t.forks,
    limit: t.limit,
    verbosity: t.verbosity,
    extra_vars: t.extra_vars,
    job_tags: t.job_tags,
    force_handlers: false,
    skip_tags: t.skip_tags,
    start_at_task: "",
    timeout: t.timeout,
    use_fact_cache: false,
    organization: t.organization,
    status: "never updated",
    execution_environment: null,
    host_config_key: "",
    ...t.ask,
    survey_enabled: t.survey_enabled,
    become_enabled: t.become_enabled,
    diff_mode: false,
    allow_simultaneous: t.allow_simultaneous,
    custom_virtualenv: null,
    job_slice_count: 1,
    webhook_service: "",
    webhook_credential: null,
    prevent_instance_group_fallback: false
  }
}

import { stamps } from "../http/common.js"
import type { AwxContext } from "../http/env.js"
import type { ListSpec } from "../http/filters.js"
import { awxTimeOrNull } from "../http/time.js"
import { link } from "../routing/roots.js"
import type {
  InventoryRecord,
  JobRecord,
  ProjectRecord,
  TemplateRecord,
  UserRecord
} from "../state/records.js"
import { endedAt, eventsProcessed, isActive, startedAt, statusAt } from "./lifecycle.js"

/** What a job's rendering looks up besides the record. */
export interface JobLookups {
  readonly now: () => number
  readonly users: () => readonly UserRecord[]
  readonly templates: () => readonly TemplateRecord[]
  readonly inventories: () => readonly InventoryRecord[]
  readonly projects: () => readonly ProjectRecord[]
}

/**
 * Filterable fields of jobs. `extra_vars` is `prevent_search` in AWX (JobOptions), so filtering on it
 * is refused with 403 "Filtering on extra_vars is not allowed." — adapters look a job up by
 * `job_template`, `status`, `created_by`, `limit`, `name` and read `extra_vars` from the results.
 */
export const jobSpec = (lookups: JobLookups): ListSpec<JobRecord> => ({
  model: "Job",
  fields: {
    id: (j) => j.id,
    name: (j) => j.name,
    description: (j) => j.description,
    status: (j) => statusAt(j, lookups.now()),
    failed: (j) => ["failed", "error"].includes(statusAt(j, lookups.now())),
    job_template: (j) => j.job_template,
    job_template__name: (j) => j.name,
    unified_job_template: (j) => j.job_template,
    inventory: (j) => j.inventory,
    project: (j) => j.project,
    playbook: (j) => j.playbook,
    job_type: (j) => j.job_type,
    launch_type: (j) => j.launch_type,
    limit: (j) => j.limit,
    created_by: (j) => j.created_by,
    created_by__username: (j) => lookups.users().find((u) => u.id === j.created_by)?.username ?? null,
    created: (j) => new Date(j.created_ms).toISOString(),
    started: (j) => {
      const at = startedAt(j, lookups.now())
      return at === null ? null : new Date(at).toISOString()
    },
    finished: (j) => {
      const at = endedAt(j, lookups.now())
      return at === null ? null : new Date(at).toISOString()
    },
    event_processing_finished: (j) => eventsProcessed(j, lookups.now())
  },
  prevented: ["extra_vars", "artifacts"],
  search: ["name", "description"]
})

/** A job as AWX's JobSerializer renders it, status and times derived at the current simulated time. */
export const serializeJob = (c: AwxContext, job: JobRecord, lookups: JobLookups) => {
  const now = lookups.now()
  const status = statusAt(job, now)
  const started = startedAt(job, now)
  const finished = endedAt(job, now)
  const user = lookups.users().find((u) => u.id === job.created_by)
  const inventory = lookups.inventories().find((i) => i.id === job.inventory)
  const project = lookups.projects().find((p) => p.id === job.project)
  return {
    id: job.id,
    type: "job",
    url: link(c, "jobs", job.id),
    related: {
      created_by: link(c, "users", job.created_by),
      job_template: link(c, "job_templates", job.job_template),
      ...(job.inventory === null ? {} : { inventory: link(c, "inventories", job.inventory) }),
      project: link(c, "projects", job.project),
      job_events: link(c, "jobs", job.id, "job_events"),
      job_host_summaries: link(c, "jobs", job.id, "job_host_summaries"),
      stdout: link(c, "jobs", job.id, "stdout"),
      cancel: link(c, "jobs", job.id, "cancel"),
      relaunch: link(c, "jobs", job.id, "relaunch"),
      ...(job.relaunched_from === null ? {} : { source_job: link(c, "jobs", job.relaunched_from) })
    },
    summary_fields: {
      job_template: { id: job.job_template, name: job.name, description: job.description },
      ...(inventory === undefined ? {} : { inventory: { id: inventory.id, name: inventory.name } }),
      ...(project === undefined ? {} : { project: { id: project.id, name: project.name } }),
      ...(user === undefined ? {} : { created_by: { id: user.id, username: user.username } }),
      user_capabilities: { delete: !isActive(job, now), start: true }
    },
    ...stamps(job.created_ms, Math.max(job.created_ms, Math.min(now, job.events_ms))),
    name: job.name,
    description: job.description,
    job_type: job.job_type,
    inventory: job.inventory,
    project: job.project,
    playbook: job.playbook,
    scm_branch: "",
    forks: job.forks,
    limit: job.limit,
    verbosity: job.verbosity,
    extra_vars: job.extra_vars,
    job_tags: job.job_tags,
    force_handlers: false,
    skip_tags: job.skip_tags,
    start_at_task: "",
    timeout: 0,
    use_fact_cache: false,
    organization: job.organization,
    unified_job_template: job.job_template,
    launch_type: job.launch_type,
    status,
    execution_environment: null,
    failed: status === "failed" || status === "error",
    started: awxTimeOrNull(started),
    finished: awxTimeOrNull(finished),
    canceled_on: awxTimeOrNull(status === "canceled" ? job.canceled_ms : null),
    elapsed: started === null ? 0 : ((finished ?? now) - started) / 1000,
    job_explanation: status === "canceled" ? "" : finished === null ? "" : job.job_explanation,
    execution_node: started === null ? "" : "awx-sim-node",
    controller_node: "",
    launched_by:
      user === undefined
        ? {}
        : { id: user.id, name: user.username, type: "user", url: link(c, "users", user.id) },
    work_unit_id: null,
    job_template: job.job_template,
    passwords_needed_to_start: [],
    allow_simultaneous:
      lookups.templates().find((t) => t.id === job.job_template)?.allow_simultaneous ?? false,
    artifacts: {},
    scm_revision: "",
    instance_group: started === null ? null : 1,
    diff_mode: false,
    job_slice_number: 0,
    job_slice_count: 1,
    webhook_service: "",
    webhook_credential: null,
    webhook_guid: "",
    event_processing_finished: eventsProcessed(job, now)
  }
}

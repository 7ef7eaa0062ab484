import { stamps } from "../http/common.js"
import type { AwxContext } from "../http/env.js"
import type { ListSpec } from "../http/filters.js"
import { awxTimeOrNull } from "../http/time.js"
import { link } from "../routing/roots.js"
import type { OrganizationRecord, ProjectRecord, ProjectUpdateRecord } from "../state/records.js"
import { latestUpdate, projectStatus, updateStatus } from "./lifecycle.js"

/** Filterable fields of projects. */
export const projectSpec = (
  orgs: () => readonly OrganizationRecord[],
  status: (p: ProjectRecord) => string
): ListSpec<ProjectRecord> => ({
  model: "Project",
  fields: {
    id: (p) => p.id,
    name: (p) => p.name,
    description: (p) => p.description,
    organization: (p) => p.organization,
    organization__name: (p) => orgs().find((o) => o.id === p.organization)?.name ?? null,
    scm_type: (p) => p.scm_type,
    scm_url: (p) => p.scm_url,
    status
  },
  search: ["name", "description"]
})

/** A project as AWX renders it, status derived from its updates at `now`. */
export const serializeProject = (
  c: AwxContext,
  project: ProjectRecord,
  updates: readonly ProjectUpdateRecord[],
  now: number
) => {
  const latest = latestUpdate(project, updates)
  const status = projectStatus(project, updates, now)
  return {
    id: project.id,
    type: "project",
    url: link(c, "projects", project.id),
    related: {
      organization: link(c, "organizations", project.organization),
      update: link(c, "projects", project.id, "update"),
      playbooks: link(c, "projects", project.id, "playbooks"),
      project_updates: link(c, "projects", project.id, "project_updates"),
      ...(latest === undefined ? {} : { last_update: link(c, "project_updates", latest.id) })
    },
    summary_fields: {
      ...(latest === undefined ? {} : { last_update: { id: latest.id, status: updateStatus(latest, now) } })
    },
    ...stamps(project.created_ms),
    name: project.name,
    description: project.description,
    local_path: project.local_path,
    scm_type: project.scm_type,
    scm_url: project.scm_url,
    scm_branch: project.scm_branch,
    scm_refspec: "",
    scm_clean: false,
    scm_track_submodules: false,
    scm_delete_on_update: false,
    credential: project.credential,
    timeout: 0,
    scm_revision: status === "successful" ? "0f3c1d2e4b5a69788796a5b4c3d2e1f0a9b8c7d6" : "",
    last_job_run: awxTimeOrNull(latest === undefined || now < latest.finished_ms ? null : latest.finished_ms),
    last_job_failed: latest !== undefined && updateStatus(latest, now) === "failed",
    next_job_run: null,
    status,
    organization: project.organization,
    scm_update_on_launch: project.scm_update_on_launch,
    scm_update_cache_timeout: 0,
    allow_override: project.allow_override,
    custom_virtualenv: null,
    default_environment: null,
    signature_validation_credential: null,
    last_update_failed: latest !== undefined && updateStatus(latest, now) === "failed",
    last_updated: awxTimeOrNull(latest === undefined || now < latest.finished_ms ? null : latest.finished_ms)
  }
}

/** A project update (`/project_updates/{id}/`). */
export const serializeProjectUpdate = (c: AwxContext, update: ProjectUpdateRecord, now: number) => {
  const status = updateStatus(update, now)
  const finished = now >= update.finished_ms
  return {
    id: update.id,
    type: "project_update",
    url: link(c, "project_updates", update.id),
    related: { project: link(c, "projects", update.project) },
    ...stamps(update.created_ms),
    name: "",
    project: update.project,
    launch_type: "manual",
    status,
    failed: status === "failed",
    started: awxTimeOrNull(now >= update.running_ms ? update.running_ms : null),
    finished: awxTimeOrNull(finished ? update.finished_ms : null),
    elapsed: finished ? (update.finished_ms - update.running_ms) / 1000 : 0,
    job_explanation: ""
  }
}

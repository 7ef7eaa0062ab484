import { type Deps, nowOf, settingsOf } from "../http/deps.js"
import { latestUpdate, updateStatus } from "../projects/lifecycle.js"
import type { HostOutcome, HostRecord, JobRecord, TemplateRecord } from "../state/records.js"
import type { Outcomes } from "../state/settings.js"
import { nextId, TENANT } from "../state/stores.js"
import { applyLimit } from "./limit.js"

/** Everything a launch (or relaunch) decided; the job copies it. */
export interface LaunchConfig {
  readonly template: TemplateRecord
  readonly inventory: number
  readonly limit: string
  /** Final `extra_vars` text (template's merged with accepted launch variables). */
  readonly extra_vars: string
  readonly job_type: "run" | "check"
  readonly job_tags: string
  readonly skip_tags: string
  readonly verbosity: number
  readonly forks: number
  readonly credentials: readonly number[]
  readonly launch_type: "manual" | "relaunch"
  readonly created_by: number
  readonly relaunched_from: number | null
}

// One host's outcome: pinned by the seed, or drawn from a stream fixed by seed, job id and host name,
// so the same seed gives the same outcomes whatever order requests came in.
const drawOutcome = (deps: Deps, jobId: number, host: HostRecord, rates: Outcomes): HostOutcome => {
  if (host.behaviour === "ok") return "ok"
  if (host.behaviour !== "random") return host.behaviour
  const rng = deps.kit.rng.fork(`job:${jobId}:host:${host.name}`)
  const r = rng.next()
  if (r < rates.unreachableRate) return "unreachable"
  if (r < rates.unreachableRate + rates.failureRate) return "failed"
  return rng.chance(rates.changedRate) ? "changed" : "ok"
}

/**
 * Creates a job: its timeline from the lifecycle settings, then its outcome (error by `errorRate` or a
 * failed project sync; otherwise per-host outcomes, failed when any host failed or was unreachable).
 */
export const createJob = (deps: Deps, config: LaunchConfig): JobRecord => {
  const { stores } = deps
  const jobs = stores.jobs.get(TENANT)
  const settings = settingsOf(deps)
  const { lifecycle } = settings
  const id = nextId(stores, "jobs", jobs)
  const now = nowOf(deps)
  const pending = now + lifecycle.newMs
  const template = config.template
  // Without allow_simultaneous the task manager keeps a second run of the template pending until the
  // previous one has ended (AWX queues it, never rejects it).
  const blockedUntil = template.allow_simultaneous
    ? 0
    : Math.max(
        0,
        ...jobs.filter((j) => j.job_template === template.id).map((j) => j.canceled_ms ?? j.finished_ms)
      )
  const waiting = Math.max(pending + lifecycle.pendingMs, blockedUntil)
  const running = waiting + lifecycle.waitingMs
  const finished = running + lifecycle.runningMs
  const project = stores.projects.get(TENANT).find((p) => p.id === template.project)
  const lastSync =
    project === undefined ? undefined : latestUpdate(project, stores.projectUpdates.get(TENANT))
  const syncFailed = lastSync !== undefined && updateStatus(lastSync, now) === "failed"
  const errored = syncFailed || deps.kit.rng.fork(`job:${id}`).chance(settings.outcomes.errorRate)
  const targets = applyLimit(
    stores.hosts.get(TENANT).filter((h) => h.inventory === config.inventory && h.enabled),
    config.limit
  )
  const hosts = errored
    ? []
    : targets.map((h) => ({
        host: h.id,
        host_name: h.name,
        outcome: drawOutcome(deps, id, h, settings.outcomes)
      }))
  const anyFailed = hosts.some((h) => h.outcome === "failed" || h.outcome === "unreachable")
  const job: JobRecord = {
    id,
    name: template.name,
    description: template.description,
    job_template: template.id,
    inventory: config.inventory,
    project: template.project,
    organization: template.organization,
    playbook: template.playbook,
    job_type: config.job_type,
    limit: config.limit,
    extra_vars: config.extra_vars,
    job_tags: config.job_tags,
    skip_tags: config.skip_tags,
    verbosity: config.verbosity,
    forks: config.forks,
    credentials: [...config.credentials],
    launch_type: config.launch_type,
    created_by: config.created_by,
    relaunched_from: config.relaunched_from,
    created_ms: now,
    pending_ms: pending,
    waiting_ms: waiting,
    running_ms: running,
    finished_ms: finished,
    events_ms: finished + lifecycle.eventProcessingMs,
    canceled_ms: null,
    outcome: errored ? "error" : anyFailed ? "failed" : "successful",
    job_explanation: syncFailed
      ? `Previous Task Failed: {"job_type": "project_update", "job_name": "${project?.name ?? ""}", "job_id": "${lastSync?.id ?? 0}"}`
      : errored
        ? "Job terminated due to error"
        : "",
    hosts
  }
  jobs.push(job)
  return job
}

import { stamps } from "../http/common.js"
import type { AwxContext } from "../http/env.js"
import { link } from "../routing/roots.js"
import type { JobRecord } from "../state/records.js"
import type { HostSummary, JobEvent } from "./events.js"

/** A job event as AWX's JobEventSerializer renders it. */
export const serializeEvent = (c: AwxContext, job: JobRecord, e: JobEvent) => ({
  id: e.id,
  type: "job_event",
  url: link(c, "job_events", e.id),
  related: {
    job: link(c, "jobs", job.id),
    ...(e.host === null ? {} : { host: link(c, "hosts", e.host) })
  },
  summary_fields: {
    ...(e.host === null ? {} : { host: { id: e.host, name: e.host_name } }),
    job: { id: job.id, name: job.name, job_template_id: job.job_template }
  },
  ...stamps(job.finished_ms),
  job: job.id,
  event: e.event,
  counter: e.counter,
  event_display: e.event_display,
  event_data: e.event_data,
  event_level: e.event_level,
  failed: e.failed,
  changed: e.changed,
  uuid: e.uuid,
  parent_uuid: e.parent_uuid,
  host: e.host,
  host_name: e.host_name,
  playbook: job.playbook,
  play: e.play,
  task: e.task,
  role: "",
  stdout: e.stdout,
  start_line: e.start_line,
  end_line: e.end_line,
  verbosity: 0
})

/** A host summary as AWX's JobHostSummarySerializer renders it (`dark` = unreachable). */
export const serializeSummary = (c: AwxContext, job: JobRecord, s: HostSummary) => ({
  id: s.id,
  type: "job_host_summary",
  url: link(c, "job_host_summaries", s.id),
  related: { job: link(c, "jobs", job.id), host: link(c, "hosts", s.host) },
  summary_fields: {
    host: { id: s.host, name: s.host_name },
    job: { id: job.id, name: job.name, status: job.outcome, failed: job.outcome !== "successful" }
  },
  ...stamps(job.events_ms),
  job: job.id,
  host: s.host,
  constructed_host: null,
  host_name: s.host_name,
  changed: s.changed,
  dark: s.dark,
  failures: s.failures,
  ok: s.ok,
  processed: s.processed,
  skipped: s.skipped,
  failed: s.failed,
  ignored: s.ignored,
  rescued: s.rescued
})

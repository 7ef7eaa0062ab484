import type { JobRecord } from "../state/records.js"

/** Statuses from which a job can still be canceled (AWX `CAN_CANCEL`). */
export const ACTIVE = ["new", "pending", "waiting", "running"] as const

/**
 * A job's status at `now`, from the timeline fixed at launch: new, pending, waiting, running, then its
 * drawn outcome (successful, failed or error) — or canceled from the instant it was canceled.
 */
export const statusAt = (job: JobRecord, now: number): string => {
  if (job.canceled_ms !== null && now >= job.canceled_ms) return "canceled"
  if (now < job.pending_ms) return "new"
  if (now < job.waiting_ms) return "pending"
  if (now < job.running_ms) return "waiting"
  if (now < job.finished_ms) return "running"
  return job.outcome
}

/** Whether the job is still active (cancelable) at `now`. */
export const isActive = (job: JobRecord, now: number): boolean =>
  (ACTIVE as readonly string[]).includes(statusAt(job, now))

/** When the job ended (finished or canceled), or null while it runs. */
export const endedAt = (job: JobRecord, now: number): number | null => {
  if (job.canceled_ms !== null && now >= job.canceled_ms) return job.canceled_ms
  return now >= job.finished_ms ? job.finished_ms : null
}

/** When the job started running, or null before that (or when canceled first). */
export const startedAt = (job: JobRecord, now: number): number | null => {
  const start = job.running_ms
  if (job.canceled_ms !== null && job.canceled_ms <= start) return null
  return now >= start ? start : null
}

/** AWX's `event_processing_finished`: true once the events of a finished job have all been saved. */
export const eventsProcessed = (job: JobRecord, now: number): boolean =>
  endedAt(job, now) !== null && now >= job.events_ms

/** The hosts a job's outcome counts as failed (failures or unreachable), for relaunch on failed hosts. */
export const failedHostNames = (job: JobRecord): string[] =>
  job.hosts.filter((h) => h.outcome === "failed" || h.outcome === "unreachable").map((h) => h.host_name)

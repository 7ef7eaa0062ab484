import type { AssignmentPhase, DeviceState, DeviceStatus } from "@planes/core"
import type { HostSummary, Job } from "../awx/schemas.js"

/** A job status AWX may still change: queued or running (AWX `CAN_CANCEL`). */
export const activeStatuses: ReadonlyArray<string> = ["new", "pending", "waiting", "running"]

/** True while a job may still change (queued or running). */
export const isActive = (job: Pick<Job, "status">): boolean => activeStatuses.includes(job.status)

/** The host summaries of a job are complete: it ended and AWX saved all its events. */
export const summariesReady = (job: Pick<Job, "status" | "event_processing_finished">): boolean =>
  !isActive(job) && job.event_processing_finished

/** The raw outcome of one host, in Ansible's recap words. */
export type HostOutcome = "unreachable" | "failed" | "changed" | "ok" | "skipped"

/** What a host's recap says happened to it: unreachable, failed, changed, ok, or only skipped. */
export const hostOutcome = (summary: HostSummary): HostOutcome => {
  if (summary.dark > 0) return "unreachable"
  if (summary.failures > 0 || summary.failed) return "failed"
  if (summary.changed > 0) return "changed"
  if (summary.ok > 0) return "ok"
  return summary.skipped > 0 ? "skipped" : "ok"
}

/**
 * Host outcome to planes status. A host that ran the play without failures has the package in the
 * intended state (`installed` means "goal met", also for removal); failed or unreachable hosts failed;
 * a host that only skipped tasks (its platform has no package module in the playbook) is not applicable.
 */
export const statusOfOutcome: Readonly<Record<HostOutcome, DeviceStatus>> = {
  unreachable: "failed",
  failed: "failed",
  changed: "installed",
  ok: "installed",
  skipped: "not_applicable"
}

/** What a host's state is for: the package state the job converged to, and its version. */
export interface JobGoal {
  readonly state: "present" | "absent"
  readonly version: string | undefined
}

/** One host summary of a finished job as a planes DeviceState. */
export const deviceStateOf = (
  summary: HostSummary,
  job: Pick<Job, "id" | "status">,
  goal: JobGoal
): DeviceState => {
  const outcome = hostOutcome(summary)
  const status = statusOfOutcome[outcome]
  const met = status === "installed"
  return {
    plane: "ansible",
    deviceId: summary.host === null ? summary.host_name : String(summary.host),
    deviceName: summary.host_name,
    status,
    ...(met && goal.state === "present" && goal.version !== undefined && { version: goal.version }),
    ...(met && { present: goal.state === "present" }),
    raw: {
      status: outcome,
      detail: `job ${job.id} ${job.status}: ok=${summary.ok} changed=${summary.changed} failures=${summary.failures} unreachable=${summary.dark} skipped=${summary.skipped}`,
      code: job.status
    }
  }
}

/**
 * The phase of a job whose host summaries are not (yet) there: queued is pending, running (or ended
 * with its events still being saved) is in progress; `error` (could not run: project sync, missing
 * credential) and `canceled` failed; a finished job that touched no host says so by its status.
 */
export const phaseOfJob = (job: Pick<Job, "status" | "event_processing_finished">): AssignmentPhase => {
  switch (job.status) {
    case "new":
    case "pending":
    case "waiting":
      return "pending"
    case "running":
      return "in_progress"
    case "successful":
      return job.event_processing_finished ? "succeeded" : "in_progress"
    case "failed":
      return job.event_processing_finished ? "failed" : "in_progress"
    case "error":
    case "canceled":
      return "failed"
    default:
      return "unknown"
  }
}

import type { DeviceStatus } from "@planes/core"

/** What decides one computer's state for an assignment. */
export interface ComputerFacts {
  /** The latest per-computer activity's status (`activity_status`), if the computer has one. */
  readonly activityStatus: string | undefined
  /** The installed version of the package, if installed. */
  readonly installed: string | undefined
  /** Whether the computer has stopped pinging (`alert:computer-offline`). */
  readonly offline: boolean
  /** `install` (the goal: this exact version installed) or `remove` (the goal: not installed). */
  readonly goal: "install" | "remove"
  readonly version: string
}

/** Activity statuses that wait for the computer (facts §4.3: queued/scheduled/waiting/blocked). */
const waiting = new Set(["scheduled", "undelivered", "unapproved", "waiting", "blocked"])

/**
 * A computer's status (pure, table-tested). The package state decides first: the goal met is
 * `installed` whatever the activity says. Otherwise the activity: waiting → `pending` (`unknown` when the
 * computer is offline: it may never come back), `delivered` → `in_progress`, `failed`/`canceled` →
 * `failed`, `succeeded` without the goal met (another version won) → `failed`, none → `pending`.
 */
export const deviceStatusOf = (facts: ComputerFacts): DeviceStatus => {
  const goalMet = facts.goal === "install" ? facts.installed === facts.version : facts.installed === undefined
  if (goalMet) return "installed"
  const status = facts.activityStatus
  if (status === undefined || waiting.has(status)) return facts.offline ? "unknown" : "pending"
  if (status === "delivered") return facts.offline ? "unknown" : "in_progress"
  if (status === "succeeded" || status === "failed" || status === "canceled") return "failed"
  return "unknown"
}

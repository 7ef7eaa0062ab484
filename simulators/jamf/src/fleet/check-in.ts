import type { Prng } from "@planes/sim-kit"
import type { GroupRecord } from "../groups/model.js"
import type { PackageRecord } from "../packages/model.js"
import type { PolicyPackage, PolicyRecord } from "../policies/model.js"
import { inScope } from "../policies/scope.js"
import type { JamfSettings } from "../settings/settings.js"
import type { Computer, PolicyLogStatus } from "./model.js"
import { applicationOfPackage } from "./package-app.js"

/** What a check-in reads besides the computer. */
export interface CheckInWorld {
  readonly policies: readonly PolicyRecord[]
  readonly groups: readonly GroupRecord[]
  readonly packages: readonly PackageRecord[]
  readonly settings: JamfSettings
  /** An independent random stream per label (the kit's `rng.fork`), so outcomes do not depend on order. */
  readonly fork: (label: string) => Prng
}

const DAY_MS = 86_400_000
const PERIODS: Readonly<Record<string, number>> = {
  "Once every day": DAY_MS,
  "Once every week": 7 * DAY_MS,
  "Once every month": 30 * DAY_MS
}

/**
 * Whether a policy is due on a computer at a check-in, from the computer's logs of it (a flush
 * deletes logs, which is what makes a policy run again). "Once per …" runs until one run completed;
 * failed runs are retried at check-in only with `retry_event` `check-in`, up to `retry_attempts` times.
 * Users are not simulated, so the per-user frequencies behave as "Once per computer".
 */
export const isDue = (policy: PolicyRecord, computer: Computer, atMs: number): boolean => {
  const logs = computer.policyLogs.filter((l) => l.policyId === policy.id)
  if (logs.length === 0) return true
  const { frequency, retry_event, retry_attempts } = policy.general
  if (frequency === "Ongoing") return true
  const period = PERIODS[frequency]
  if (period !== undefined) return atMs - Math.max(...logs.map((l) => l.atMs)) >= period
  if (logs.some((l) => l.status === "Completed")) return false
  return retry_event === "check-in" && logs.length <= Math.max(0, retry_attempts)
}

const addOnce = (list: string[], value: string) => {
  if (!list.includes(value)) list.push(value)
}

const install = (computer: Computer, pkg: PackageRecord) => {
  const app = applicationOfPackage(pkg.packageName)
  computer.applications = [...computer.applications.filter((a) => a.name !== app.name), app]
  addOnce(computer.installedPackages, pkg.fileName)
  computer.cachedPackages = computer.cachedPackages.filter((f) => f !== pkg.fileName)
}

// Carries out one package action; false when the Mac could not (no file on the distribution point,
// nothing cached to install).
const perform = (computer: Computer, action: PolicyPackage, packages: readonly PackageRecord[]): boolean => {
  const pkg = packages.find((p) => p.id === action.id)
  if (pkg === undefined || pkg.upload === null) return false
  switch (action.action) {
    case "Install":
      install(computer, pkg)
      return true
    case "Cache":
      addOnce(computer.cachedPackages, pkg.fileName)
      return true
    case "Install Cached":
      if (!computer.cachedPackages.includes(pkg.fileName)) return false
      install(computer, pkg)
      return true
  }
}

/**
 * One recurring check-in of one computer at `atMs`: every enabled check-in policy in scope and due
 * runs, in id order. A seeded draw per (computer, policy, instant) decides failure; a completed run
 * carries out its package actions. Each run appends a policy log.
 */
export const checkIn = (world: CheckInWorld, computer: Computer, atMs: number): void => {
  computer.lastContactMs = atMs
  for (const policy of [...world.policies].sort((a, b) => a.id - b.id)) {
    if (!policy.general.enabled || !policy.general.trigger_checkin) continue
    if (!inScope(policy, computer, world.groups) || !isDue(policy, computer, atMs)) continue
    const failureRate =
      world.settings.policyFailureRates[String(policy.id)] ?? world.settings.policyFailureRate
    const drawnFailure = world.fork(`jamf/policy-run/${computer.id}/${policy.id}/${atMs}`).chance(failureRate)
    const status: PolicyLogStatus =
      !drawnFailure &&
      policy.package_configuration.packages.every((action) => perform(computer, action, world.packages))
        ? "Completed"
        : "Failed"
    computer.policyLogs.push({
      policyId: policy.id,
      policyName: policy.general.name,
      username: computer.username,
      atMs,
      status
    })
    if (status === "Completed" && policy.maintenance.recon) computer.reportDateMs = atMs
  }
}

/** The first check-in instant of a computer strictly after `afterMs`. */
export const nextCheckIn = (computer: Computer, afterMs: number, intervalMs: number): number =>
  computer.checkInOffsetMs + (Math.floor((afterMs - computer.checkInOffsetMs) / intervalMs) + 1) * intervalMs

import type { DeviceStatus } from "@planes/core"

/**
 * A computer's state for a policy, from the newest log of that policy on it (Classic computer history).
 *
 * | newest policy log     | status      |
 * | --------------------- | ----------- |
 * | none yet              | pending     |
 * | `Completed`           | installed   |
 * | `Failed`              | failed      |
 * | `Pending`, `Running`  | in_progress |
 * | anything else         | unknown     |
 *
 * "installed" means the policy's goal is met: the package installed, or cached for a `Cache` policy.
 */
export const statusOfPolicyLog = (status: string | undefined): DeviceStatus => {
  if (status === undefined) return "pending"
  switch (status.trim().toLowerCase()) {
    case "completed":
      return "installed"
    case "failed":
      return "failed"
    case "pending":
    case "running":
    case "in progress":
      return "in_progress"
    default:
      return "unknown"
  }
}

import type { DeviceState, DeviceStatus } from "@planes/core"

/** Where a computer stands in a compliance report. */
export type Compliance = "compliant" | "nonCompliant" | "pending" | "unreachable"

/**
 * A device status's compliance class (pure): the goal met is compliant; failed is non-compliant; pending
 * and in progress are pending; unknown (an offline computer that has not done the work) is unreachable.
 */
export const complianceOf = (status: DeviceStatus): Compliance => {
  switch (status) {
    case "installed":
    case "not_applicable":
      return "compliant"
    case "failed":
      return "nonCompliant"
    case "pending":
    case "in_progress":
      return "pending"
    case "unknown":
      return "unreachable"
  }
}

/** A compliance report: the computer ids in each class, and how many there are. */
export interface ComplianceReport {
  readonly ref: string
  readonly compliant: ReadonlyArray<string>
  readonly nonCompliant: ReadonlyArray<string>
  readonly pending: ReadonlyArray<string>
  readonly unreachable: ReadonlyArray<string>
  readonly total: number
}

/** Groups device states into a compliance report (pure). */
export const complianceReportOf = (ref: string, devices: ReadonlyArray<DeviceState>): ComplianceReport => {
  const groups: Record<Compliance, string[]> = {
    compliant: [],
    nonCompliant: [],
    pending: [],
    unreachable: []
  }
  for (const device of devices) groups[complianceOf(device.status)].push(device.deviceId)
  return { ref, ...groups, total: devices.length }
}

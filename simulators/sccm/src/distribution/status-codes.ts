import type { TargetState } from "./content.js"

/** SMS_PackageStatus.Status: 0 NONE, 1 SENT, 2 RECEIVED, 3 INSTALLED, 4 RETRY, 5 FAILED. */
export const packageStatusCode = (state: TargetState): number =>
  ({ installed: 3, inProgress: 2, retrying: 4, failed: 5 })[state]

/** MessageState of the DP status classes: 1 success, 2 in progress, 4 failed (autopkg reads 3/4 as failure). */
export const messageState = (state: TargetState): number =>
  ({ installed: 1, inProgress: 2, retrying: 2, failed: 4 })[state]

// Distribution Manager status message ids [UNCONFIRMED pairing]: 2330 distributed, 2324 in progress
// (content being copied), 2323 retrying (cannot connect to the DP), 2304 failed.
/** The status message id a state reports. */
export const messageId = (state: TargetState): number =>
  ({ installed: 2330, inProgress: 2324, retrying: 2323, failed: 2304 })[state]

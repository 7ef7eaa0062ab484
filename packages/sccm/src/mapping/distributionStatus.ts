/** `SMS_PackageStatus.Status` (facts §4.1): the content state of one package on one DP. */
export const packageStatusNames: Readonly<Record<number, string>> = {
  0: "NONE",
  1: "SENT",
  2: "RECEIVED",
  3: "INSTALLED",
  4: "RETRY",
  5: "FAILED",
  6: "REMOVED",
  7: "PENDING_REMOVE"
}

/** The state planes reports for a DP: installed, in_progress, retrying (DP unreachable), failed, ... */
export const distributionStateOf = (status: number): string => {
  switch (status) {
    case 0:
      return "pending"
    case 1:
    case 2:
      return "in_progress"
    case 3:
      return "installed"
    case 4:
      return "retrying"
    case 5:
      return "failed"
    case 6:
      return "removed"
    case 7:
      return "removing"
    default:
      return "unknown"
  }
}

/** Whether a DP's content state may still change by itself. */
export const isSettling = (status: number) => status === 0 || status === 1 || status === 2 || status === 4

import type { DeviceStatus, InstallIntent } from "@planes/core"

/**
 * Intune's per-device install states (report column InstallState, beta installState) mapped onto the
 * plane-neutral set, with whether the app is on the device. For an uninstall assignment the goal is the
 * app's absence, so "notInstalled" is its success. Unknown words map to "unknown" and never fail.
 */
export const mapInstallState = (
  installState: string,
  intent: InstallIntent
): { readonly status: DeviceStatus; readonly present: boolean | undefined } => {
  const uninstall = intent === "uninstall"
  switch (installState.toLowerCase()) {
    case "installed":
      return { status: uninstall ? "pending" : "installed", present: true }
    case "notinstalled":
      return { status: uninstall ? "installed" : "pending", present: false }
    case "failed":
      return { status: "failed", present: false }
    case "uninstallfailed":
      return { status: "failed", present: true }
    case "pendinginstall":
    case "pending":
      return { status: "in_progress", present: undefined }
    case "notapplicable":
      return { status: "not_applicable", present: undefined }
    default:
      return { status: "unknown", present: undefined }
  }
}

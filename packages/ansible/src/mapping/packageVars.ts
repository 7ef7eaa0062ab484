import type { IntentKey, PackageIntent } from "@planes/core"
import type { ExtraVars } from "./extraVars.js"

/** The variable that carries the intent key of a launch: how a retry finds the job the first try made. */
export const keyVar = "planes_key"

/**
 * The name the platform's package manager knows the package by: the `package` detection rule's name
 * where the intent has one (dpkg, rpm, pkgutil receipt), else an `ansible.packageName` hint, else the
 * intent's name.
 */
export const osPackageName = (intent: PackageIntent): string => {
  const rule = intent.detection.find((d) => d._tag === "package")
  if (rule !== undefined) return rule.packageName
  const hint = intent.hints?.ansible?.packageName
  return typeof hint === "string" && hint.trim() !== "" ? hint.trim() : intent.name
}

/** The MSI product code of a Windows package, which `win_package` checks to tell whether it is installed. */
const productId = (intent: PackageIntent): string | undefined => {
  const rule = intent.detection.find((d) => d._tag === "msi")
  return rule?._tag === "msi" ? rule.productCode : undefined
}

/**
 * The package's defaults in its templates' `extra_vars` (a launch adds the target state and may change
 * the version): everything the playbooks need to install the package on any platform. Pure and
 * deterministic, so the same intent gives the same template, byte for byte.
 */
export const packageVars = (intent: PackageIntent, key: IntentKey): ExtraVars => {
  const product = productId(intent)
  return {
    planes_package_key: key,
    pkg_name: osPackageName(intent),
    pkg_display_name: intent.name,
    pkg_version: intent.version,
    pkg_publisher: intent.publisher,
    pkg_platform: intent.platform,
    pkg_state: "present",
    pkg_artifact_url: intent.artifact.location,
    pkg_artifact_sha256: intent.artifact.sha256,
    pkg_file_name: intent.artifact.fileName,
    pkg_install_command: intent.installCommand,
    pkg_uninstall_command: intent.uninstallCommand,
    ...(product !== undefined && { pkg_product_id: product })
  }
}

import { defaultReturnCodes, type IntentKey, type PackageIntent } from "@planes/core"
import { appNotes } from "./appNotes.js"
import { type UnsupportedRule, type Win32Rule, win32DetectionRules } from "./detectionRules.js"
import type { GraphApiVersion } from "./GraphApiVersion.js"
import { betaOsFlag, windowsRelease } from "./windowsRelease.js"

/** What the .intunewin's Detection.xml says about the content, which the app record must repeat. */
export interface Win32Content {
  /** The encrypted inner file's name (Detection.xml FileName), used as the app's fileName. */
  readonly fileName: string
  /** The installer inside the package (Detection.xml SetupFile), used as setupFilePath. */
  readonly setupFile: string
}

/** The body of `POST /deviceAppManagement/mobileApps` for a Win32 app. */
export type Win32LobAppBody = Readonly<Record<string, unknown>> & {
  readonly "@odata.type": "#microsoft.graph.win32LobApp"
  readonly displayName: string
  readonly notes: string
  readonly rules: ReadonlyArray<Win32Rule>
}

/** Why an intent cannot become a win32LobApp. */
export type Win32MappingProblem =
  | { readonly _tag: "NotWindows"; readonly platform: string }
  | { readonly _tag: "UnsupportedDetection"; readonly rules: ReadonlyArray<UnsupportedRule> }

const architectures = {
  x64: "x64",
  x86: "x86",
  arm64: "arm64",
  neutral: "x86,x64"
} as const

/** The display name planes gives an app: one app per version, so name and version together. */
export const appDisplayName = (intent: Pick<PackageIntent, "name" | "version">) =>
  `${intent.name} ${intent.version}`

/**
 * Maps a package intent to the win32LobApp create body. Pure and deterministic: the same intent, content
 * and version give the same body, byte for byte (golden-file tested).
 */
export const win32LobAppBody = (
  intent: PackageIntent,
  key: IntentKey,
  content: Win32Content,
  api: GraphApiVersion
):
  | { readonly _tag: "Ok"; readonly body: Win32LobAppBody }
  | { readonly _tag: "Problem"; readonly problem: Win32MappingProblem } => {
  if (intent.platform !== "windows") {
    return { _tag: "Problem", problem: { _tag: "NotWindows", platform: intent.platform } }
  }
  const detection = win32DetectionRules(intent.detection)
  if (detection.unsupported.length > 0) {
    return { _tag: "Problem", problem: { _tag: "UnsupportedDetection", rules: detection.unsupported } }
  }
  const release = windowsRelease(intent.minimumOsVersion)
  const msi = intent.detection.find((rule) => rule._tag === "msi")
  const body: Win32LobAppBody = {
    "@odata.type": "#microsoft.graph.win32LobApp",
    displayName: appDisplayName(intent),
    description: intent.description ?? intent.name,
    publisher: intent.publisher,
    developer: intent.publisher,
    notes: appNotes(key, intent.name, intent.version),
    isFeatured: false,
    fileName: content.fileName,
    setupFilePath: content.setupFile,
    installCommandLine: intent.installCommand,
    uninstallCommandLine: intent.uninstallCommand,
    applicableArchitectures: architectures[intent.architecture],
    installExperience: {
      "@odata.type": "#microsoft.graph.win32LobAppInstallExperience",
      runAsAccount: intent.runAs,
      deviceRestartBehavior: intent.restart
    },
    returnCodes: (intent.returnCodes ?? defaultReturnCodes).map((code) => ({
      "@odata.type": "#microsoft.graph.win32LobAppReturnCode",
      returnCode: code.code,
      type: code.type
    })),
    rules: detection.rules,
    ...(msi !== undefined && {
      msiInformation: {
        "@odata.type": "#microsoft.graph.win32LobAppMsiInformation",
        productCode: msi.productCode,
        productVersion: msi.productVersion ?? intent.version,
        upgradeCode: null,
        requiresReboot: false,
        packageType: "perMachine",
        productName: intent.name,
        publisher: intent.publisher
      }
    }),
    // v1.0 names the minimum release; beta uses a set of flags and also shows the version in the portal.
    ...(api === "v1.0"
      ? { minimumSupportedWindowsRelease: release }
      : {
          minimumSupportedOperatingSystem: {
            "@odata.type": "#microsoft.graph.windowsMinimumOperatingSystem",
            [betaOsFlag(release)]: true
          },
          displayVersion: intent.version
        })
  }
  return { _tag: "Ok", body }
}

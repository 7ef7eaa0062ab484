import {
  type AssignmentIntent,
  decodeAssignmentIntent,
  decodePackageIntent,
  intentKey,
  type PackageIntent
} from "@planes/core"
import { Effect } from "effect"

const context = { operation: "test", correlationId: "test" }

/** A Windows package intent (decoded), with an MSI and a registry detection rule. */
export const packageIntent = (version = "1.2.3", overrides: Record<string, unknown> = {}): PackageIntent =>
  Effect.runSync(
    decodePackageIntent(
      {
        name: "Contoso Widget",
        version,
        publisher: "Contoso Ltd",
        description: "Widgets for everyone",
        platform: "windows",
        architecture: "x64",
        artifact: {
          location: `https://artifacts.contoso.test/widget-${version}.msi`,
          sha256: "a".repeat(64),
          size: 123456,
          fileName: `widget-${version}.msi`
        },
        installCommand: `msiexec /i widget-${version}.msi /qn`,
        uninstallCommand: "msiexec /x {12345678-1234-1234-1234-123456789ABC} /qn",
        detection: [
          { _tag: "msi", productCode: "{12345678-1234-1234-1234-123456789ABC}", productVersion: version },
          {
            _tag: "registry",
            keyPath: "HKLM\\SOFTWARE\\Contoso\\Widget",
            valueName: "Version",
            check: "version",
            operator: "greaterThanOrEqual",
            value: version
          }
        ],
        ...overrides
      },
      context
    )
  )

/** An assignment of a published package to a target (decoded). */
export const assignmentIntent = (
  pkg: PackageIntent,
  target: AssignmentIntent["target"],
  intent: AssignmentIntent["intent"] = "required",
  extra: Record<string, unknown> = {}
): AssignmentIntent =>
  Effect.runSync(
    decodeAssignmentIntent(
      {
        package: { key: intentKey(pkg), name: pkg.name, version: pkg.version },
        target,
        intent,
        ...extra
      },
      context
    )
  )

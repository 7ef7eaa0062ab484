import {
  type AssignmentIntentInput,
  decodeAssignmentIntent,
  decodePackageIntent,
  type PackageIntentInput
} from "@planes/core"
import { Effect } from "effect"

const context = { operation: "test", correlationId: "test" }

/** A Windows package intent with every field Intune maps. */
export const packageInput: PackageIntentInput = {
  name: "7-Zip",
  version: "24.08",
  publisher: "Igor Pavlov",
  description: "File archiver with a high compression ratio",
  platform: "windows",
  architecture: "x64",
  minimumOsVersion: "10.0.19045",
  artifact: {
    location: "file:///var/artifacts/7z2408-x64.intunewin",
    sha256: "a3f1c0d2e4b5968778695a4b3c2d1e0f112233445566778899aabbccddeeff00",
    size: 1_572_864,
    fileName: "7z2408-x64.intunewin"
  },
  installCommand: 'msiexec /i "7z2408-x64.msi" /qn',
  uninstallCommand: "msiexec /x {23170F69-40C1-2702-2408-000001000000} /qn",
  detection: [
    { _tag: "msi", productCode: "{23170F69-40C1-2702-2408-000001000000}", productVersion: "24.08.00.0" },
    {
      _tag: "file",
      path: "C:\\Program Files\\7-Zip",
      name: "7z.exe",
      check: "version",
      operator: "greaterThanOrEqual",
      value: "24.08"
    },
    { _tag: "registry", keyPath: "HKEY_LOCAL_MACHINE\\SOFTWARE\\7-Zip", valueName: "Path", check: "exists" },
    { _tag: "script", script: "if (Test-Path 'C:\\Program Files\\7-Zip\\7z.exe') { Write-Output 'found' }" }
  ],
  returnCodes: [
    { code: 0, type: "success" },
    { code: 3010, type: "softReboot" },
    { code: 1618, type: "retry" }
  ],
  runAs: "system",
  restart: "suppress"
}

/** The package intent, decoded. */
export const packageIntent = Effect.runSync(decodePackageIntent(packageInput, context))

/** A required assignment with a schedule. */
export const assignmentInput: AssignmentIntentInput = {
  package: { key: "pl1-uyhp6az6xkoc6tvfbzhz", name: "7-Zip", version: "24.08" },
  target: { _tag: "group", id: "11111111-1111-1111-1111-111111111111" },
  intent: "required",
  schedule: { start: "2026-12-01T08:00:00Z", deadline: "2026-12-03T18:00:00Z" }
}

/** The assignment intent, decoded. */
export const assignmentIntent = Effect.runSync(decodeAssignmentIntent(assignmentInput, context))

/** Decodes a package intent variant for a test. */
export const decodePackage = (input: PackageIntentInput) =>
  Effect.runSync(decodePackageIntent(input, context))

/** Decodes an assignment intent variant for a test. */
export const decodeAssignment = (input: AssignmentIntentInput) =>
  Effect.runSync(decodeAssignmentIntent(input, context))

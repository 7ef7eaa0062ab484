import type { AssignmentIntentInput, PackageIntentInput } from "../src/index.js"

/** A complete, valid package intent as a caller would send it. */
export const packageInput: PackageIntentInput = {
  name: "7-Zip",
  version: "24.08",
  publisher: "Igor Pavlov",
  description: "File archiver",
  platform: "windows",
  architecture: "x64",
  minimumOsVersion: "10.0.19041",
  artifact: {
    location: "https://artifacts.example.test/7z2408-x64.intunewin",
    sha256: "A3F1C0D2E4B5968778695A4B3C2D1E0F112233445566778899AABBCCDDEEFF00",
    size: 1_572_864,
    fileName: "7z2408-x64.intunewin"
  },
  installCommand: 'msiexec /i "7z2408-x64.msi" /qn',
  uninstallCommand: "msiexec /x {23170F69-40C1-2702-2408-000001000000} /qn",
  detection: [{ _tag: "msi", productCode: "{23170F69-40C1-2702-2408-000001000000}" }],
  returnCodes: [
    { code: 0, type: "success" },
    { code: 3010, type: "softReboot" }
  ]
}

/** A complete, valid assignment intent. */
export const assignmentInput: AssignmentIntentInput = {
  package: { key: "pl1-abcdefghij2345672345", name: "7-Zip", version: "24.08" },
  target: { _tag: "group", id: "5c1f4c7e-7d55-4e0b-9a9e-2b4f2f0c1a11" },
  intent: "required",
  schedule: { start: "2026-12-01T08:00:00Z", deadline: "2026-12-03T18:00:00+01:00" }
}

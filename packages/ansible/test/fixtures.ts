import {
  type AssignmentIntent,
  type AssignmentIntentInput,
  AssignmentIntent as AssignmentSchema,
  intentKey,
  type PackageIntent,
  type PackageIntentInput,
  PackageIntent as PackageSchema
} from "@planes/core"
import { Schema } from "effect"

/** A Linux package intent (curl from the distribution's repositories). */
export const packageInput: PackageIntentInput = {
  name: "curl",
  version: "8.5.0-2ubuntu10.6",
  publisher: "Daniel Stenberg",
  description: "Command line tool for transferring data with URLs",
  platform: "linux",
  artifact: {
    location: "https://mirror.example.com/pool/main/c/curl/curl_8.5.0-2ubuntu10.6_amd64.deb",
    sha256: "3F0C1D2E4B5A69788796A5B4C3D2E1F0A9B8C7D6E5F4A3B2C1D0E9F8A7B6C5D4",
    size: 226_000,
    fileName: "curl_8.5.0-2ubuntu10.6_amd64.deb"
  },
  installCommand: "apt-get install -y curl=8.5.0-2ubuntu10.6",
  uninstallCommand: "apt-get remove -y curl",
  detection: [{ _tag: "package", packageName: "curl", version: "8.5.0-2ubuntu10.6" }]
}

/** A Windows package intent (an MSI with its product code). */
export const windowsInput: PackageIntentInput = {
  name: "7-Zip",
  version: "24.08",
  publisher: "Igor Pavlov",
  platform: "windows",
  architecture: "x64",
  artifact: {
    location: "https://files.example.com/7z2408-x64.msi",
    sha256: "0000000000000000000000000000000000000000000000000000000000000001",
    size: 1_900_000,
    fileName: "7z2408-x64.msi"
  },
  installCommand: "msiexec /i 7z2408-x64.msi /qn",
  uninstallCommand: "msiexec /x {23170F69-40C1-2702-2408-000001000000} /qn",
  detection: [{ _tag: "msi", productCode: "{23170F69-40C1-2702-2408-000001000000}" }]
}

/** Decodes a package intent (defaults filled in). */
export const decodePackage = (input: PackageIntentInput): PackageIntent =>
  Schema.decodeUnknownSync(PackageSchema)(input)

/** The decoded Linux package intent. */
export const packageIntent = decodePackage(packageInput)

/** An assignment of `pkg` to `target` with `intent`. */
export const assignmentFor = (
  pkg: PackageIntent,
  target: AssignmentIntentInput["target"],
  intent: AssignmentIntentInput["intent"] = "required"
): AssignmentIntent =>
  Schema.decodeUnknownSync(AssignmentSchema)({
    package: { key: intentKey(pkg), name: pkg.name, version: pkg.version },
    target,
    intent
  })

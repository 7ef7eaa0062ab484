import {
  type AssignmentIntentInput,
  decodeAssignmentIntent,
  decodePackageIntent,
  type PackageIntentInput
} from "@planes/core"
import { Effect } from "effect"

const context = { operation: "test", correlationId: "test" }

/** A macOS package intent with every field Jamf maps. */
export const packageInput: PackageIntentInput = {
  name: "PowerShell",
  version: "7.4.1",
  publisher: "Microsoft",
  description: "Cross-platform task automation",
  platform: "macos",
  architecture: "x64",
  minimumOsVersion: "13.0",
  artifact: {
    location: "file:///var/artifacts/powershell-7.4.1-osx-x64.pkg",
    sha256: "a3f1c0d2e4b5968778695a4b3c2d1e0f112233445566778899aabbccddeeff00",
    size: 68_157_440,
    fileName: "powershell-7.4.1-osx-x64.pkg"
  },
  installCommand: "installer -pkg powershell-7.4.1-osx-x64.pkg -target /",
  uninstallCommand: "rm -rf /usr/local/microsoft/powershell",
  detection: [
    { _tag: "package", packageName: "com.microsoft.powershell", version: "7.4.1" },
    { _tag: "file", path: "/Applications/PowerShell.app", name: "Info.plist", check: "exists" }
  ],
  restart: "suppress"
}

/** The package intent, decoded. */
export const packageIntent = Effect.runSync(decodePackageIntent(packageInput, context))

/** A required assignment to named computers. */
export const assignmentInput: AssignmentIntentInput = {
  package: { key: "pl1-uyhp6az6xkoc6tvfbzhz", name: "PowerShell", version: "7.4.1" },
  target: { _tag: "devices", deviceIds: ["12", "34"] },
  intent: "required",
  schedule: { start: "2026-12-01T08:00:00Z" }
}

/** The assignment intent, decoded. */
export const assignmentIntent = Effect.runSync(decodeAssignmentIntent(assignmentInput, context))

/** Decodes an assignment intent variant. */
export const decodeAssignment = (input: AssignmentIntentInput) =>
  Effect.runSync(decodeAssignmentIntent(input, context))

/** Decodes a package intent variant. */
export const decodePackage = (input: PackageIntentInput) =>
  Effect.runSync(decodePackageIntent(input, context))

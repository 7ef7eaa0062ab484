import { Schema } from "effect"
import { PlaneId } from "./PlaneId.js"
import { JsonKey, JsonValue, Sha256Hex, Text, Version } from "./primitives.js"

/** The operating systems an intent can target. */
export const Platform = Schema.Literal("windows", "macos", "linux").annotations({ identifier: "Platform" })
/** The operating systems an intent can target. */
export type Platform = typeof Platform.Type

/** Processor architectures an installer supports. */
export const Architecture = Schema.Literal("x64", "x86", "arm64", "neutral").annotations({
  identifier: "Architecture"
})
/** Processor architectures an installer supports. */
export type Architecture = typeof Architecture.Type

/** The installer file to deliver: where to fetch it and what it must hash to. */
export const Artifact = Schema.Struct({
  location: Text(2048).pipe(
    Schema.pattern(/^(https?|file|s3):\/\/\S+$/, { message: () => "must be an https, http, file or s3 URL" })
  ),
  sha256: Sha256Hex,
  size: Schema.Int.pipe(Schema.positive({ message: () => "must be a positive whole number of bytes" })),
  fileName: Text(255).pipe(
    Schema.pattern(/^[^/\\:*?"<>|]+$/, { message: () => "must be a bare file name without path separators" })
  )
}).annotations({ identifier: "Artifact" })
/** The installer file to deliver. */
export type Artifact = typeof Artifact.Type

const Comparison = Schema.Literal(
  "equal",
  "notEqual",
  "greaterThan",
  "greaterThanOrEqual",
  "lessThan",
  "lessThanOrEqual"
)

/** How a plane tells that the package is installed on a device. */
export const DetectionRule = Schema.Union(
  Schema.TaggedStruct("msi", {
    productCode: Schema.String.pipe(
      Schema.pattern(/^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/, {
        message: () => "must be an MSI product code such as {12345678-1234-1234-1234-123456789ABC}"
      })
    ),
    productVersion: Schema.optional(Version)
  }),
  Schema.TaggedStruct("file", {
    path: Text(1024),
    name: Text(255),
    check: Schema.Literal("exists", "version"),
    operator: Schema.optional(Comparison),
    value: Schema.optional(Text(256))
  }),
  Schema.TaggedStruct("registry", {
    keyPath: Text(1024),
    valueName: Schema.optional(Text(256)),
    check: Schema.Literal("exists", "string", "version", "integer"),
    operator: Schema.optional(Comparison),
    value: Schema.optional(Text(256))
  }),
  Schema.TaggedStruct("script", {
    script: Text(65_536),
    runAs32Bit: Schema.optional(Schema.Boolean)
  }),
  // Linux and macOS: the package manager's own record (dpkg, rpm, pkgutil receipt) of name and version.
  Schema.TaggedStruct("package", {
    packageName: Text(256),
    version: Schema.optional(Version)
  })
).annotations({ identifier: "DetectionRule" })
/** How a plane tells that the package is installed on a device. */
export type DetectionRule = typeof DetectionRule.Type

/** What an installer's exit code means. */
export const ReturnCode = Schema.Struct({
  code: Schema.Int,
  type: Schema.Literal("success", "softReboot", "hardReboot", "retry", "failed")
}).annotations({ identifier: "ReturnCode" })
/** What an installer's exit code means. */
export type ReturnCode = typeof ReturnCode.Type

/** Free-form per-plane settings an adapter validates itself (an Intune category, a Jamf category id...). */
export const PlaneHints = Schema.partial(
  Schema.Record({ key: PlaneId, value: Schema.Record({ key: JsonKey, value: JsonValue }) })
).annotations({ identifier: "PlaneHints" })
/** Free-form per-plane settings. */
export type PlaneHints = typeof PlaneHints.Type

/** A package to make available on the planes: plane-neutral, and the source of its idempotency key. */
export const PackageIntent = Schema.Struct({
  name: Text(256),
  version: Version,
  publisher: Text(256),
  description: Schema.optional(Text(4000)),
  platform: Platform,
  architecture: Schema.optionalWith(Architecture, { default: () => "neutral" as const }),
  minimumOsVersion: Schema.optional(Text(64)),
  artifact: Artifact,
  installCommand: Text(1024),
  uninstallCommand: Text(1024),
  detection: Schema.NonEmptyArray(DetectionRule),
  returnCodes: Schema.optional(Schema.Array(ReturnCode)),
  runAs: Schema.optionalWith(Schema.Literal("system", "user"), { default: () => "system" as const }),
  restart: Schema.optionalWith(Schema.Literal("allow", "suppress", "force", "basedOnReturnCode"), {
    default: () => "basedOnReturnCode" as const
  }),
  hints: Schema.optional(PlaneHints)
}).annotations({ identifier: "PackageIntent" })
/** A decoded package intent. */
export type PackageIntent = typeof PackageIntent.Type
/** A package intent as JSON, before decoding. */
export type PackageIntentInput = typeof PackageIntent.Encoded

/** The exit codes an installer is taken to mean when the intent names none (Windows Installer's). */
export const defaultReturnCodes: ReadonlyArray<ReturnCode> = [
  { code: 0, type: "success" },
  { code: 1707, type: "success" },
  { code: 3010, type: "softReboot" },
  { code: 1641, type: "hardReboot" },
  { code: 1618, type: "retry" }
]

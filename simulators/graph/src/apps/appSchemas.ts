import { Schema } from "effect"

const opt = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })
const nullableString = opt(Schema.NullOr(Schema.String))
const nullableInt = opt(Schema.NullOr(Schema.Int))
const nullableBoolean = opt(Schema.NullOr(Schema.Boolean))
const anyFields = Schema.Record({ key: Schema.String, value: Schema.Unknown })

const architectures = Schema.String.pipe(
  Schema.pattern(/^\s*(none|x86|x64|arm|neutral|arm64)(\s*,\s*(none|x86|x64|arm|neutral|arm64))*\s*$/, {
    message: () => "expected a comma-separated set of none, x86, x64, arm, neutral, arm64"
  })
)

/** The OData type of a Win32 app, with or without the leading `#`. */
export const Win32Type = Schema.Literal("#microsoft.graph.win32LobApp", "microsoft.graph.win32LobApp")

/** A win32LobApp rule (detection or requirement); concrete rule fields are kept as sent. */
export const Win32Rule = Schema.Struct(
  { "@odata.type": Schema.String, ruleType: Schema.Literal("detection", "requirement") },
  anyFields
)

/** A win32LobApp return code. */
export const Win32ReturnCode = Schema.Struct({
  "@odata.type": opt(Schema.String),
  returnCode: Schema.Int,
  type: Schema.Literal("failed", "success", "softReboot", "hardReboot", "retry")
})

/** How the installer runs. */
export const Win32InstallExperience = Schema.Struct({
  "@odata.type": opt(Schema.String),
  runAsAccount: Schema.Literal("system", "user"),
  deviceRestartBehavior: Schema.Literal("basedOnReturnCode", "allow", "suppress", "force"),
  maxRunTimeInMinutes: nullableInt
})

const v10Fields = {
  "@odata.type": opt(Win32Type),
  // Server-managed fields: accepted (the documented create example sends some) and ignored.
  id: nullableString,
  createdDateTime: nullableString,
  lastModifiedDateTime: nullableString,
  publishingState: nullableString,
  displayName: nullableString,
  description: nullableString,
  publisher: nullableString,
  largeIcon: opt(
    Schema.NullOr(
      Schema.Struct({ "@odata.type": opt(Schema.String), type: nullableString, value: nullableString })
    )
  ),
  isFeatured: nullableBoolean,
  privacyInformationUrl: nullableString,
  informationUrl: nullableString,
  owner: nullableString,
  developer: nullableString,
  notes: nullableString,
  committedContentVersion: nullableString,
  fileName: nullableString,
  size: opt(Schema.NullOr(Schema.Number)),
  installCommandLine: nullableString,
  uninstallCommandLine: nullableString,
  applicableArchitectures: opt(Schema.NullOr(architectures)),
  allowedArchitectures: opt(Schema.NullOr(architectures)),
  minimumFreeDiskSpaceInMB: nullableInt,
  minimumMemoryInMB: nullableInt,
  minimumNumberOfProcessors: nullableInt,
  minimumCpuSpeedInMHz: nullableInt,
  rules: opt(Schema.NullOr(Schema.Array(Win32Rule))),
  installExperience: opt(Schema.NullOr(Win32InstallExperience)),
  returnCodes: opt(Schema.NullOr(Schema.Array(Win32ReturnCode))),
  msiInformation: opt(Schema.NullOr(anyFields)),
  setupFilePath: nullableString,
  minimumSupportedWindowsRelease: nullableString
}

const betaFields = {
  ...v10Fields,
  displayVersion: nullableString,
  detectionRules: opt(
    Schema.NullOr(Schema.Array(Schema.Struct({ "@odata.type": Schema.String }, anyFields)))
  ),
  requirementRules: opt(
    Schema.NullOr(Schema.Array(Schema.Struct({ "@odata.type": Schema.String }, anyFields)))
  ),
  allowAvailableUninstall: nullableBoolean,
  minimumSupportedOperatingSystem: opt(Schema.NullOr(anyFields)),
  roleScopeTagIds: opt(Schema.NullOr(Schema.Array(Schema.String))),
  // Read-only counters and flags beta returns; accepted and ignored.
  isAssigned: nullableBoolean,
  dependentAppCount: nullableInt,
  supersedingAppCount: nullableInt,
  supersededAppCount: nullableInt,
  uploadState: nullableInt
}

/** A win32LobApp body as v1.0 accepts it (create and PATCH; beta-only properties are unknown here). */
export const Win32AppV10 = Schema.Struct(v10Fields)

/** A win32LobApp body as beta accepts it. */
export const Win32AppBeta = Schema.Struct(betaFields)

/** A decoded win32LobApp body of either version. */
export type Win32AppBody = typeof Win32AppBeta.Type

/** Properties the server owns: never stored from a request body. */
export const serverManagedProperties: ReadonlySet<string> = new Set([
  "@odata.type",
  "id",
  "createdDateTime",
  "lastModifiedDateTime",
  "publishingState",
  "committedContentVersion",
  "isAssigned",
  "dependentAppCount",
  "supersedingAppCount",
  "supersededAppCount",
  "uploadState"
])

/** Properties a create must carry (Intune rejects a Win32 app without them). */
export const requiredOnCreate: readonly string[] = [
  "displayName",
  "publisher",
  "fileName",
  "setupFilePath",
  "installCommandLine",
  "uninstallCommandLine",
  "installExperience"
]

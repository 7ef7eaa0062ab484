import type { DetectionRule } from "@planes/core"
import { guidFor } from "./guid.js"
import { attributesOf, element } from "./xml.js"

// How an intent's detection rules become a deployment type's DetectAction: either one script
// (ScriptBody, PowerShell) or an enhanced detection method (MSI product codes, files, registry values,
// all of which must hold) serialised into the MethodBody argument, as the console's serializer does.

const appMgmt = "http://schemas.microsoft.com/SystemCenterConfigurationManager/2009/AppMgmtDigest"
const desiredConfiguration =
  "http://schemas.microsoft.com/SystemCenterConfigurationManager/2009/07/10/DesiredConfiguration"
const rulesNamespace =
  "http://schemas.microsoft.com/SystemsCenterConfigurationManager/2009/07/10/DesiredConfiguration"

/** The DetectAction a deployment type gets. */
export type Detection =
  | { readonly _tag: "Enhanced"; readonly methodBody: string }
  | { readonly _tag: "Script"; readonly script: string; readonly runAs32Bit: boolean }

/** A rule that cannot be expressed, by its index in the intent. */
export interface DetectionProblem {
  readonly index: number
  readonly reason: string
}

/** Where the deployment type lives: setting references name it. */
export interface DetectionScope {
  readonly authoringScopeId: string
  readonly deploymentTypeName: string
}

const operators = {
  equal: "Equals",
  notEqual: "NotEquals",
  greaterThan: "GreaterThan",
  greaterThanOrEqual: "GreaterEquals",
  lessThan: "LessThan",
  lessThanOrEqual: "LessEquals"
} as const

const hives: Readonly<Record<string, string>> = {
  HKLM: "HKEY_LOCAL_MACHINE",
  HKEY_LOCAL_MACHINE: "HKEY_LOCAL_MACHINE",
  HKCU: "HKEY_CURRENT_USER",
  HKEY_CURRENT_USER: "HKEY_CURRENT_USER",
  HKCR: "HKEY_CLASSES_ROOT",
  HKEY_CLASSES_ROOT: "HKEY_CLASSES_ROOT",
  HKU: "HKEY_USERS",
  HKEY_USERS: "HKEY_USERS"
}

/** Splits `HKLM\SOFTWARE\Contoso` into hive and key, or undefined for an unknown hive. */
export const splitRegistryPath = (path: string): { hive: string; key: string } | undefined => {
  const [head = "", ...rest] = path.split("\\")
  const hive = hives[head.toUpperCase()]
  return hive === undefined ? undefined : { hive, key: rest.join("\\") }
}

interface Setting {
  readonly xml: string
  readonly expression: string
}

const reference = (
  scope: DetectionScope,
  setting: string,
  source: string,
  dataType: string,
  method: "Count" | "Value",
  propertyPath?: string
) =>
  `<SettingReference${attributesOf({
    AuthoringScopeId: scope.authoringScopeId,
    LogicalName: scope.deploymentTypeName,
    Version: "1",
    DataType: dataType,
    SettingLogicalName: setting,
    SettingSourceType: source,
    Method: method,
    ...(propertyPath !== undefined && { PropertyPath: propertyPath }),
    Changeable: "false"
  })}/>`

const exists = (ref: string) =>
  `<Expression><Operator>NotEquals</Operator><Operands>${ref}<ConstantValue Value="0" DataType="Int64"/></Operands></Expression>`

const compare = (operator: string, ref: string, value: string, dataType: string) =>
  `<Expression><Operator>${operator}</Operator><Operands>${ref}<ConstantValue${attributesOf({ Value: value, DataType: dataType })}/></Operands></Expression>`

const registryType = { string: "String", version: "Version", integer: "Int64" } as const

const settingOf = (
  rule: Exclude<DetectionRule, { _tag: "script" } | { _tag: "package" }>,
  name: string,
  scope: DetectionScope
): Setting | string => {
  switch (rule._tag) {
    case "msi": {
      const xml = `<MSI${attributesOf({ xmlns: desiredConfiguration, LogicalName: name })}>${element("ProductCode", rule.productCode)}</MSI>`
      if (rule.productVersion === undefined)
        return { xml, expression: exists(reference(scope, name, "MSI", "Int64", "Count")) }
      const ref = reference(scope, name, "MSI", "Version", "Value", "ProductVersion")
      return { xml, expression: compare("GreaterEquals", ref, rule.productVersion, "Version") }
    }
    case "file": {
      const xml = `<File${attributesOf({ xmlns: desiredConfiguration, Is64Bit: "true", LogicalName: name })}>${element("Path", rule.path)}${element("Filter", rule.name)}</File>`
      if (rule.check === "exists")
        return { xml, expression: exists(reference(scope, name, "File", "Int64", "Count")) }
      if (rule.operator === undefined || rule.value === undefined)
        return "a file version check needs an operator and a value"
      const ref = reference(scope, name, "File", "Version", "Value", "Version")
      return { xml, expression: compare(operators[rule.operator], ref, rule.value, "Version") }
    }
    case "registry": {
      const path = splitRegistryPath(rule.keyPath)
      if (path === undefined) return `the registry path ${rule.keyPath} does not start with a known hive`
      const dataType = rule.check === "exists" ? "String" : registryType[rule.check]
      const source = `<RegistryDiscoverySource${attributesOf({
        Hive: path.hive,
        Depth: "Base",
        Is64Bit: "true",
        CreateMissingPath: "true"
      })}>${element("Key", path.key)}${rule.valueName === undefined ? "" : element("ValueName", rule.valueName)}</RegistryDiscoverySource>`
      const xml = `<SimpleSetting${attributesOf({ xmlns: desiredConfiguration, LogicalName: name, DataType: dataType })}>${source}</SimpleSetting>`
      if (rule.check === "exists")
        return { xml, expression: exists(reference(scope, name, "Registry", "Int64", "Count")) }
      if (rule.operator === undefined || rule.value === undefined)
        return `a registry ${rule.check} check needs an operator and a value`
      const ref = reference(scope, name, "Registry", dataType, "Value")
      return { xml, expression: compare(operators[rule.operator], ref, rule.value, dataType) }
    }
  }
}

const kindName = { msi: "MSI", file: "File", registry: "RegSetting" } as const

/**
 * The DetectAction for `rules`, or every rule that cannot be expressed. A script rule must stand alone
 * (Configuration Manager takes either a script or an enhanced detection method); `package` rules
 * (Linux/macOS package managers) have no Windows equivalent.
 */
export const detectionFor = (
  rules: ReadonlyArray<DetectionRule>,
  key: string,
  scope: DetectionScope
): Detection | { readonly _tag: "Problems"; readonly problems: ReadonlyArray<DetectionProblem> } => {
  const scripts = rules.flatMap((rule, index) => (rule._tag === "script" ? [{ rule, index }] : []))
  const [script] = scripts
  if (script !== undefined) {
    if (rules.length === 1)
      return { _tag: "Script", script: script.rule.script, runAs32Bit: script.rule.runAs32Bit ?? false }
    return {
      _tag: "Problems",
      problems: [{ index: script.index, reason: "a script detection rule must be the only rule" }]
    }
  }
  const problems: DetectionProblem[] = []
  const settings: Setting[] = []
  rules.forEach((rule, index) => {
    if (rule._tag === "package" || rule._tag === "script") {
      problems.push({ index, reason: "package-manager detection has no Configuration Manager equivalent" })
      return
    }
    const setting = settingOf(rule, `${kindName[rule._tag]}_${guidFor(key, `detection/${index}`)}`, scope)
    if (typeof setting === "string") problems.push({ index, reason: setting })
    else settings.push(setting)
  })
  if (problems.length > 0) return { _tag: "Problems", problems }
  const expression =
    settings.length === 1
      ? (settings[0]?.expression ?? "")
      : `<Expression><Operator>And</Operator><Operands>${settings.map((s) => s.expression).join("")}</Operands></Expression>`
  const methodBody = `<?xml version="1.0" encoding="utf-16"?><EnhancedDetectionMethod xmlns="${appMgmt}"><Settings xmlns="${appMgmt}">${settings.map((s) => s.xml).join("")}</Settings><Rule${attributesOf(
    {
      xmlns: rulesNamespace,
      id: `${scope.authoringScopeId}/${scope.deploymentTypeName}`,
      Severity: "Informational",
      NonCompliantWhenSettingIsNotFound: "false"
    }
  )}><Annotation><DisplayName Text=""/><Description Text=""/></Annotation>${expression}</Rule></EnhancedDetectionMethod>`
  return { _tag: "Enhanced", methodBody }
}

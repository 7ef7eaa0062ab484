import type { DetectionRule } from "@planes/core"

/** A Graph win32LobApp rule body (detection), as `rules[]` takes it in v1.0 and beta. */
export type Win32Rule = Readonly<Record<string, string | boolean | null>>

/** Where a detection rule has no Intune form (package-manager rules belong to Linux and macOS planes). */
export interface UnsupportedRule {
  readonly index: number
  readonly reason: string
}

const comparison = (operator: string | undefined) => operator ?? "notConfigured"

/** Maps one plane-neutral detection rule to Graph's rule body, or says why Intune cannot express it. */
export const win32DetectionRule = (rule: DetectionRule): Win32Rule | string => {
  switch (rule._tag) {
    case "msi":
      return {
        "@odata.type": "#microsoft.graph.win32LobAppProductCodeRule",
        ruleType: "detection",
        productCode: rule.productCode,
        productVersionOperator: rule.productVersion === undefined ? "notConfigured" : "equal",
        productVersion: rule.productVersion ?? null
      }
    case "file":
      return {
        "@odata.type": "#microsoft.graph.win32LobAppFileSystemRule",
        ruleType: "detection",
        path: rule.path,
        fileOrFolderName: rule.name,
        check32BitOn64System: false,
        operationType: rule.check,
        operator: comparison(rule.operator),
        comparisonValue: rule.value ?? null
      }
    case "registry":
      return {
        "@odata.type": "#microsoft.graph.win32LobAppRegistryRule",
        ruleType: "detection",
        check32BitOn64System: false,
        keyPath: rule.keyPath,
        valueName: rule.valueName ?? null,
        operationType: rule.check,
        operator: comparison(rule.operator),
        comparisonValue: rule.value ?? null
      }
    case "script":
      return {
        "@odata.type": "#microsoft.graph.win32LobAppPowerShellScriptRule",
        ruleType: "detection",
        displayName: null,
        enforceSignatureCheck: false,
        runAs32Bit: rule.runAs32Bit ?? false,
        runAsAccount: null,
        // Graph takes the script base64-encoded.
        scriptContent: Buffer.from(rule.script, "utf8").toString("base64"),
        operationType: "notConfigured",
        operator: "notConfigured",
        comparisonValue: null
      }
    case "package":
      return "a package-manager detection rule has no Win32 form on Intune; use msi, file, registry or script"
  }
}

/** Maps every detection rule, collecting the ones Intune cannot express. */
export const win32DetectionRules = (
  rules: ReadonlyArray<DetectionRule>
): { readonly rules: ReadonlyArray<Win32Rule>; readonly unsupported: ReadonlyArray<UnsupportedRule> } => {
  const mapped: Array<Win32Rule> = []
  const unsupported: Array<UnsupportedRule> = []
  rules.forEach((rule, index) => {
    const result = win32DetectionRule(rule)
    if (typeof result === "string") unsupported.push({ index, reason: result })
    else mapped.push(result)
  })
  return { rules: mapped, unsupported }
}

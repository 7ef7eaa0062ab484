import { defaultReturnCodes, type IntentKey, type PackageIntent } from "@planes/core"
import { type DetectionProblem, detectionFor } from "./detection.js"
import { guidFor } from "./guid.js"
import { describeWithKey } from "./keyText.js"
import { attributesOf, element } from "./xml.js"

/** The AppMgmtDigest namespace every SDMPackageXML declares. */
export const appMgmtNamespace =
  "http://schemas.microsoft.com/SystemCenterConfigurationManager/2009/AppMgmtDigest"

/** Where the application is authored and where its content is staged. */
export interface SdmContext {
  /** The site id (SMS_Identification.GetSiteID) without braces: the application's authoring scope. */
  readonly siteId: string
  /** The UNC folder holding the installer, as the site server reads it. */
  readonly contentLocation: string
}

/** Why an intent cannot become a Configuration Manager application. */
export type SdmMappingProblem =
  | { readonly _tag: "NotWindows"; readonly platform: string }
  | { readonly _tag: "UnsupportedDetection"; readonly problems: ReadonlyArray<DetectionProblem> }

/** The generated document and the names it gives the application. */
export interface SdmPackage {
  readonly xml: string
  /** `ScopeId_<site>/Application_<guid>`: the application's ModelName, stable across revisions. */
  readonly modelName: string
  readonly title: string
}

/** The application's title: name and version, so two versions of one package are told apart at a glance. */
export const applicationTitle = (intent: PackageIntent) => `${intent.name} ${intent.version}`

/** The content folder of an intent under a share: `<share>\<name>\<version>`, unsafe characters replaced. */
export const contentFolder = (share: string, intent: PackageIntent) => {
  const safe = (text: string) => text.replace(/[\\/:*?"<>|]/g, "_")
  return `${share.replace(/\\+$/, "")}\\${safe(intent.name)}\\${safe(intent.version)}`
}

const postInstallBehavior = {
  allow: "ProgramReboot",
  suppress: "NoAction",
  force: "ForceReboot",
  basedOnReturnCode: "BasedOnExitCode"
} as const

const exitCodeArgs = {
  success: "SuccessExitCodes",
  softReboot: "RebootExitCodes",
  hardReboot: "HardRebootExitCodes",
  retry: "FastRetryExitCodes"
} as const

const arg = (name: string, type: string, value: string) => element("Arg", value, { Name: name, Type: type })

const codesArg = (name: string, codes: ReadonlyArray<number>) =>
  `<Arg${attributesOf({ Name: name, Type: "Int32[]" })}>${codes.map((c) => `<Item>${c}</Item>`).join("")}</Arg>`

/**
 * The SDMPackageXML of an intent (facts §4.1): an application with one Script deployment type running
 * the intent's install and uninstall commands, its detection rules, exit codes and restart behaviour,
 * and the installer's content folder. Pure and deterministic: the logical names are derived from the
 * key, and the key is written into the application's description, where publishPackage looks for it.
 * Failure codes are not listed: Configuration Manager treats every exit code not listed as a failure.
 */
export const sdmPackageXml = (
  intent: PackageIntent,
  key: IntentKey,
  context: SdmContext
):
  | { readonly _tag: "Package"; readonly value: SdmPackage }
  | { readonly _tag: "Problem"; readonly problem: SdmMappingProblem } => {
  if (intent.platform !== "windows")
    return { _tag: "Problem", problem: { _tag: "NotWindows", platform: intent.platform } }
  const scope = `ScopeId_${context.siteId.replace(/[{}]/g, "").toUpperCase()}`
  const application = `Application_${guidFor(key, "application")}`
  const deploymentType = `DeploymentType_${guidFor(key, "deploymentType")}`
  const content = `Content_${guidFor(key, "content")}`
  const detect = detectionFor(intent.detection, key, {
    authoringScopeId: scope,
    deploymentTypeName: deploymentType
  })
  if (detect._tag === "Problems")
    return { _tag: "Problem", problem: { _tag: "UnsupportedDetection", problems: detect.problems } }
  const title = applicationTitle(intent)
  const context_ = intent.runAs === "user" ? "User" : "System"
  const codes = intent.returnCodes ?? defaultReturnCodes
  const codeArgs = Object.entries(exitCodeArgs)
    .map(([type, name]) =>
      codesArg(
        name,
        codes.filter((c) => c.type === type).map((c) => c.code)
      )
    )
    .join("")
  const detectAction =
    detect._tag === "Script"
      ? `<DetectAction><Provider>Script</Provider><Args>${arg("ExecutionContext", "String", context_)}${arg("ScriptType", "Int32", "0")}${arg("ScriptBody", "String", detect.script)}${arg("RunAs32Bit", "Boolean", String(detect.runAs32Bit))}</Args></DetectAction>`
      : `<DetectAction><Provider>Local</Provider><Args>${arg("ExecutionContext", "String", context_)}${arg("MethodBody", "String", detect.methodBody)}</Args></DetectAction>`
  const installArgs = [
    arg("InstallCommandLine", "String", intent.installCommand),
    arg("WorkingDirectory", "String", ""),
    arg("ExecutionContext", "String", context_),
    arg("RequiresLogOn", "String", ""),
    arg("RequiresElevatedRights", "Boolean", "false"),
    arg("RequiresUserInteraction", "Boolean", "false"),
    arg("RequiresReboot", "Boolean", String(intent.restart === "force")),
    arg("UserInteractionMode", "String", "Hidden"),
    arg("PostInstallBehavior", "String", postInstallBehavior[intent.restart]),
    arg("ExecuteTime", "Int32", "0"),
    arg("MaxExecuteTime", "Int32", "120"),
    arg("RunAs32Bit", "Boolean", String(intent.architecture === "x86")),
    codeArgs
  ].join("")
  const uninstallArgs = [
    arg("InstallCommandLine", "String", intent.uninstallCommand),
    arg("WorkingDirectory", "String", ""),
    arg("ExecutionContext", "String", context_),
    arg("RequiresElevatedRights", "Boolean", "false"),
    arg("RequiresUserInteraction", "Boolean", "false"),
    arg("RequiresReboot", "Boolean", "false"),
    arg("UserInteractionMode", "String", "Hidden"),
    arg("PostInstallBehavior", "String", postInstallBehavior[intent.restart]),
    arg("ExecuteTime", "Int32", "0"),
    arg("MaxExecuteTime", "Int32", "120"),
    arg("RunAs32Bit", "Boolean", String(intent.architecture === "x86")),
    codeArgs
  ].join("")
  const contents = `<Contents><Content${attributesOf({ ContentId: content, Version: "1" })}><File${attributesOf(
    {
      Name: intent.artifact.fileName,
      Size: String(intent.artifact.size)
    }
  )}/>${element("Location", `${context.contentLocation}\\`)}${element("PeerCache", "true")}${element("OnFastNetwork", "Download")}${element("OnSlowNetwork", "DoNothing")}</Content></Contents>`
  const dtRef = `<DeploymentType${attributesOf({ AuthoringScopeId: scope, LogicalName: deploymentType, Version: "1" })}/>`
  const description = describeWithKey(key, intent.description, 2048)
  const xml = [
    `<?xml version="1.0" encoding="utf-16"?>`,
    `<AppMgmtDigest${attributesOf({ xmlns: appMgmtNamespace, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance" })}>`,
    `<Application${attributesOf({ AuthoringScopeId: scope, LogicalName: application, Version: "1" })}>`,
    element("Description", description),
    `<DisplayInfo DefaultLanguage="en-US"><Info Language="en-US">${element("Title", title)}${element("Publisher", intent.publisher)}${element("Version", intent.version)}${element("Description", intent.description ?? "")}</Info></DisplayInfo>`,
    `<DeploymentTypes>${dtRef}</DeploymentTypes>`,
    element("Title", title, { ResourceId: `Res_${guidFor(key, "title")}` }),
    element("Publisher", intent.publisher),
    element("SoftwareVersion", intent.version),
    `</Application>`,
    `<DeploymentType${attributesOf({ AuthoringScopeId: scope, LogicalName: deploymentType, Version: "1" })}>`,
    element("Title", `${title} (script)`, { ResourceId: `Res_${guidFor(key, "deploymentTypeTitle")}` }),
    element("DeploymentTechnology", "GLOBAL/ScriptDeploymentTechnology"),
    element("Technology", "Script"),
    element("Hosting", "Native"),
    `<Installer Technology="Script">`,
    detectAction,
    `<InstallAction><Provider>Script</Provider><Args>${installArgs}</Args></InstallAction>`,
    `<UninstallAction><Provider>Script</Provider><Args>${uninstallArgs}</Args></UninstallAction>`,
    contents,
    `</Installer>`,
    `</DeploymentType>`,
    `</AppMgmtDigest>`
  ].join("")
  return { _tag: "Package", value: { xml, modelName: `${scope}/${application}`, title } }
}

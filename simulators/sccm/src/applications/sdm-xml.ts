import { XMLParser, XMLValidator } from "fast-xml-parser"

/** The AppMgmtDigest namespace every SDMPackageXML declares. */
export const APP_MGMT_NAMESPACE =
  "http://schemas.microsoft.com/SystemCenterConfigurationManager/2009/AppMgmtDigest"

/** What the simulator reads out of a valid SDMPackageXML. */
export interface SdmApplication {
  readonly authoringScopeId: string
  readonly logicalName: string
  readonly title: string
  readonly description: string
  readonly publisher: string
  readonly softwareVersion: string
  readonly deploymentTypes: readonly SdmDeploymentType[]
}

/** One deployment type of the application. */
export interface SdmDeploymentType {
  readonly logicalName: string
  readonly title: string
  readonly technology: string
  readonly installCommandLine: string
  readonly uninstallCommandLine: string
  readonly hasContent: boolean
}

/** Why an SDMPackageXML was refused. */
export type SdmResult =
  | { readonly ok: true; readonly app: SdmApplication }
  | { readonly ok: false; readonly problem: string }

type Node = Record<string, unknown>

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  // Elements that may repeat are always arrays, so lookups do not depend on how many there are.
  isArray: (name) => ["DeploymentType", "Arg", "Title", "Info", "Content", "File"].includes(name)
})

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v)
const child = (node: unknown, name: string): unknown => (isNode(node) ? node[name] : undefined)
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v)
const text = (v: unknown): string => {
  const f = first(v)
  if (typeof f === "string") return f.trim()
  const t = child(f, "#text")
  return typeof t === "string" ? t.trim() : ""
}
const attr = (node: unknown, name: string): string => {
  const v = child(node, `@${name}`)
  return typeof v === "string" ? v : ""
}

const args = (action: unknown): Map<string, string> => {
  const list = child(child(action, "Args"), "Arg")
  const out = new Map<string, string>()
  if (Array.isArray(list)) for (const arg of list) out.set(attr(arg, "Name").toLowerCase(), text(arg))
  return out
}

const parseDeploymentType = (dt: unknown, index: number): SdmDeploymentType | string => {
  const where = `DeploymentType ${index + 1}`
  const logicalName = attr(dt, "LogicalName")
  if (!/^DeploymentType_[0-9a-fA-F-]{36}$/.test(logicalName)) {
    return `${where}: LogicalName must be DeploymentType_<guid>.`
  }
  const installer = child(dt, "Installer")
  const technology = text(child(dt, "Technology")) || attr(installer, "Technology")
  if (technology !== "Script" && technology !== "MSI") {
    return `${where}: Technology must be Script or MSI (found '${technology}').`
  }
  if (!isNode(installer)) return `${where}: Installer is missing.`
  const detect = child(installer, "DetectAction")
  if (!isNode(detect)) return `${where}: Installer/DetectAction (detection method) is missing.`
  const detectArgs = args(detect)
  const provider = text(child(detect, "Provider"))
  const method =
    detectArgs.get("methodbody") ?? detectArgs.get("scriptbody") ?? detectArgs.get("productcode") ?? ""
  if (provider === "" || method === "") {
    return `${where}: the detection method needs a Provider and a MethodBody, ScriptBody or ProductCode.`
  }
  const install = args(child(installer, "InstallAction")).get("installcommandline") ?? ""
  if (install === "") return `${where}: InstallAction needs an InstallCommandLine.`
  const uninstallArgs = args(child(installer, "UninstallAction"))
  const uninstall = uninstallArgs.get("installcommandline") ?? uninstallArgs.get("uninstallcommandline") ?? ""
  if (uninstall === "") return `${where}: UninstallAction needs an uninstall command line.`
  const contents = child(child(installer, "Contents"), "Content")
  return {
    logicalName,
    title: text(child(dt, "Title")),
    technology,
    installCommandLine: install,
    uninstallCommandLine: uninstall,
    hasContent: Array.isArray(contents) && contents.length > 0
  }
}

/**
 * Parses and validates an SDMPackageXML the way the SMS Provider's deserializer would refuse it:
 * well-formed XML, the AppMgmtDigest namespace, an Application with scope, `Application_<guid>` logical
 * name and a title, and at least one Script or MSI deployment type with install and uninstall command
 * lines and a detection method, each referenced from the Application's DeploymentTypes.
 */
export const parseSdmPackageXml = (xml: string): SdmResult => {
  const fail = (problem: string): SdmResult => ({ ok: false, problem })
  // The console serializer declares encoding="utf-16" while the JSON carries UTF-8 text; accept both.
  const body = xml.replace(/^\uFEFF/, "")
  if (XMLValidator.validate(body) !== true) return fail("SDMPackageXML is not well-formed XML.")
  const doc: unknown = parser.parse(body)
  const root = child(doc, "AppMgmtDigest")
  if (root === undefined) return fail("The root element must be AppMgmtDigest.")
  // An empty <AppMgmtDigest/> parses to a string; it is a digest without children.
  const digest = isNode(root) ? root : {}
  // The parser drops namespace declarations, so the default namespace is read from the root tag.
  const declared = /<(?:\w+:)?AppMgmtDigest\b[^>]*?\sxmlns="([^"]*)"/.exec(body)?.[1]
  if (declared !== APP_MGMT_NAMESPACE)
    return fail(`AppMgmtDigest must declare xmlns="${APP_MGMT_NAMESPACE}".`)
  const app = child(digest, "Application")
  if (!isNode(app)) return fail("AppMgmtDigest must contain an Application.")
  const authoringScopeId = attr(app, "AuthoringScopeId")
  const logicalName = attr(app, "LogicalName")
  if (!/^ScopeId_[0-9A-Fa-f-]{36}$/.test(authoringScopeId)) {
    return fail("Application AuthoringScopeId must be ScopeId_<site id>.")
  }
  if (!/^Application_[0-9a-fA-F-]{36}$/.test(logicalName))
    return fail("Application LogicalName must be Application_<guid>.")
  const info = first(child(child(app, "DisplayInfo"), "Info"))
  const title = text(child(info, "Title")) || text(child(app, "Title"))
  if (title === "") return fail("Application needs a Title (DisplayInfo/Info/Title).")
  const rawTypes = child(digest, "DeploymentType")
  if (!Array.isArray(rawTypes) || rawTypes.length === 0)
    return fail("AppMgmtDigest needs at least one DeploymentType.")
  const deploymentTypes: SdmDeploymentType[] = []
  for (const [i, dt] of rawTypes.entries()) {
    const parsed = parseDeploymentType(dt, i)
    if (typeof parsed === "string") return fail(parsed)
    deploymentTypes.push(parsed)
  }
  const refs = child(child(app, "DeploymentTypes"), "DeploymentType")
  const referenced = new Set(Array.isArray(refs) ? refs.map((r) => attr(r, "LogicalName")) : [])
  const missing = deploymentTypes.find((dt) => !referenced.has(dt.logicalName))
  if (missing !== undefined)
    return fail(`Application/DeploymentTypes does not reference ${missing.logicalName}.`)
  return {
    ok: true,
    app: {
      authoringScopeId,
      logicalName,
      title,
      description: text(child(app, "Description")) || text(child(info, "Description")),
      publisher: text(child(info, "Publisher")) || text(child(app, "Publisher")),
      softwareVersion: text(child(app, "SoftwareVersion")) || text(child(info, "SoftwareVersion")),
      deploymentTypes
    }
  }
}

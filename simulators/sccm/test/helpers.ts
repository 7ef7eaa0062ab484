import { readdirSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { createSccmSimulator, type SccmSimulator, type SccmSimulatorOptions } from "../src/index.js"
import { type Credentials, parseType2, tokenOf, type1, type3 } from "./ntlm-client.js"

export const START = Date.parse("2030-01-01T00:00:00Z")
export const ADMIN: Credentials = { domain: "CONTOSO", user: "cm-admin", password: "P@ssw0rd!" }
export const BASE = "http://cm01.contoso.com"

export const EXAMPLES_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../../contracts/vendor-examples/sccm"
)
export const example = (name: string): unknown => JSON.parse(readFileSync(join(EXAMPLES_DIR, name), "utf8"))
export const exampleFiles = (): string[] => readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".json"))

export type Json = Record<string, unknown>

/** A test harness: the simulator with a frozen clock, and an in-process NTLM-authenticated connection. */
export interface Harness {
  readonly sim: SccmSimulator
  readonly connection: string
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>
  get(path: string): Promise<Json>
  post(path: string, body: unknown): Promise<Response>
  advance(ms: number): void
  admin(method: string, path: string, body?: unknown): Promise<Response>
}

let connections = 0

/** Runs the NTLM handshake in-process on pseudo-connection `connection`; returns the final response. */
export const ntlmLogin = async (
  sim: SccmSimulator,
  connection: string,
  creds: Credentials,
  path = "/AdminService/v1.0/$metadata"
) => {
  const headers = { "x-sim-connection": connection }
  const first = await sim.app.request(`${BASE}${path}`, {
    headers: { ...headers, authorization: `NTLM ${type1().toString("base64")}` }
  })
  const t2 = parseType2(tokenOf(first.headers.get("www-authenticate"), "NTLM"))
  return sim.app.request(`${BASE}${path}`, {
    headers: { ...headers, authorization: `NTLM ${type3(t2, creds).toString("base64")}` }
  })
}

export const harness = async (
  options: SccmSimulatorOptions = {},
  creds: Credentials = ADMIN
): Promise<Harness> => {
  const sim = createSccmSimulator({ seed: 42, clock: { start: START, frozen: true }, ...options })
  const connection = `c${++connections}`
  await ntlmLogin(sim, connection, creds, "/AdminService/v1.0/$metadata")
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    await sim.app.request(`${BASE}${path}`, {
      method,
      headers: { "x-sim-connection": connection, "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) })
    })
  return {
    sim,
    connection,
    call,
    get: async (path) => (await (await call("GET", path)).json()) as Json,
    post: (path, body) => call("POST", path, body),
    advance: (ms) => sim.kit.clock.advance(ms),
    admin: async (method, path, body) =>
      await sim.app.request(`${BASE}${path}`, {
        method,
        headers: { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })
  }
}

/** `value` of an AdminService collection answer. */
export const rowsOf = (json: Json): Json[] => {
  const value = json.value
  if (!Array.isArray(value)) throw new Error(`no value[] in ${JSON.stringify(json)}`)
  return value as Json[]
}

const guid = (n: number) => `${String(n).padStart(8, "0")}-1111-2222-3333-444444444444`
export const SCOPE = "ScopeId_11111111-2222-3333-4444-555555555555"

/** A valid SDMPackageXML for a script deployment type (what the adapter will generate). */
export const sdmXml = (
  o: {
    title?: string
    description?: string
    version?: string
    n?: number
    omit?: "detect" | "install" | "uninstall" | "ref" | "title"
  } = {}
): string => {
  const n = o.n ?? 1
  const app = `Application_${guid(n)}`
  const dt = `DeploymentType_${guid(n + 1000)}`
  const detect =
    o.omit === "detect"
      ? ""
      : `<DetectAction><Provider>Local</Provider><Args><Arg Name="ExecutionContext" Type="String">System</Arg><Arg Name="MethodBody" Type="String">&lt;EnhancedDetectionMethod/&gt;</Arg></Args></DetectAction>`
  const install =
    o.omit === "install"
      ? ""
      : `<InstallAction><Provider>Script</Provider><Args><Arg Name="InstallCommandLine" Type="String">install.cmd</Arg><Arg Name="ExecutionContext" Type="String">System</Arg></Args></InstallAction>`
  const uninstall =
    o.omit === "uninstall"
      ? ""
      : `<UninstallAction><Provider>Script</Provider><Args><Arg Name="InstallCommandLine" Type="String">uninstall.cmd</Arg></Args></UninstallAction>`
  const title = o.omit === "title" ? "" : `<Title>${o.title ?? "Contoso App"}</Title>`
  const ref =
    o.omit === "ref" ? "" : `<DeploymentType AuthoringScopeId="${SCOPE}" LogicalName="${dt}" Version="1"/>`
  return `<?xml version="1.0" encoding="utf-16"?><AppMgmtDigest xmlns="http://schemas.microsoft.com/SystemCenterConfigurationManager/2009/AppMgmtDigest" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Application AuthoringScopeId="${SCOPE}" LogicalName="${app}" Version="1"><Description>${o.description ?? ""}</Description><DisplayInfo DefaultLanguage="en-US"><Info Language="en-US">${title}<Publisher>Contoso</Publisher></Info></DisplayInfo><DeploymentTypes>${ref}</DeploymentTypes><SoftwareVersion>${o.version ?? "1.2.3"}</SoftwareVersion></Application><DeploymentType AuthoringScopeId="${SCOPE}" LogicalName="${dt}" Version="1"><Title>Install</Title><DeploymentTechnology>GLOBAL/ScriptDeploymentTechnology</DeploymentTechnology><Technology>Script</Technology><Hosting>Native</Hosting><Installer Technology="Script">${detect}${install}${uninstall}<Contents><Content ContentId="Content_${guid(n + 2000)}" Version="1"><Location>\\\\server\\share\\app</Location></Content></Contents></Installer></DeploymentType></AppMgmtDigest>`
}

/** Creates an application and returns its created row. */
export const createApp = async (h: Harness, o: Parameters<typeof sdmXml>[0] = {}): Promise<Json> => {
  const res = await h.post("/AdminService/wmi/SMS_Application", { SDMPackageXML: sdmXml(o) })
  if (res.status !== 201) throw new Error(`create app: ${res.status} ${await res.text()}`)
  return (await res.json()) as Json
}

/** Creates a device collection limited to All Systems with a query rule, and lets it evaluate. */
export const createCollection = async (h: Harness, name: string, query?: string): Promise<string> => {
  const res = await h.post("/AdminService/wmi/SMS_Collection", {
    Name: name,
    CollectionType: 2,
    LimitToCollectionID: "SMS00001",
    Comment: ""
  })
  const id = String(((await res.json()) as Json).CollectionID)
  if (query !== undefined) {
    await h.post(`/AdminService/wmi/SMS_Collection('${id}')/AdminService.AddMembershipRule`, {
      collectionRule: {
        "@odata.type": "#AdminService.SMS_CollectionRuleQuery",
        RuleName: "q",
        QueryExpression: query
      }
    })
  }
  return id
}

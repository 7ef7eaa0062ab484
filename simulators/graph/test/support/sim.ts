import { createGraphSimulator, type GraphSimulatorOptions } from "../../src/index.js"

/** Simulated start instant of every test. */
export const START = Date.parse("2026-11-25T12:00:00Z")
/** Tenant and client the helpers use. */
export const TENANT = "tenant-a"
export const CLIENT_ID = "client-a"
/** A test-only secret value (not a credential anywhere). */
export const SECRET = "test-secret-value"

/** A simulator on a frozen clock with one client (secret) in TENANT, no delays unless given. */
export const makeSim = (options: GraphSimulatorOptions = {}) => {
  const sim = createGraphSimulator({
    seed: 7,
    clock: { start: START, frozen: true },
    defaultTenant: TENANT,
    clients: [{ tenant: TENANT, clientId: CLIENT_ID, secret: SECRET }],
    fleet: { size: 40 },
    throttle: { enabled: false },
    ...options
  })
  return sim
}

/** A simulator plus request helpers. */
export type Sim = ReturnType<typeof makeSim>

/** Options of one request. */
export interface CallOptions {
  readonly token?: string
  readonly body?: unknown
  readonly headers?: Record<string, string>
}

/** Sends a request in-process; JSON bodies are serialised, strings and bytes sent as they are. */
export const call = (sim: Sim, method: string, path: string, options: CallOptions = {}) => {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
  let body: BodyInit | undefined
  if (typeof options.body === "string" || options.body instanceof Uint8Array) {
    body = typeof options.body === "string" ? options.body : Buffer.from(options.body)
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    headers["content-type"] = "application/json"
  }
  const url = path.startsWith("http") ? path : `http://localhost${path}`
  return sim.app.request(url, { method, headers, ...(body === undefined ? {} : { body }) })
}

/** Reads a JSON object body. */
export const json = async (res: Response): Promise<Record<string, unknown>> => {
  const value: unknown = JSON.parse(await res.text())
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error("expected a JSON object")
  return Object.fromEntries(Object.entries(value))
}

/** A field of a JSON object that must itself be an object. */
export const obj = (value: unknown): Record<string, unknown> => {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error("expected an object")
  return Object.fromEntries(Object.entries(value))
}

/** A field that must be an array. */
export const arr = (value: unknown): unknown[] => {
  if (!Array.isArray(value)) throw new Error("expected an array")
  return value
}

/** A token for the test client through the real token endpoint. */
export const tokenFor = async (
  sim: Sim,
  tenant = TENANT,
  clientId = CLIENT_ID,
  secret = SECRET
): Promise<string> => {
  const res = await call(sim, "POST", `/${tenant}/oauth2/v2.0/token`, {
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: secret,
      scope: "https://graph.microsoft.com/.default"
    }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" }
  })
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`)
  return String((await json(res)).access_token)
}

/** Sends an admin request. */
export const admin = (sim: Sim, method: string, path: string, body?: unknown) =>
  call(sim, method, `/_sim${path}`, body === undefined ? {} : { body })

/** Moves the simulated clock forward. */
export const advance = (sim: Sim, ms: number) => sim.kit.clock.advance(ms)

/** A valid v1.0 win32LobApp create body. */
export const appBody = (overrides: Record<string, unknown> = {}) => ({
  "@odata.type": "#microsoft.graph.win32LobApp",
  displayName: "7-Zip 24.08",
  publisher: "Igor Pavlov",
  notes: "key=test-1",
  fileName: "IntunePackage.intunewin",
  setupFilePath: "7z.msi",
  installCommandLine: "msiexec /i 7z.msi /qn",
  uninstallCommandLine: "msiexec /x {X} /qn",
  applicableArchitectures: "x64",
  installExperience: { runAsAccount: "system", deviceRestartBehavior: "suppress" },
  returnCodes: [{ returnCode: 0, type: "success" }],
  rules: [
    {
      "@odata.type": "#microsoft.graph.win32LobAppFileSystemRule",
      ruleType: "detection",
      path: "C:\\Program Files\\7-Zip",
      fileOrFolderName: "7z.exe",
      operationType: "exists"
    }
  ],
  minimumSupportedWindowsRelease: "22H2",
  ...overrides
})

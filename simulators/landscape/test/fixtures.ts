import { createHmac } from "node:crypto"
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { createLandscapeSimulator, type LandscapeSimulatorOptions } from "../src/index.js"

/** Where the vendor examples live in the repo, relative to this file. */
export const EXAMPLES = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../../contracts/vendor-examples/landscape"
)

/** Reads one vendor example as text. */
export const example = (name: string): string => readFileSync(join(EXAMPLES, name), "utf8")

/** The simulated start instant of every test. */
export const T0 = Date.UTC(2025, 0, 1, 0, 0, 0)

/** Test users (fake credentials; not real keys). */
export const ADMIN = {
  email: "jane@example.com",
  name: "Jane Doe",
  password: "jane-pwd",
  accessKey: "AKTESTADMIN000000001",
  secretKey: "test-secret-admin-0000000000000000000001",
  accounts: ["standalone", "upside"] as [string, ...string[]],
  role: "admin" as const
}
export const AUDITOR = {
  email: "audrey@example.com",
  name: "Audrey Auditor",
  password: "audrey-pwd",
  accessKey: "AKTESTAUDITOR0000001",
  secretKey: "test-secret-auditor-00000000000000000001",
  accounts: ["standalone"] as [string, ...string[]],
  role: "auditor" as const
}

/** A simulator on a frozen clock at T0 with seed 42, both users and a 12-computer fleet. */
export const makeSim = (options: LandscapeSimulatorOptions = {}) =>
  createLandscapeSimulator({
    seed: 42,
    clock: { start: T0, frozen: true },
    fleetSize: 12,
    users: [ADMIN, AUDITOR],
    ...options
  })

/** A simulator. */
export type Sim = ReturnType<typeof makeSim>

// An independent implementation of the version-2 signature (not the simulator's), so tests cross-check.
const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)

/** The string to sign, computed by the test's own implementation. */
export const testStringToSign = (method: string, host: string, path: string, params: [string, string][]) =>
  [
    method,
    host,
    path,
    params
      .filter(([k]) => k !== "signature")
      .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
      .map(([k, v]) => `${enc(k)}=${enc(v)}`)
      .join("&")
  ].join("\n")

/** Options of a signed legacy call. */
export interface SignedOptions {
  readonly method?: "GET" | "POST"
  readonly user?: { accessKey: string; secretKey: string }
  readonly timestamp?: string
  readonly version?: string | null
  /** Changes the parameters after signing (tampering). */
  readonly tamper?: (params: [string, string][]) => [string, string][]
  readonly signature?: string
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z")

/** Builds a signed legacy request (GET query or POST form) for `http://localhost/api/`. */
export const signedRequest = (
  sim: Sim,
  action: string,
  params: Record<string, string> | [string, string][],
  opts: SignedOptions = {}
): Request => {
  const method = opts.method ?? "GET"
  const user = opts.user ?? ADMIN
  const all: [string, string][] = [
    ["action", action],
    ...(opts.version === null ? [] : [["version", opts.version ?? "2011-08-01"] as [string, string]]),
    ["access_key_id", user.accessKey],
    ["signature_method", "HmacSHA256"],
    ["signature_version", "2"],
    ["timestamp", opts.timestamp ?? iso(sim.kit.clock.now())],
    ...(Array.isArray(params) ? params : Object.entries(params))
  ]
  const sts = testStringToSign(method, "localhost", "/api/", all)
  const signature = opts.signature ?? createHmac("sha256", user.secretKey).update(sts).digest("base64")
  const sent = [...(opts.tamper ? opts.tamper(all) : all), ["signature", signature] as [string, string]]
  const body = new URLSearchParams(sent).toString()
  return method === "GET"
    ? new Request(`http://localhost/api/?${body}`)
    : new Request("http://localhost/api/", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body
      })
}

/** Makes a signed legacy call and returns status and JSON body. */
export const legacy = async (
  sim: Sim,
  action: string,
  params: Record<string, string> | [string, string][] = {},
  opts: SignedOptions = {}
): Promise<{ status: number; body: unknown }> => {
  // A fresh timestamp per call: the same call signed twice in one second is a replay.
  if (opts.timestamp === undefined) sim.kit.clock.advance(1000)
  const res = await sim.app.request(signedRequest(sim, action, params, opts))
  return { status: res.status, body: await res.json() }
}

/** Typed access into an untyped JSON body (tests only). */
export const json = <T>(value: unknown): T => value as T

/** Logs in over REST and returns the token. */
export const login = async (
  sim: Sim,
  who: { email: string; password: string } = ADMIN,
  extra: object = {}
) => {
  const res = await sim.app.request("/api/v2/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: who.email, password: who.password, ...extra })
  })
  const body = json<{ token: string }>(await res.json())
  return body.token
}

/** Makes a REST call with a bearer token; returns status and JSON body. */
export const rest = async (
  sim: Sim,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown
): Promise<{ status: number; body: unknown }> => {
  const headers: Record<string, string> = {}
  if (token !== undefined) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers["content-type"] = "application/json"
  const res = await sim.app.request(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  return { status: res.status, body: await res.json() }
}

/** Advances the simulated clock. */
export const advance = (sim: Sim, ms: number) => sim.kit.clock.advance(ms)

import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { silentLogger } from "@planes/sim-kit"
import { createJamfSimulator, type JamfSimulatorOptions } from "../src/index.js"

/** A parsed JSON answer as tests walk it: any property, any index, compared by the assertions. */
export type Loose = { readonly [key: string]: Loose } & { readonly [index: number]: Loose }

/** The instant every test simulator starts at; its clock is frozen so tests move time explicitly. */
export const START = Date.UTC(2026, 0, 1)

/** A JSON array answer as a list to map over (empty when absent). */
export const arr = (value: Loose | undefined): Loose[] => (value as unknown as Loose[] | undefined) ?? []

const here = dirname(fileURLToPath(import.meta.url))

/** A documented vendor example, from the repo's copy of the facts. */
export const example = (name: string): string =>
  readFileSync(join(here, "../../../contracts/vendor-examples/jamf", name), "utf8")

/** Every privilege, as seeded by `["*"]`; a year-long token lifetime so tests can move time freely. */
export const ADMIN = {
  clientId: "admin-client",
  clientSecret: "admin-secret",
  privileges: ["*"],
  accessTokenLifetimeSeconds: 365 * 86_400
}

/** A client with Jamf's default ten-minute token lifetime. */
export const STANDARD = { clientId: "std-client", clientSecret: "std-secret", privileges: ["*"] }

/** A quiet simulator on a frozen clock with an all-powerful API client and ten computers. */
export const makeSim = async (options: JamfSimulatorOptions = {}, computers = 10) => {
  const sim = createJamfSimulator({
    seed: 7,
    clock: { start: START, frozen: true },
    log: silentLogger,
    ...options
  })
  sim.seed({
    computers,
    clients: [ADMIN, STANDARD],
    users: [{ username: "alice", password: "pw", privileges: ["*"] }]
  })
  const tokenFor = async (clientId: string, clientSecret: string) => {
    const r = await sim.app.request("/api/oauth/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: clientId,
        client_secret: clientSecret,
        grant_type: "client_credentials"
      })
    })
    const body = (await r.json()) as Loose
    return String(body.access_token)
  }
  const token = await tokenFor(ADMIN.clientId, ADMIN.clientSecret)
  const call = async (
    method: string,
    path: string,
    init: {
      token?: string | null
      body?: unknown
      raw?: string | FormData
      headers?: Record<string, string>
    } = {}
  ) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) }
    const bearer = init.token === undefined ? token : init.token
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`
    let body: string | FormData | undefined = init.raw
    if (init.body !== undefined) {
      body = JSON.stringify(init.body)
      headers["content-type"] = "application/json"
    }
    const response = await sim.app.request(path, { method, headers, ...(body === undefined ? {} : { body }) })
    const text = await response.text()
    let json: unknown
    try {
      json = text === "" ? undefined : JSON.parse(text)
    } catch {
      json = undefined
    }
    // Tests walk answers freely and assert their shapes with toEqual / toMatchObject, which is the check.
    return { status: response.status, json: json as Loose, text, headers: response.headers }
  }
  const xml = (method: string, path: string, body: string, extra: Record<string, string> = {}) =>
    call(method, path, { raw: body, headers: { "content-type": "text/xml", ...extra } })
  const advance = (ms: number) => sim.kit.clock.advance(ms)
  return { sim, call, xml, token, tokenFor, advance }
}

/** The package body of the documented example, renamed. */
export const packageBody = (name: string) => ({
  ...(JSON.parse(example("package_create_request.json")) as Record<string, unknown>),
  packageName: name,
  fileName: name
})

import { type AwxSimulatorOptions, createAwxSimulator } from "../src/index.js"

/** A fixed start instant so timestamps in assertions are stable. */
export const START = Date.parse("2026-01-05T09:00:00.000Z")

/** Basic credentials of the built-in superuser. */
export const ADMIN = `Basic ${Buffer.from("admin:password").toString("base64")}`

/** Basic credentials for a user and password. */
export const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`

// The AWX field names tests read. A mapped type over literal keys (not an index signature) lets tests
// walk bodies without `any` and without an undefined at every step; the assertions check the values.
type Key =
  | "total_groups"
  | "inputs"
  | "kind"
  | "launch"
  | "msg"
  | "access_token"
  | "ansible_os_family"
  | "application"
  | "canceled_on"
  | "changed"
  | "content"
  | "count"
  | "counter"
  | "created"
  | "credentials"
  | "current_version"
  | "dark"
  | "default"
  | "description"
  | "detail"
  | "diff_mode"
  | "elapsed"
  | "enabled"
  | "error"
  | "event"
  | "event_processing_finished"
  | "expired"
  | "expires"
  | "expires_in"
  | "extra_vars"
  | "failed"
  | "failureRate"
  | "failures"
  | "finished"
  | "groups"
  | "host"
  | "host_name"
  | "hosts"
  | "id"
  | "ignored_fields"
  | "inventory"
  | "job_tags"
  | "job_templates"
  | "job_type"
  | "jobs"
  | "launched_by"
  | "license_info"
  | "lifecycle"
  | "limit"
  | "local_path"
  | "name"
  | "next"
  | "ok"
  | "organization"
  | "outcomes"
  | "previous"
  | "product_name"
  | "project"
  | "project_update"
  | "projects"
  | "refresh_token"
  | "related"
  | "results"
  | "retry_counts"
  | "runningMs"
  | "scm_revision"
  | "scope"
  | "source_job"
  | "started"
  | "status"
  | "stores"
  | "summary_fields"
  | "token"
  | "total_hosts"
  | "type"
  | "url"
  | "user"
  | "username"
  | "variables"
  | "verbosity"
  | "version"

/** A parsed JSON answer as tests walk it: the fields above, array methods, string methods. */
export type Json = { readonly [K in Key | 0 | 1 | 2]: Json } & readonly Json[] & string

/** Creates a simulator on a frozen clock with seed 42 and an in-process client for it. */
export const setup = (options: AwxSimulatorOptions = {}) => {
  const sim = createAwxSimulator({ seed: 42, clock: { start: START, frozen: true }, ...options })
  const call = async (
    method: string,
    path: string,
    init: { body?: unknown; auth?: string | null; headers?: Record<string, string>; raw?: string } = {}
  ) => {
    const headers: Record<string, string> = { ...init.headers }
    const auth = init.auth === undefined ? ADMIN : init.auth
    if (auth !== null) headers.authorization = auth
    let body: string | undefined
    if (init.raw !== undefined) body = init.raw
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body)
      headers["content-type"] ??= "application/json"
    }
    const res = await sim.app.request(path, { method, headers, ...(body === undefined ? {} : { body }) })
    const text = await res.text()
    let json: Json
    try {
      json = text === "" ? undefined : JSON.parse(text)
    } catch {
      json = JSON.parse(JSON.stringify(text))
    }
    return { status: res.status, json, headers: res.headers, text }
  }
  const advance = (ms: number) => sim.kit.clock.advance(ms)
  return { sim, call, advance }
}

/** Creates an SCM project, lets its sync finish, and creates a template on the Fleet inventory. */
export const publish = async (
  ctx: ReturnType<typeof setup>,
  template: Record<string, unknown> = {},
  root = "/api/v2/"
) => {
  const project = await ctx.call("POST", `${root}projects/`, {
    body: { name: "planes", organization: 1, scm_type: "git", scm_url: "https://git.example/planes.git" }
  })
  ctx.advance(10_000)
  const jt = await ctx.call("POST", `${root}job_templates/`, {
    body: {
      name: "Install package",
      project: project.json.id,
      inventory: 1,
      playbook: "install_package.yml",
      ask_variables_on_launch: true,
      ask_limit_on_launch: true,
      ...template
    }
  })
  return { project: project.json, template: jt.json, templateStatus: jt.status }
}

import type { AwxSimulator } from "../../src/index.js"

// Provider states of the Ansible consumer's pact, as data preconditions the simulator is put into through
// its own APIs: the admin API under /_sim (users, tokens, organizations, inventories and hosts, settings,
// faults, the clock) and AWX itself as the superuser (projects, job templates, credentials, launches).
// Each handler returns the ids the pact's requests name, which Pact injects in place of the consumer's
// examples. Job outcomes come from hosts seeded with a pinned behaviour, so they never depend on chance.

/** A JSON value Pact can inject (what a state handler may return). */
type Injected = Record<string, string | number | boolean>

/** Parameters a pact gives a provider state. */
type Params = Readonly<Record<string, unknown>>

/** The superuser of the provider's simulator (test-only credentials). */
export const superuser = { username: "admin", password: "pact-provider-admin-pw" } as const

/** The user the consumer's requests act as (the pact names it `planes`), and its credentials. */
const caller = { username: "planes", password: "pact-provider-planes-pw" } as const
const callerToken = "pact-provider-planes-token-0123456789"

/** Enough simulated time for any job (pending, waiting, running, event processing) to be done. */
const DONE_MS = 60_000
/** Into the running phase of a job launched now (pending 1 s, waiting 1 s, running 5 s). */
const RUNNING_MS = 2_500

const text = (params: Params, name: string): string => {
  const value = params[name]
  if (typeof value !== "string" || value === "")
    throw new Error(`provider state parameter ${name} is missing`)
  return value
}

const count = (params: Params, name: string): number => {
  const value = params[name]
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new Error(`provider state parameter ${name} must be a positive whole number`)
  }
  return value
}

const record = (value: unknown): Record<string, unknown> => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error("expected a JSON object")
  }
  return Object.fromEntries(Object.entries(value))
}

const id = (value: Record<string, unknown>, name = "id"): number => {
  const v = value[name]
  if (typeof v !== "number") throw new Error(`the simulator's answer has no numeric ${name}`)
  return v
}

const basicHeader = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`

/** Drives one simulator for provider states; `authorization` is what the verifier's request filter sends. */
export const makeProviderStates = (sim: AwxSimulator) => {
  let token = callerToken
  let password: string = caller.password

  const request = async (method: string, path: string, body?: unknown, auth?: string) => {
    const headers: Record<string, string> = {}
    if (auth !== undefined) headers.authorization = auth
    if (body !== undefined) headers["content-type"] = "application/json"
    const response = await sim.app.request(`http://127.0.0.1${path}`, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) })
    })
    const answer = await response.text()
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${answer}`)
    return answer === "" ? {} : record(JSON.parse(answer))
  }
  const admin = (method: string, path: string, body?: unknown) => request(method, `/_sim${path}`, body)
  const api = (method: string, path: string, body?: unknown) =>
    request(method, `/api/v2/${path}`, body, basicHeader(superuser.username, superuser.password))
  const advance = (ms: number) => admin("POST", "/clock/advance", { ms })

  /** The first result of a filtered list, or an error naming what is missing. */
  const first = async (path: string, what: string) => {
    const page = await api("GET", path)
    const [item] = Array.isArray(page.results) ? page.results : []
    if (item === undefined) throw new Error(`the simulator has no ${what}`)
    return record(item)
  }

  const organizationId = async (name: string) => {
    await admin("POST", "/seed", { organizations: [{ name }] })
    return id(await first(`organizations/?name=${encodeURIComponent(name)}`, `organization ${name}`))
  }

  /** An inventory of the organization with `hosts` (name → pinned outcome); returns its id. */
  const inventory = async (
    name: string,
    organization: string,
    hosts: ReadonlyArray<{ readonly name: string; readonly behaviour: "ok" | "failed" }>
  ) => {
    await admin("POST", "/seed", {
      inventories: [
        {
          name,
          organization,
          hosts: hosts.map((h) => ({ name: h.name, platform: "ubuntu-24.04", behaviour: h.behaviour }))
        }
      ]
    })
    const org = await organizationId(organization)
    return id(
      await first(`inventories/?name=${encodeURIComponent(name)}&organization=${org}`, `inventory ${name}`)
    )
  }

  /** The playbook project of the organization, synced (project syncs take no simulated time here). */
  const project = async (name: string, organization: string) => {
    const organizationId_ = await organizationId(organization)
    const created = await api("POST", "projects/", {
      name,
      description: "Managed by planes. key=pl1-pactpactpactpactproj operation=project",
      organization: organizationId_,
      scm_type: "git",
      scm_url: "https://git.example.com/planes/playbooks.git",
      scm_branch: "main"
    })
    return { organizationId: organizationId_, projectId: id(created) }
  }

  /** A job template as planes publishes one (its key in the description); `ask` overrides prompt flags. */
  const template = async (params: Params, ask: Readonly<Record<string, boolean>> = {}) => {
    const name = text(params, "template")
    const key = typeof params.key === "string" ? params.key : "pl1-pactpactpactpactpact"
    const organization = typeof params.organization === "string" ? params.organization : "Default"
    const ids = await project("planes playbooks", organization)
    const created = await api("POST", "job_templates/", {
      name,
      description: `Managed by planes. key=${key} operation=install`,
      job_type: "run",
      project: ids.projectId,
      playbook: "install_package.yml",
      extra_vars: JSON.stringify({ pkg_name: "curl", pkg_state: "present", planes_package_key: key }),
      ask_variables_on_launch: true,
      ask_limit_on_launch: true,
      ask_inventory_on_launch: true,
      become_enabled: true,
      allow_simultaneous: true,
      ...ask
    })
    return { ...ids, templateId: id(created) }
  }

  /** A launch of the template on an inventory, carrying `key` as planes does. */
  const launch = async (templateId: number, inventoryId: number, limit: string, key: string) =>
    id(
      await api("POST", `job_templates/${templateId}/launch/`, {
        inventory: inventoryId,
        limit,
        extra_vars: { pkg_version: "8.5.0-2ubuntu10.6", pkg_state: "present", planes_key: key }
      })
    )

  const lab = (organization = "Default") =>
    inventory("Lab", organization, [{ name: "web1", behaviour: "ok" }])

  /** A template with one job on Lab, advanced `ms` of simulated time after its launch. */
  const jobAfter = async (params: Params, ms: number) => {
    const ids = await template(params)
    const inventoryId = await lab()
    const jobId = await launch(ids.templateId, inventoryId, "web1", "pl1-pactpactpactpactjoba")
    await advance(ms)
    return { ...ids, inventoryId, jobId }
  }

  /** A template with one job on `hosts` hosts that all ended with `behaviour`, events processed. */
  const jobOnHosts = async (params: Params, behaviour: "ok" | "failed") => {
    const hosts = count(params, "hosts")
    const ids = await template(params)
    const names = Array.from({ length: hosts }, (_, i) => ({
      name: `host${String(i + 1).padStart(3, "0")}`,
      behaviour
    }))
    const inventoryId = await inventory(`Pact ${behaviour} ${hosts}`, "Default", names)
    const jobId = await launch(ids.templateId, inventoryId, "", "pl1-pactpactpactpactjob2")
    await advance(DONE_MS)
    return { ...ids, inventoryId, jobId }
  }

  const handlers: Record<string, (params?: unknown) => Promise<Injected | undefined>> = {
    "an organization named {organization} exists": async (params) => ({
      organizationId: await organizationId(text(record(params), "organization"))
    }),
    "no organization named {organization} exists": async () => ({}),
    "inventory {inventory} exists in organization {organization}": async (params) => {
      const p = record(params)
      const organization = text(p, "organization")
      const inventoryId = await inventory(text(p, "inventory"), organization, [
        { name: "web1", behaviour: "ok" }
      ])
      return { organizationId: await organizationId(organization), inventoryId }
    },
    "the caller's token has expired": async () => {
      token = "pact-provider-expired-token-0123456789"
      await admin("POST", "/seed", { tokens: [{ token, username: caller.username, expiresInSeconds: 1 }] })
      await advance(2_000)
      return {}
    },
    "user {username} has another password than the one presented": async () => {
      password = "not-the-password-of-this-user"
      return {}
    },
    "the caller's token has the read scope only": async () => {
      token = "pact-provider-read-token-0123456789"
      await admin("POST", "/seed", { tokens: [{ token, username: caller.username, scope: "read" }] })
      return {}
    },
    "the controller answers the next request with 503 Service Unavailable": async () => {
      await admin("POST", "/faults", {
        match: { path: "/api/**" },
        trigger: { kind: "once" },
        effect: { kind: "http", status: 503, message: "Service Unavailable" }
      })
      return {}
    },
    "no job with id {jobId} exists": async () => ({}),
    "project {project} of organization {organization} has synced": async (params) => {
      const p = record(params)
      return project(text(p, "project"), text(p, "organization"))
    },
    "no project named {project} exists in organization {organization}": async (params) => ({
      organizationId: await organizationId(text(record(params), "organization"))
    }),
    "the last sync of project {project} of organization {organization} failed": async (params) => {
      const p = record(params)
      await admin("PUT", "/awx/settings", { outcomes: { projectUpdateFailureRate: 1 } })
      const ids = await project(text(p, "project"), text(p, "organization"))
      await admin("PUT", "/awx/settings", { outcomes: { projectUpdateFailureRate: 0 } })
      return ids
    },
    "job template {template} with key {key} exists in organization {organization}": (params) =>
      template(record(params)),
    "no job template named {template} exists in organization {organization}": async (params) =>
      project("planes playbooks", text(record(params), "organization")),
    "job template {template} with key {key} does not ask for the limit on launch": async (params) => {
      const ids = await template(record(params), { ask_limit_on_launch: false })
      return { ...ids, inventoryId: await lab() }
    },
    "credential {credential} exists and is not attached to job template {template}": async (params) => {
      const p = record(params)
      const ids = await template(p)
      const credential = await api("POST", "credentials/", {
        name: text(p, "credential"),
        organization: ids.organizationId,
        credential_type: 1,
        inputs: { username: "root" }
      })
      return { ...ids, credentialId: id(credential) }
    },
    "job template {template} has no jobs": async (params) => {
      const ids = await template(record(params))
      return { ...ids, inventoryId: await lab() }
    },
    "job template {template} has a manual job launched with key {key}": async (params) => {
      const p = record(params)
      const ids = await template({ template: text(p, "template") })
      const inventoryId = await lab()
      const jobId = await launch(ids.templateId, inventoryId, "web1", text(p, "key"))
      return { ...ids, inventoryId, jobId }
    },
    "a job of job template {template} is running": (params) => jobAfter(record(params), RUNNING_MS),
    "a job of job template {template} has finished": (params) => jobAfter(record(params), DONE_MS),
    "a job of job template {template} succeeded on {hosts} hosts and its events are processed": (params) =>
      jobOnHosts(record(params), "ok"),
    "a job of job template {template} failed on each of its {hosts} hosts and its events are processed": (
      params
    ) => jobOnHosts(record(params), "failed")
  }

  return {
    handlers,
    /** The Authorization the verifier sends: the consumer's scheme, with the credential the state allows. */
    authorization: (presented: string | undefined): string =>
      presented !== undefined && /^Basic\s/i.test(presented)
        ? basicHeader(caller.username, password)
        : `Bearer ${token}`,
    /** Before each interaction: a fresh simulator with the caller (an admin) and its write token. */
    reset: async () => {
      await admin("POST", "/reset")
      await admin("POST", "/seed", {
        settings: {
          lifecycle: { projectUpdateMs: 0 },
          outcomes: { failureRate: 0, unreachableRate: 0, errorRate: 0, projectUpdateFailureRate: 0 }
        },
        users: [{ username: caller.username, password: caller.password, role: "admin" }],
        tokens: [{ token: callerToken, username: caller.username, scope: "write" }]
      })
      token = callerToken
      password = caller.password
    }
  }
}

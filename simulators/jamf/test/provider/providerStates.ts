import { ALL_PRIVILEGES, type JamfSimulator } from "../../src/index.js"

// Provider states of the Jamf consumer's pact, as data preconditions the simulator is put into through its
// own APIs: the admin API under /_sim (reset, seed, settings, clients and users, state import to place an
// object at the id the pact names, one-shot faults, the clock) and Jamf's APIs themselves with a token of
// an all-powerful admin client (packages, uploads, groups, policies, check-ins).

/** A JSON value Pact can inject (what a state handler may return). */
type Injected = Record<string, string | number | boolean>

/** Parameters a pact gives a provider state. */
type Params = Readonly<Record<string, unknown>>

/** The simulator's admin client: every privilege, a token that outlives any clock move of a state. */
const ADMIN = {
  clientId: "pact-provider-admin",
  clientSecret: "pact-provider-admin-secret",
  privileges: ["*"],
  accessTokenLifetimeSeconds: 365 * 86_400
}

/** Computers in the fleet of every interaction (ids 1..N). */
const FLEET = 4

/** Simulated time for a hash to be reported (the default `hashDelayMs` is 30 s). */
const HASH_SETTLE_MS = 31_000

const text = (params: Params, name: string): string => {
  const value = params[name]
  if (typeof value !== "string" || value === "")
    throw new Error(`provider state parameter ${name} is missing`)
  return value
}

const flag = (params: Params, name: string): boolean => {
  const value = params[name]
  if (typeof value !== "boolean") throw new Error(`provider state parameter ${name} must be true or false`)
  return value
}

const whole = (params: Params, name: string): number => {
  const value = Number(text(params, name))
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`provider state parameter ${name} must be a positive whole number`)
  return value
}

const idList = (params: Params, name: string): number[] =>
  text(params, name)
    .split(",")
    .map((id) => {
      const n = Number(id.trim())
      if (!Number.isInteger(n) || n < 1)
        throw new Error(`provider state parameter ${name} has a bad id ${id}`)
      return n
    })

const record = (value: unknown): Record<string, unknown> => {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error("expected a JSON object from the simulator")
  return Object.fromEntries(Object.entries(value))
}

const field = (value: Record<string, unknown>, name: string): string => {
  const v = value[name]
  if (typeof v !== "string") throw new Error(`the simulator's answer has no ${name}`)
  return v
}

const escapeXml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

/** Drives one simulator for provider states; `token` is what the verifier's request filter sends. */
export const makeProviderStates = (sim: JamfSimulator) => {
  let adminToken = ""
  let token = ""

  const request = async (
    method: string,
    path: string,
    init: { readonly body?: BodyInit; readonly headers?: Record<string, string> } = {}
  ): Promise<Record<string, unknown>> => {
    const response = await sim.app.request(`http://127.0.0.1${path}`, {
      method,
      ...(init.headers !== undefined && { headers: init.headers }),
      ...(init.body !== undefined && { body: init.body })
    })
    const body = await response.text()
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${body}`)
    return body === "" || !body.trimStart().startsWith("{") ? {} : record(JSON.parse(body))
  }
  const json = (body: unknown) => ({
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" }
  })
  const admin = (method: string, path: string, body?: unknown) =>
    request(method, `/_sim${path}`, body === undefined ? {} : json(body))
  const auth = () => ({ authorization: `Bearer ${adminToken}` })
  const api = (method: string, path: string, body?: unknown) =>
    request(method, path, {
      headers: { ...auth(), ...(body !== undefined && { "content-type": "application/json" }) },
      ...(body !== undefined && { body: JSON.stringify(body) })
    })
  const classic = (method: string, path: string, xml: string) =>
    request(method, path, { headers: { ...auth(), "content-type": "text/xml" }, body: xml })

  /** An API client's token, through the OAuth endpoint. */
  const clientToken = async (clientId: string, clientSecret: string) =>
    field(
      await request("POST", "/api/oauth/token", {
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: clientId,
          client_secret: clientSecret
        }).toString()
      }),
      "access_token"
    )

  const lists = {
    packages: "/api/v1/packages",
    groups: "/api/v2/computer-groups/static-groups",
    policies: "/JSSResource/policies"
  } as const

  /**
   * Makes the next object of a store (`packages`, `groups`, `policies`) get `id`: the store's id counter
   * is set through a state export and import, so the pact's example ids name the seeded objects.
   */
  const nextId = async (store: keyof typeof lists, id: number) => {
    // A store holds a tenant's state once a request touched it: list the collection first.
    await request("GET", lists[store], { headers: auth() })
    const state = record(await admin("GET", "/state"))
    const stores = record(state.stores)
    const tenants = record(stores[store])
    const current = record(tenants.default)
    await admin("PUT", "/state", {
      stores: { ...stores, [store]: { ...tenants, default: { ...current, nextId: id } } }
    })
  }

  const createPackage = async (params: Params) => {
    const id = whole(params, "packageId")
    await nextId("packages", id)
    const created = await api("POST", "/api/v1/packages", {
      packageName: text(params, "packageName"),
      fileName: text(params, "fileName"),
      categoryId: "-1",
      info: "",
      notes: text(params, "notes"),
      priority: 10,
      fillUserTemplate: false,
      fillExistingUsers: false,
      rebootRequired: false,
      osInstall: false,
      suppressUpdates: false,
      suppressFromDock: false,
      suppressEula: false,
      suppressRegistration: false
    })
    if (field(created, "id") !== String(id))
      throw new Error(`package ${id} was created as ${String(created.id)}`)
    return {}
  }

  const upload = async (params: Params) => {
    const form = new FormData()
    form.append(
      "file",
      new Blob([Buffer.from(text(params, "contentBase64"), "base64")]),
      text(params, "fileName")
    )
    await request("POST", `/api/v1/packages/${whole(params, "packageId")}/upload`, {
      headers: auth(),
      body: form
    })
    if (flag(params, "hashed")) await admin("POST", "/clock/advance", { ms: HASH_SETTLE_MS })
    return {}
  }

  const staticGroup = async (params: Params) => {
    const id = whole(params, "groupId")
    await nextId("groups", id)
    const created = await api("POST", "/api/v2/computer-groups/static-groups", {
      name: text(params, "groupName"),
      description: "seeded by the pact provider state",
      assignments: idList(params, "computerIds").map(String),
      siteId: "-1"
    })
    if (field(created, "id") !== String(id))
      throw new Error(`group ${id} was created as ${String(created.id)}`)
    return {}
  }

  const smartGroup = async (params: Params) => {
    const id = whole(params, "groupId")
    await nextId("groups", id)
    await api("POST", "/api/v2/computer-groups/smart-groups", {
      name: text(params, "groupName"),
      description: "seeded by the pact provider state",
      criteria: [
        {
          name: "Operating System Version",
          priority: 0,
          andOr: "and",
          searchType: "greater than or equal",
          value: "13.0",
          openingParen: false,
          closingParen: false
        }
      ],
      siteId: "-1"
    })
    return {}
  }

  const policy = async (params: Params) => {
    const id = whole(params, "policyId")
    await nextId("policies", id)
    await classic(
      "POST",
      "/JSSResource/policies/id/0",
      `<policy><general><name>${escapeXml(text(params, "policyName"))}</name><enabled>true</enabled>` +
        "<trigger_checkin>true</trigger_checkin><frequency>Once per computer</frequency></general>" +
        `<scope><all_computers>false</all_computers><computer_groups><computer_group><id>${whole(params, "groupId")}</id></computer_group></computer_groups></scope>` +
        `<package_configuration><packages><package><id>${whole(params, "packageId")}</id><action>Install</action></package></packages></package_configuration>` +
        "<maintenance><recon>true</recon></maintenance></policy>"
    )
    return {}
  }

  const handlers: Record<string, (params?: unknown) => Promise<Injected | undefined>> = {
    "API client {clientId} with secret {clientSecret} exists": async (params) => {
      const p = record(params)
      await admin("POST", "/jamf/clients", {
        clientId: text(p, "clientId"),
        clientSecret: text(p, "clientSecret"),
        privileges: ["*"]
      })
      return {}
    },
    "user {username} with password {password} exists": async (params) => {
      const p = record(params)
      await admin("POST", "/jamf/users", {
        username: text(p, "username"),
        password: text(p, "password"),
        privileges: ["*"]
      })
      return {}
    },
    "user {username} holds a valid bearer token": async (params) => {
      const username = text(record(params), "username")
      const password = "pact-provider-user-password"
      await admin("POST", "/jamf/users", { username, password, privileges: ["*"] })
      const basic = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`
      token = field(
        await request("POST", "/api/v1/auth/token", { headers: { authorization: basic } }),
        "token"
      )
      return {}
    },
    "package {packageId} named {packageName} filed as {fileName} with notes {notes} exists": (params) =>
      createPackage(record(params)),
    "package {packageId} holds the uploaded file {fileName} with content {contentBase64}, hashed: {hashed}": (
      params
    ) => upload(record(params)),
    "no package named {packageName} exists": async () => ({}),
    "no package with id {packageId} exists": async () => ({}),
    "static group {groupId} named {groupName} of computers {computerIds} exists": (params) =>
      staticGroup(record(params)),
    "smart group {groupId} named {groupName} exists": (params) => smartGroup(record(params)),
    "no computer group named {groupName} exists": async () => ({}),
    "no computer group with id {groupId} exists": async () => ({}),
    "policy {policyId} named {policyName} installs package {packageId} on group {groupId}": (params) =>
      policy(record(params)),
    "no policy named {policyName} exists": async () => ({}),
    "computers {computerIds} have run policy {policyId}": async (params) => {
      await admin("POST", "/jamf/check-in", { computerIds: idList(record(params), "computerIds") })
      return {}
    },
    "no computer with id {computerId} exists": async () => ({}),
    "the caller's access token has expired": async () => {
      await admin("POST", "/jamf/clients", {
        clientId: "pact-provider-short-lived",
        clientSecret: "pact-provider-short-lived-secret",
        privileges: ["*"],
        accessTokenLifetimeSeconds: 60
      })
      token = await clientToken("pact-provider-short-lived", "pact-provider-short-lived-secret")
      await admin("POST", "/clock/advance", { ms: 120_000 })
      return {}
    },
    "the caller lacks the privilege {privilege}": async (params) => {
      const privilege = text(record(params), "privilege")
      if (!ALL_PRIVILEGES.includes(privilege)) throw new Error(`the simulator has no privilege ${privilege}`)
      await admin("POST", "/jamf/clients", {
        clientId: "pact-provider-limited",
        clientSecret: "pact-provider-limited-secret",
        privileges: ALL_PRIVILEGES.filter((p) => p !== privilege)
      })
      token = await clientToken("pact-provider-limited", "pact-provider-limited-secret")
      return {}
    },
    "the server is at its connection limit": async () => {
      await admin("POST", "/faults", {
        match: { path: "/api/**" },
        trigger: { kind: "once" },
        effect: {
          kind: "http",
          status: 503,
          code: "SERVICE_UNAVAILABLE",
          message: "Too many concurrent connections (limit 5 per client); retry later"
        }
      })
      return {}
    },
    "the server refuses RSQL filters on the field {field}": async (params) => {
      const name = text(record(params), "field")
      await admin("POST", "/faults", {
        match: { method: "GET", path: "/api/v1/packages" },
        trigger: { kind: "once" },
        effect: {
          kind: "http",
          status: 400,
          code: "INVALID_RSQL_FILTER_FIELD",
          message: `${name} is not a filterable field`
        }
      })
      return {}
    },
    "the server refuses uploads larger than {maxUploadBytes} bytes": async (params) => {
      await admin("PUT", "/jamf/settings", { maxUploadBytes: whole(record(params), "maxUploadBytes") })
      return {}
    }
  }

  // Pact's verifier reports a failed state handler only as the mismatches that follow; keep the cause too.
  const failures: string[] = []
  const reporting = Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      async (params?: unknown) => {
        try {
          return await handler(params)
        } catch (error) {
          failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`)
          throw error
        }
      }
    ])
  )

  return {
    handlers: reporting,
    /** Why state handlers failed during the run (empty when every state was set up). */
    failures: (): ReadonlyArray<string> => failures,
    /** The bearer token the verifier's API requests carry. */
    token: () => token,
    /**
     * Before each interaction: a fresh simulator (stores, faults, streams), the admin client, a fleet of
     * computers 1..N, and the admin's token for the requests the pact sends.
     */
    reset: async () => {
      await admin("POST", "/reset")
      await admin("POST", "/seed", { computers: FLEET, clients: [ADMIN] })
      adminToken = await clientToken(ADMIN.clientId, ADMIN.clientSecret)
      token = adminToken
    }
  }
}

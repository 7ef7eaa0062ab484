import type { LandscapeSimulator } from "../../src/index.js"

// Provider states of the Landscape consumer's pact, as data preconditions the simulator is put into
// through its own APIs: the admin API under /_sim (reset, seed, users, catalogue, computers, uploads,
// faults, the clock) and Landscape itself (legacy actions as the seeding admin, with a JWT from REST
// login). Each handler returns the ids the pact's requests name (activity ids the simulator made),
// which Pact injects in place of the consumer's examples.

/** A JSON value Pact can inject (what a state handler may return). */
type Injected = Record<string, string | number | boolean>

/** Parameters a pact gives a provider state. */
type Params = unknown

/** The admin and auditor the verifier acts as (test-only credentials). */
export const operator = {
  email: "ops@example.com",
  name: "Ops",
  password: "provider-test-password",
  accessKey: "AKPROVIDERTEST000001",
  secretKey: "provider-test-secret-not-real",
  accounts: ["standalone"] as const
}
export const auditor = {
  email: "audit@example.com",
  name: "Audit",
  password: "provider-test-audit-password",
  accounts: ["standalone"] as const,
  role: "auditor" as const
}

/** Curl as the fleet has it, and the newer build only the upstream mirror carries. */
const oldCurl = "7.81.0-1ubuntu1.14"
const newCurl = "7.81.0-1ubuntu1.17"

/** How far the frozen clock moves to let a sync or an install finish. */
const SETTLE_MS = 10 * 60_000

const param = (params: Params, name: string): unknown =>
  typeof params === "object" && params !== null && !Array.isArray(params)
    ? Object.fromEntries(Object.entries(params))[name]
    : undefined

const text = (params: Params, name: string): string => {
  const value = param(params, name)
  if (typeof value !== "string" || value === "")
    throw new Error(`provider state parameter ${name} is missing`)
  return value
}

const whole = (params: Params, name: string): number => {
  const value = param(params, name)
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
    throw new Error(`provider state parameter ${name} must be a positive whole number`)
  return value
}

const record = (value: unknown): Record<string, unknown> => {
  if (typeof value !== "object" || value === null)
    throw new Error("expected a JSON object from the simulator")
  return Object.fromEntries(Object.entries(value))
}

const idOf = (value: unknown): number => {
  const id = record(value).id
  if (typeof id !== "number") throw new Error("the simulator's answer has no id")
  return id
}

/** Drives one simulator for provider states; `token` is what the verifier's request filter sends. */
export const makeProviderStates = (sim: LandscapeSimulator) => {
  let token = ""

  const request = async (
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string> }
  ) => {
    const response = await sim.app.request(`http://127.0.0.1${path}`, { method, ...init })
    const body = await response.text()
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${body}`)
    return body === "" ? {} : (JSON.parse(body) as unknown)
  }
  const json = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    request(method, path, {
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", ...headers }
    })
  const admin = (path: string, body: unknown) => json("POST", `/_sim${path}`, body)
  const login = async (email: string, password: string) => {
    const answer = record(await json("POST", "/api/v2/login", { email, password }))
    if (typeof answer.token !== "string") throw new Error("the simulator's login has no token")
    return answer.token
  }
  /** A legacy action as the operator (form POST with the operator's JWT). */
  const legacy = (action: string, params: Readonly<Record<string, string>> = {}) =>
    login(operator.email, operator.password).then((jwt) =>
      request("POST", "/api/", {
        body: new URLSearchParams({ action, version: "2011-08-01", ...params }).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Bearer ${jwt}` }
      })
    )
  const settle = () => admin("/clock/advance", { ms: SETTLE_MS })

  const where = (params: Params) => ({
    distribution: text(params, "distribution"),
    series: text(params, "series"),
    pocket: text(params, "pocket")
  })
  const series = async (params: Params) => {
    const { distribution, series: name } = {
      distribution: text(params, "distribution"),
      series: text(params, "series")
    }
    await legacy("CreateDistribution", { name: distribution })
    await legacy("CreateSeries", { name, distribution })
  }
  const pocket = async (params: Params, mode: string, name = text(params, "pocket")) => {
    const distribution = text(params, "distribution")
    const seriesName = text(params, "series")
    await legacy("CreatePocket", {
      name,
      series: seriesName,
      distribution,
      mode,
      "components.1": "main",
      "architectures.1": "amd64",
      ...(mode === "mirror" && { mirror_uri: "http://archive.ubuntu.com/ubuntu" })
    })
  }
  const savedSearch = (name: string, search: string, title = name) =>
    legacy("CreateSavedSearch", { name, title, search })
  /** An install of `package` on the saved search `name` (tag ring-0), run to its end. */
  const install = async (name: string, pkg: string) => {
    await savedSearch(name, "tag:ring-0")
    const group = idOf(await legacy("InstallPackages", { query: `search:${name}`, "packages.1": pkg }))
    await settle()
    const children = await legacy("GetActivities", { query: `parent-id:${group}` })
    const first = Array.isArray(children) ? children[0] : undefined
    return { groupId: group, childId: first === undefined ? group : idOf(first) }
  }

  /** Computer `computerId` with `installed` of `package`, and `version` older and public. */
  const downgradable = async (params: Params) => {
    const id = whole(params, "computerId")
    const name = text(params, "package")
    await admin("/landscape/catalogue", {
      packages: [
        { name, version: text(params, "installed"), public: true },
        { name, version: text(params, "version"), public: true }
      ]
    })
    await admin("/landscape/computers", {
      computers: [
        {
          id,
          hostname: `web-0${id}`,
          tags: ["server", "ring-0"],
          packages: { [name]: text(params, "installed") }
        }
      ]
    })
  }

  /** The verifier acts as the read-only auditor from now on. */
  const readOnly = async () => {
    await admin("/landscape/users", auditor)
    token = await login(auditor.email, auditor.password)
  }

  /** The known starting point: four ring-0 servers with the old curl, the newer one upstream only. */
  const reset = async () => {
    await json("POST", "/_sim/reset", {})
    await admin("/seed", {
      fleetSize: 0,
      computers: [1, 2, 3, 4].map((id) => ({
        id,
        hostname: `web-0${id}`,
        tags: ["server", "ring-0"],
        packages: { curl: oldCurl }
      })),
      catalogue: [{ name: "curl", version: newCurl, mirror: true, public: false }],
      settings: { exchangeIntervalSeconds: 0, executionSeconds: 1, syncSeconds: 1, pullSeconds: 1 }
    })
    token = await login(operator.email, operator.password)
  }

  const handlers: Record<string, (params?: unknown) => Promise<Injected>> = {
    "a user {email} with access key {accessKey} and secret key {secretKey} exists": async (params) => {
      await admin("/landscape/users", {
        ...operator,
        email: text(params, "email"),
        accessKey: text(params, "accessKey"),
        secretKey: text(params, "secretKey")
      })
      return {}
    },
    "a user {email} with password {password} exists": async (params) => {
      await admin("/landscape/users", {
        ...operator,
        email: text(params, "email"),
        password: text(params, "password")
      })
      return {}
    },
    "no distribution exists": async () => ({}),
    "distribution {distribution} exists without series {series}": async (params) => {
      await legacy("CreateDistribution", { name: text(params, "distribution") })
      return {}
    },
    "series {distribution}/{series} exists without pocket {pocket}": async (params) => {
      await series(params)
      return {}
    },
    "pocket {distribution}/{series}/{pocket} exists in {mode} mode": async (params) => {
      await series(params)
      await pocket(params, text(params, "mode"))
      return {}
    },
    "pocket {distribution}/{series}/{pocket} lists {package} {version}": async (params) => {
      await series(params)
      await pocket(params, "upload")
      await admin("/landscape/upload", {
        ...where(params),
        packages: [{ name: text(params, "package"), version: text(params, "version") }]
      })
      return {}
    },
    "mirror pocket {distribution}/{series}/{pocket} exists and its upstream carries {package} {version}":
      async (params) => {
        await admin("/landscape/catalogue", {
          packages: [
            { name: text(params, "package"), version: text(params, "version"), mirror: true, public: false }
          ]
        })
        await series(params)
        await pocket(params, "mirror")
        return {}
      },
    "a sync of pocket {distribution}/{series}/{pocket} has succeeded": async (params) => {
      await series(params)
      await pocket(params, "mirror")
      const { pocket: name, series: seriesName, distribution } = where(params)
      const sync = await legacy("SyncMirrorPocket", { name, series: seriesName, distribution })
      await settle()
      return { activityId: idOf(sync) }
    },
    "a sync of pocket {other} runs on distribution {distribution}": async (params) => {
      await series(params)
      await pocket(params, "mirror")
      const other = text(params, "other")
      await pocket(params, "mirror", other)
      const { series: seriesName, distribution } = where(params)
      await legacy("SyncMirrorPocket", { name: other, series: seriesName, distribution })
      return {}
    },
    "repository profile {title} points at {distribution}/{series}/{pocket} for tag {tag}": async (params) => {
      await series(params)
      await pocket(params, "mirror")
      const profile = record(await legacy("CreateRepositoryProfile", { title: text(params, "title") }))
      const name = String(profile.name)
      const { pocket: pocketName, series: seriesName, distribution } = where(params)
      await legacy("AddPocketsToRepositoryProfile", {
        name,
        "pockets.1": pocketName,
        series: seriesName,
        distribution
      })
      await legacy("AssociateRepositoryProfile", { name, "tags.1": text(params, "tag") })
      return {}
    },
    "pocket {distribution}/{series}/{pocket} exists and no repository profile exists": async (params) => {
      await series(params)
      await pocket(params, "mirror")
      return {}
    },
    "repository profile {title} exists without pockets or tags": async (params) => {
      await series(params)
      await pocket(params, "mirror")
      await legacy("CreateRepositoryProfile", { title: text(params, "title") })
      return {}
    },
    "saved search {name} titled {title} searches {search}": async (params) => {
      await savedSearch(text(params, "name"), text(params, "search"), text(params, "title"))
      return {}
    },
    "computers tagged {tag} exist and no saved search is named {name}": async () => ({}),
    "saved search {name} selects computers tagged {tag} that can install {package} {version}": async (
      params
    ) => {
      await savedSearch(text(params, "name"), `tag:${text(params, "tag")}`)
      return {}
    },
    "an install of {package} ran on the computers of saved search {name}": async (params) =>
      install(text(params, "name"), text(params, "package")),
    "an install of {package} {version} on saved search {name} failed on one computer": async (params) => {
      const computer = 1
      await admin("/landscape/computers", {
        computers: [
          {
            id: computer,
            hostname: "web-01",
            tags: ["server", "ring-0"],
            packages: { curl: oldCurl },
            held: ["curl"]
          }
        ]
      })
      await savedSearch(text(params, "name"), `id:${computer}`)
      const group = idOf(
        await legacy("InstallPackages", {
          query: `search:${text(params, "name")}`,
          "packages.1": text(params, "package")
        })
      )
      await settle()
      const children = await legacy("GetActivities", { query: `parent-id:${group}` })
      const first = Array.isArray(children) ? children[0] : undefined
      if (first === undefined) throw new Error("the failed install has no child")
      return { groupId: group, childId: idOf(first) }
    },
    "computer {computerId} of saved search {name} is offline": async (params) => {
      const id = whole(params, "computerId")
      await admin("/landscape/computers", {
        computers: [{ id, hostname: `web-0${id}`, tags: ["server", "ring-0"], online: false }]
      })
      await savedSearch(text(params, "name"), "tag:ring-0")
      return {}
    },
    "computer {computerId} has {package} {installed} installed and {version} available as a downgrade":
      async (params) => {
        await downgradable(params)
        return {}
      },
    "computer {computerId} has {package} {installed} installed and {version} available as a downgrade, and the caller may only read":
      async (params) => {
        await downgradable(params)
        await readOnly()
        return {}
      },
    "no computer with id {computerId} exists": async () => ({}),
    "the caller's credentials are refused": async () => {
      token = "not-a-landscape-token"
      return {}
    },
    "the caller may only read (auditor role)": async () => {
      await readOnly()
      return {}
    },
    "the server answers the next request with 503": async () => {
      await admin("/faults", {
        match: { path: "/api/**" },
        trigger: { kind: "once" },
        effect: {
          kind: "http",
          status: 503,
          code: "ServiceUnavailable",
          message: "The service is unavailable."
        }
      })
      return {}
    }
  }

  return { handlers, reset, token: () => token }
}

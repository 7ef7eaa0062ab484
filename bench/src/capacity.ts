import autocannon from "autocannon"
import { Schema } from "effect"
import { sampleAppBody } from "./graph/appBody.js"
import { graphToken, startGraphSim } from "./graph/graphSim.js"
import { type HostedSim, startHostedSim } from "./host/startHost.js"

/** Settings of the simulator capacity benchmark. */
export interface CapacityOptions {
  readonly seed: number
  /** Seconds each load runs. */
  readonly seconds: number
  /** Concurrent connections autocannon keeps open. */
  readonly connections: number
}

/** One load against one simulator route. */
export interface CapacityLoad {
  readonly name: string
  readonly requestsPerSecond: number
  readonly requests: number
  /** Answers outside 2xx plus connection errors and timeouts. */
  readonly failures: number
  /** CPU seconds the simulator process spent during the load. */
  readonly simulatorCpuSeconds: number
  /**
   * Requests per second of simulator CPU: what one free core would serve. On a busy machine the
   * simulator gets only part of a core, and this tells its own cost apart from the machine's load.
   */
  readonly requestsPerCpuSecond: number
}

/** The most common read and write of one simulator. */
export interface SimulatorCapacity {
  readonly simulator: string
  readonly read: CapacityLoad
  readonly write: CapacityLoad
}

/** Every simulator's capacity. */
export interface CapacityResult {
  readonly options: CapacityOptions
  readonly simulators: ReadonlyArray<SimulatorCapacity>
}

interface Route {
  readonly name: string
  readonly method: "GET" | "POST"
  readonly path: string
  /** A fresh body per request (writes create distinct objects). */
  readonly body?: (n: number) => unknown
}

interface Target {
  readonly simulator: string
  readonly sim: HostedSim
  readonly headers: Record<string, string>
  readonly read: Route
  readonly write: Route
}

const load = async (target: Target, route: Route, options: CapacityOptions): Promise<CapacityLoad> => {
  let n = 0
  const body = route.body
  const cpuBefore = await target.sim.cpuMicros()
  const result = await autocannon({
    url: target.sim.url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: route.method,
        path: route.path,
        headers: { ...target.headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined
          ? {}
          : { setupRequest: (request) => ({ ...request, body: JSON.stringify(body(n++)) }) })
      }
    ]
  })
  const simulatorCpuSeconds = ((await target.sim.cpuMicros()) - cpuBefore) / 1e6
  return {
    name: `${route.method} ${route.name}`,
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    simulatorCpuSeconds,
    requestsPerCpuSecond: simulatorCpuSeconds > 0 ? result.requests.total / simulatorCpuSeconds : 0
  }
}

// Answers the setup reads, decoded: an unexpected shape stops the benchmark with a readable error.
const json = async <A, I>(schema: Schema.Schema<A, I>, response: Response): Promise<A> => {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`)
  return Schema.decodeUnknownSync(schema)(await response.json())
}
const WithId = Schema.Struct({ id: Schema.String })
const Results = Schema.Struct({ results: Schema.Array(Schema.Struct({ id: Schema.Number })) })

const graphTarget = async (seed: number): Promise<Target> => {
  const sim = await startGraphSim({ seed, fleetSize: 100 })
  const token = await graphToken(sim.url)
  const headers = { authorization: `Bearer ${token}` }
  const app = await json(
    WithId,
    await fetch(`${sim.url}/v1.0/deviceAppManagement/mobileApps`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(sampleAppBody("Capacity"))
    })
  )
  return {
    simulator: "graph",
    sim,
    headers,
    read: { name: "mobileApps/{id}", method: "GET", path: `/v1.0/deviceAppManagement/mobileApps/${app.id}` },
    write: {
      name: "mobileApps",
      method: "POST",
      path: "/v1.0/deviceAppManagement/mobileApps",
      body: (n) => sampleAppBody(`Capacity ${n}`)
    }
  }
}

const jamfTarget = async (seed: number): Promise<Target> => {
  const sim = await startHostedSim({ kind: "jamf", seed })
  const clientSecret = `bench-${process.pid}`
  await sim.admin("POST", "/_sim/seed", {
    computers: 100,
    settings: { hashDelayMs: 0 },
    clients: [{ clientId: "bench", clientSecret, privileges: ["*"] }]
  })
  const { access_token } = await json(
    Schema.Struct({ access_token: Schema.String }),
    await fetch(`${sim.url}/api/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: "bench",
        client_secret: clientSecret
      })
    })
  )
  const headers = { authorization: `Bearer ${access_token}`, accept: "application/json" }
  const packageBody = (name: string) => ({
    packageName: name,
    fileName: `${name.replace(/\s/g, "-")}.pkg`,
    categoryId: "-1",
    priority: 10,
    fillUserTemplate: false,
    rebootRequired: false,
    osInstall: false,
    suppressUpdates: false,
    suppressFromDock: false,
    suppressEula: false,
    suppressRegistration: false
  })
  const created = await json(
    WithId,
    await fetch(`${sim.url}/api/v1/packages`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(packageBody("Capacity"))
    })
  )
  return {
    simulator: "jamf",
    sim,
    headers,
    read: { name: "packages/{id}", method: "GET", path: `/api/v1/packages/${created.id}` },
    write: {
      name: "packages",
      method: "POST",
      path: "/api/v1/packages",
      body: (n) => packageBody(`Capacity ${n}`)
    }
  }
}

const awxTarget = async (seed: number): Promise<Target> => {
  const password = `bench-${process.pid}`
  const sim = await startHostedSim({ kind: "awx", seed, password, fleetSize: 100 })
  const headers = { authorization: `Basic ${Buffer.from(`admin:${password}`).toString("base64")}` }
  const inventories = await json(Results, await fetch(`${sim.url}/api/v2/inventories/`, { headers }))
  const hosts = await json(Results, await fetch(`${sim.url}/api/v2/hosts/`, { headers }))
  const inventory = inventories.results[0]?.id
  const host = hosts.results[0]?.id
  if (inventory === undefined || host === undefined)
    throw new Error("the AWX simulator has no fleet inventory")
  return {
    simulator: "awx",
    sim,
    headers,
    read: { name: "hosts/{id}/", method: "GET", path: `/api/v2/hosts/${host}/` },
    write: {
      name: "hosts/",
      method: "POST",
      path: "/api/v2/hosts/",
      body: (n) => ({ name: `capacity-${n}`, inventory })
    }
  }
}

const sccmTarget = async (seed: number): Promise<Target> => {
  const sim = await startHostedSim({ kind: "sccm", seed, devices: 100 })
  // AdminService's integrated route speaks NTLM, a handshake per connection that autocannon cannot do;
  // its token route takes a bearer token the simulator issues for an account, with the same handlers.
  const { access_token } = Schema.decodeUnknownSync(Schema.Struct({ access_token: Schema.String }))(
    await sim.admin("POST", "/_sim/sccm/tokens", { domain: "CONTOSO", user: "cm-admin" })
  )
  const headers = { authorization: `Bearer ${access_token}`, accept: "application/json" }
  const packageBody = (name: string) => ({ Name: name, Version: "1.0", Manufacturer: "Bench" })
  const created = await json(
    Schema.Struct({ PackageID: Schema.String }),
    await fetch(`${sim.url}/AdminService_TokenAuth/wmi/SMS_Package`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(packageBody("Capacity"))
    })
  )
  return {
    simulator: "sccm",
    sim,
    headers,
    read: {
      name: "wmi/SMS_Package('{id}')",
      method: "GET",
      path: `/AdminService_TokenAuth/wmi/SMS_Package('${created.PackageID}')`
    },
    write: {
      name: "wmi/SMS_Package",
      method: "POST",
      path: "/AdminService_TokenAuth/wmi/SMS_Package",
      body: (n) => packageBody(`Capacity ${n}`)
    }
  }
}

const landscapeTarget = async (seed: number): Promise<Target> => {
  const email = "bench@example.test"
  const password = `bench-${process.pid}`
  const sim = await startHostedSim({ kind: "landscape", seed, email, password, fleetSize: 100 })
  // REST v2 with the JWT a password login hands out, as the connector signs in.
  const { token } = await json(
    Schema.Struct({ token: Schema.String }),
    await fetch(`${sim.url}/api/v2/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password })
    })
  )
  const headers = { authorization: `Bearer ${token}` }
  const computers = await json(Results, await fetch(`${sim.url}/api/v2/computers?limit=1`, { headers }))
  const packages = await json(Results, await fetch(`${sim.url}/api/v2/packages?limit=1`, { headers }))
  const computer = computers.results[0]?.id
  const pkg = packages.results[0]?.id
  if (computer === undefined || pkg === undefined) throw new Error("the Landscape simulator has no fleet")
  return {
    simulator: "landscape",
    sim,
    headers,
    read: { name: "computers/{id}", method: "GET", path: `/api/v2/computers/${computer}` },
    // The connector's write: an install activity for a package on a computer.
    write: {
      name: "packages (install)",
      method: "POST",
      path: "/api/v2/packages",
      body: () => ({ action: "install", computer_ids: [computer], package_ids: [pkg] })
    }
  }
}

/**
 * Requests per second each simulator serves on loopback for its most frequent read (one object by id, the
 * lookup before every create) and write (a create), under autocannon with the simulator in its own process.
 */
export const runCapacity = async (options: CapacityOptions): Promise<CapacityResult> => {
  const simulators: SimulatorCapacity[] = []
  for (const start of [graphTarget, jamfTarget, awxTarget, sccmTarget, landscapeTarget]) {
    const target = await start(options.seed)
    try {
      const read = await load(target, target.read, options)
      const write = await load(target, target.write, options)
      simulators.push({ simulator: target.simulator, read, write })
    } finally {
      await target.sim.close()
    }
  }
  return { options, simulators }
}

// The six simulators of a chaos run, in process and on loopback: Vault holding every credential, and the
// five planes, each with a small seeded fleet and the run's canary principals registered.
import { createAwxSimulator } from "@planes/sim-awx"
import { createGraphSimulator } from "@planes/sim-graph"
import { createJamfSimulator } from "@planes/sim-jamf"
import { type RunningServer, type SimKit, type SimLogger, serve } from "@planes/sim-kit"
import { createLandscapeSimulator } from "@planes/sim-landscape"
import { createSccmSimulator } from "@planes/sim-sccm"
import { createVaultSimulator, type VaultSeedInput } from "@planes/sim-vault"
import { Schema } from "effect"
import type { Credentials } from "./canaries.js"

const IssuedToken = Schema.Struct({ access_token: Schema.String })

/** The five plane simulators, by the plane they serve. */
export const simulatorNames = ["graph", "jamf", "sccm", "landscape", "awx"] as const
/** A plane simulator's name. */
export type SimulatorName = (typeof simulatorNames)[number]

/** One simulator on a port: its kit (faults, journal, clock, state) and its URL. */
export interface RunningSimulator {
  readonly name: SimulatorName | "vault"
  readonly kit: SimKit
  readonly url: string
  readonly close: () => Promise<void>
}

/** The running simulators, and the SCCM bearer token minted for the connector. */
export interface Simulators {
  readonly vault: RunningSimulator
  readonly planes: Readonly<Record<SimulatorName, RunningSimulator>>
  readonly sccmToken: string
  /** Writes secrets, policies and AppRoles into Vault (what its `POST /_sim/seed` takes). */
  readonly seedVault: (seed: VaultSeedInput) => void
  readonly close: () => Promise<void>
}

const host = "127.0.0.1"

/** Sends an admin request to a simulator and decodes its JSON answer; throws on a non-2xx answer. */
export const adminCall = async (
  url: string,
  method: string,
  path: string,
  body?: unknown
): Promise<unknown> => {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body !== undefined && { body: JSON.stringify(body) })
  })
  const text = await response.text()
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`)
  return text === "" ? undefined : JSON.parse(text)
}

const served = async (
  name: RunningSimulator["name"],
  sim: { readonly app: Parameters<typeof serve>[0]; readonly kit: SimKit }
): Promise<RunningSimulator> => {
  const server: RunningServer = await serve(sim.app, { port: 0, hostname: host })
  return { name, kit: sim.kit, url: server.url, close: () => server.close() }
}

/**
 * Starts Vault and the five plane simulators with `seed`. Clocks run in real time (Retry-After windows
 * must pass while connectors wait); the run advances them at the end so device states can converge.
 */
export const startSimulators = async (
  seed: number,
  creds: Credentials,
  log: (name: string) => SimLogger
): Promise<Simulators> => {
  const started: Array<RunningSimulator> = []
  const start = async (
    name: RunningSimulator["name"],
    sim: { readonly app: Parameters<typeof serve>[0]; readonly kit: SimKit }
  ) => {
    const running = await served(name, sim)
    started.push(running)
    return running
  }
  try {
    const vaultSim = createVaultSimulator({ rootToken: creds.vaultRootToken, log: log("vault") })
    const vault = await start("vault", vaultSim)
    const graph = await start(
      "graph",
      createGraphSimulator({
        seed,
        log: log("graph"),
        journalCapacity: 5_000,
        defaultTenant: creds.intune.tenantId,
        clients: [
          { clientId: creds.intune.clientId, secret: creds.intune.clientSecret },
          { clientId: creds.intune.certClientId, certificatePem: creds.intune.certificatePem }
        ],
        settings: {
          listConsistencyDelayMs: 0,
          sasDelayMs: 5,
          renewDelayMs: 5,
          commitDelayMs: 5,
          publishDelayMs: 5,
          installMinDelayMs: 5_000,
          installMaxDelayMs: 60_000,
          installFailureRate: 0.3,
          retrySuccessRate: 1,
          syncInstallDelayMs: 1_000
        },
        fleet: { size: 12 },
        throttle: { enabled: false }
      })
    )
    const jamfSim = createJamfSimulator({ seed, log: log("jamf") })
    jamfSim.seed({
      computers: 8,
      settings: { hashDelayMs: 0 },
      clients: [{ clientId: creds.jamf.clientId, clientSecret: creds.jamf.clientSecret, privileges: ["*"] }],
      users: [{ username: creds.jamf.username, password: creds.jamf.password, privileges: ["*"] }]
    })
    const jamf = await start("jamf", jamfSim)
    const sccm = await start(
      "sccm",
      createSccmSimulator({
        seed,
        log: log("sccm"),
        journalCapacity: 5_000,
        devices: 12,
        settings: {
          membershipDelayMs: 10,
          distributionDelayMs: 10,
          clientOperationDelayMs: 1_000,
          failureRate: 0.3,
          unknownRate: 0,
          requirementsNotMetRate: 0.05,
          retrySuccessRate: 1
        }
      })
    )
    const landscapeSim = createLandscapeSimulator({
      seed,
      log: log("landscape"),
      users: [
        {
          email: "planes-chaos@example.com",
          name: "planes chaos",
          password: creds.landscape.password,
          accessKey: creds.landscape.accessKey,
          secretKey: creds.landscape.secretKey,
          accounts: ["standalone"]
        }
      ]
    })
    const landscape = await start("landscape", landscapeSim)
    const awxSim = createAwxSimulator({
      seed,
      log: log("awx"),
      admin: { username: "admin", password: creds.ansible.adminPassword },
      fleetSize: 4,
      settings: { lifecycle: { projectUpdateMs: 0 } }
    })
    awxSim.seed({
      settings: { lifecycle: { projectUpdateMs: 0 }, outcomes: { failureRate: 0, unreachableRate: 0 } },
      tokens: [{ token: creds.ansible.token, username: "admin", scope: "write" }],
      inventories: [
        {
          name: "Chaos",
          hosts: [
            { name: "web1", platform: "ubuntu-24.04", behaviour: "ok" },
            { name: "web2", platform: "rhel-9", behaviour: "failed" },
            { name: "db1", platform: "ubuntu-22.04", behaviour: "ok" }
          ]
        }
      ]
    })
    const awx = await start("awx", awxSim)

    await adminCall(landscape.url, "POST", "/_sim/seed", {
      fleetSize: 0,
      computers: [1, 2, 3, 4, 5].map((id) => ({
        id,
        hostname: `web-0${id}`,
        tags: ["server", "ring-0"],
        packages: { curl: "7.81.0-1ubuntu1.14" }
      })),
      catalogue: [
        { name: "curl", version: "7.81.0-1ubuntu1.16", mirror: true, public: false },
        { name: "curl", version: "7.81.0-1ubuntu1.17", mirror: true, public: false }
      ],
      settings: { exchangeIntervalSeconds: 0, executionSeconds: 1, syncSeconds: 0.05, pullSeconds: 0.05 }
    })
    await adminCall(sccm.url, "POST", "/_sim/sccm/accounts", {
      domain: creds.sccm.domain,
      user: creds.sccm.user,
      password: creds.sccm.password
    })
    // A static bearer token through the token route (NTLM is connection-bound; the control plane's fetch
    // transport cannot hold one connection per origin), valid for a simulated week.
    const token = Schema.decodeUnknownSync(IssuedToken)(
      await adminCall(sccm.url, "POST", "/_sim/sccm/tokens", {
        domain: creds.sccm.domain,
        user: creds.sccm.user,
        ttlSeconds: 7 * 24 * 3600
      })
    )
    return {
      vault,
      planes: { graph, jamf, sccm, landscape, awx },
      sccmToken: token.access_token,
      seedVault: (input) => vaultSim.seed(input),
      close: async () => {
        await Promise.allSettled(started.map((s) => s.close()))
      }
    }
  } catch (error) {
    await Promise.allSettled(started.map((s) => s.close()))
    throw error
  }
}

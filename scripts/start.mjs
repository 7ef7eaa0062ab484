// `npm start`: the Vault simulator, the five plane simulators (each with a demo fleet) and the control
// plane, all on loopback. Every credential is generated for this run, registered with its simulator and
// held in Vault; the control plane resolves them through VAULT_ADDR/VAULT_TOKEN like it would in
// production. The URLs and the admin key go to stdout and to <data dir>/stack/stack.json, which
// `npm run demo` reads. Stop with Ctrl-C.
import { randomBytes, randomUUID } from "node:crypto"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"

const base = Number(process.env.PLANES_PORT_BASE ?? "4700")
const host = "127.0.0.1"
const dataDir = resolve(process.env.PLANES_DATA_DIR ?? ".data")
const stackDir = join(dataDir, "stack")
const secret = () => randomBytes(18).toString("base64url")

const { serve, silentLogger } = await import("@planes/sim-kit")
const { createVaultSimulator } = await import("@planes/sim-vault")
const { createGraphSimulator } = await import("@planes/sim-graph")
const { createJamfSimulator } = await import("@planes/sim-jamf")
const { createSccmSimulator } = await import("@planes/sim-sccm")
const { createLandscapeSimulator } = await import("@planes/sim-landscape")
const { createAwxSimulator } = await import("@planes/sim-awx")
const { checkConfig, startServer } = await import("@planes/control-plane")
const { Effect } = await import("effect")

// One principal per connector (separation of duties), every secret fresh for this run.
const creds = {
  vaultToken: `demo-${randomBytes(12).toString("hex")}`,
  adminKey: `pk_demo_${randomBytes(16).toString("hex")}`,
  intune: { tenantId: randomUUID(), clientId: randomUUID(), clientSecret: secret() },
  jamf: { clientId: "planes-demo", clientSecret: secret() },
  sccm: { domain: "CONTOSO", user: "planes-demo", password: secret() },
  landscape: { accessKey: `AK${randomBytes(9).toString("hex").toUpperCase()}`, secretKey: secret() },
  ansible: { username: "admin", password: secret() }
}
const log = silentLogger

// Simulated clocks: frozen where a plane can wait on them (the demo advances them explicitly, so the
// rollout never depends on wall-clock speed); SCCM and Landscape run in real time from their start
// because the connectors poll for membership and repository syncs that settle in milliseconds.
const simulators = [
  ["vault", createVaultSimulator({ rootToken: creds.vaultToken, log })],
  [
    "graph",
    createGraphSimulator({
      seed: 20261125,
      log,
      defaultTenant: creds.intune.tenantId,
      clients: [{ clientId: creds.intune.clientId, secret: creds.intune.clientSecret }],
      settings: {
        listConsistencyDelayMs: 0,
        sasDelayMs: 20,
        renewDelayMs: 20,
        commitDelayMs: 20,
        publishDelayMs: 20,
        installMinDelayMs: 60_000,
        installMaxDelayMs: 600_000,
        installFailureRate: 0.3,
        retrySuccessRate: 1,
        syncInstallDelayMs: 1_000
      },
      fleet: { size: 24 },
      throttle: { enabled: false }
    })
  ],
  ["jamf", createJamfSimulator({ seed: 20261125, log, clock: { frozen: true } })],
  [
    "sccm",
    createSccmSimulator({
      seed: 20261125,
      log,
      devices: 30,
      settings: {
        membershipDelayMs: 30,
        distributionDelayMs: 40,
        clientOperationDelayMs: 1_000,
        failureRate: 0.3,
        unknownRate: 0,
        requirementsNotMetRate: 0.05,
        retrySuccessRate: 1
      }
    })
  ],
  [
    "landscape",
    createLandscapeSimulator({
      seed: 20261125,
      log,
      users: [
        {
          email: "planes-demo@example.com",
          name: "planes demo",
          password: secret(),
          accessKey: creds.landscape.accessKey,
          secretKey: creds.landscape.secretKey,
          accounts: ["standalone"]
        }
      ]
    })
  ],
  [
    "awx",
    createAwxSimulator({
      seed: 20261125,
      log,
      clock: { frozen: true },
      admin: { username: creds.ansible.username, password: creds.ansible.password },
      fleetSize: 6,
      settings: { lifecycle: { projectUpdateMs: 0 } }
    })
  ]
]

const running = []
const stopAll = async () => {
  await Promise.allSettled(running.map((r) => r.close()))
}
const urls = {}
try {
  for (const [index, [name, sim]] of simulators.entries()) {
    const server = await serve(sim.app, { port: base + index, hostname: host })
    running.push(server)
    urls[name] = server.url
  }

  // Registrations the factories do not take, through each simulator's admin API.
  const admin = async (name, method, path, body) => {
    const response = await fetch(`${urls[name]}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body !== undefined && { body: JSON.stringify(body) })
    })
    const text = await response.text()
    if (response.status >= 400) throw new Error(`${name} ${method} ${path}: ${response.status} ${text}`)
    return text === "" ? undefined : JSON.parse(text)
  }
  await admin("jamf", "POST", "/_sim/seed", {
    computers: 12,
    settings: { hashDelayMs: 0 },
    clients: [{ clientId: creds.jamf.clientId, clientSecret: creds.jamf.clientSecret, privileges: ["*"] }]
  })
  await admin("sccm", "POST", "/_sim/sccm/accounts", {
    domain: creds.sccm.domain,
    user: creds.sccm.user,
    password: creds.sccm.password
  })
  // A small Landscape fleet on an older curl, and the newer curl on the mirror only (reaching computers
  // through the pocket the connector creates).
  await admin("landscape", "POST", "/_sim/seed", {
    fleetSize: 0,
    computers: [1, 2, 3, 4, 5].map((id) => ({
      id,
      hostname: `web-0${id}`,
      tags: ["server", "ring-0"],
      packages: { curl: "7.81.0-1ubuntu1.14" }
    })),
    catalogue: [{ name: "curl", version: "7.81.0-1ubuntu1.17", mirror: true, public: false }],
    settings: { exchangeIntervalSeconds: 0, executionSeconds: 1, syncSeconds: 0.15, pullSeconds: 0.1 }
  })
  // An AWX inventory with one healthy host and two that fail, so the demo has something to remediate.
  await admin("awx", "POST", "/_sim/seed", {
    settings: { lifecycle: { projectUpdateMs: 0 }, outcomes: { failureRate: 0, unreachableRate: 0 } },
    inventories: [
      {
        name: "Demo",
        hosts: [
          { name: "web1", platform: "ubuntu-24.04", behaviour: "ok" },
          { name: "web2", platform: "rhel-9", behaviour: "failed" },
          { name: "db1", platform: "ubuntu-22.04", behaviour: "unreachable" }
        ]
      }
    ]
  })

  // Every connector's credential in Vault, one path per plane; the admin key too.
  const { vaultToken, adminKey, ...planeCreds } = creds
  const vault = simulators[0][1]
  vault.seed({
    secrets: [
      { path: "secret/planes/control-plane", data: { admin_key: adminKey } },
      { path: "secret/planes/intune", data: { client_secret: planeCreds.intune.clientSecret } },
      { path: "secret/planes/jamf", data: { client_secret: planeCreds.jamf.clientSecret } },
      { path: "secret/planes/sccm", data: { password: planeCreds.sccm.password } },
      {
        path: "secret/planes/landscape",
        data: { access_key: planeCreds.landscape.accessKey, secret_key: planeCreds.landscape.secretKey }
      },
      { path: "secret/planes/ansible", data: { password: planeCreds.ansible.password } }
    ]
  })
  process.env.VAULT_ADDR = urls.vault
  process.env.VAULT_TOKEN = vaultToken

  // The simulators are fresh every run, so a store from an earlier run would only name objects that no
  // longer exist: start the control plane's store empty too.
  rmSync(stackDir, { recursive: true, force: true })
  mkdirSync(stackDir, { recursive: true })
  const ref = (plane, field) => ({ _tag: "secret", secret: `vault:secret/planes/${plane}#${field}` })
  const targets = [
    {
      name: "intune",
      plane: "intune",
      settings: {
        tenantId: creds.intune.tenantId,
        clientId: creds.intune.clientId,
        credential: ref("intune", "client_secret"),
        authorityUrl: urls.graph,
        graphUrl: urls.graph,
        uploadBlockSize: 65_536,
        pollIntervalSeconds: 0.05,
        pollTimeoutSeconds: 30,
        listConsistencySeconds: 1
      }
    },
    {
      name: "jamf",
      plane: "jamf",
      settings: {
        baseUrl: urls.jamf,
        auth: {
          _tag: "clientCredentials",
          clientId: creds.jamf.clientId,
          clientSecret: "vault:secret/planes/jamf#client_secret"
        },
        hashPollIntervalSeconds: 0.05,
        hashPollTimeoutSeconds: 30
      }
    },
    {
      name: "sccm",
      plane: "sccm",
      settings: {
        baseUrl: `${urls.sccm}/AdminService`,
        // Windows integrated auth (NTLMv2) with the connector's own service account, as on a real site.
        auth: {
          _tag: "ntlm",
          domain: creds.sccm.domain,
          user: creds.sccm.user,
          password: "vault:secret/planes/sccm#password"
        },
        siteId: "11111111-2222-3333-4444-555555555555",
        contentShare: "\\\\cm01.contoso.com\\sources$\\planes",
        distributionPointGroups: ["All DPs"],
        membershipTimeoutSeconds: 30,
        membershipPollSeconds: 0.05,
        distributionPollSeconds: 0.05
      }
    },
    {
      name: "landscape",
      plane: "landscape",
      settings: {
        url: urls.landscape,
        auth: {
          _tag: "accessKey",
          accessKey: "vault:secret/planes/landscape#access_key",
          secretKey: "vault:secret/planes/landscape#secret_key"
        },
        repository: {
          distribution: "ubuntu",
          series: "jammy",
          pocket: "updates",
          mode: "mirror",
          mirrorUri: "http://archive.ubuntu.com/ubuntu",
          profile: { tags: ["ring-0"] }
        },
        pollIntervalSeconds: 0.05,
        pollTimeoutSeconds: 30
      }
    },
    {
      name: "ansible",
      plane: "ansible",
      settings: {
        url: urls.awx,
        auth: {
          _tag: "basic",
          username: creds.ansible.username,
          password: "vault:secret/planes/ansible#password"
        },
        project: { scmUrl: "https://git.example.com/planes/playbooks.git", scmBranch: "main" },
        defaultInventory: "Demo",
        pollIntervalSeconds: 0.05,
        projectSyncTimeoutSeconds: 30
      }
    }
  ]
  const config = await Effect.runPromise(
    checkConfig({
      dataDir: stackDir,
      host,
      port: base + simulators.length,
      bootstrapAdminKey: "vault:secret/planes/control-plane#admin_key",
      targets
    })
  )
  const controlPlane = await startServer(config)
  running.push(controlPlane)

  const stack = {
    controlPlane: controlPlane.url,
    adminKey,
    simulators: Object.fromEntries(Object.entries(urls).filter(([name]) => name !== "vault")),
    vault: { url: urls.vault, token: vaultToken },
    dataDir: stackDir
  }
  // Holds the admin key and the Vault token for this run: readable by this user only.
  writeFileSync(join(stackDir, "stack.json"), `${JSON.stringify(stack, null, 2)}\n`, { mode: 0o600 })

  console.log("planes is running:")
  console.log(`  control plane  ${controlPlane.url}   (API reference: ${controlPlane.url}/docs)`)
  for (const [name, url] of Object.entries(urls)) console.log(`  ${name.padEnd(13)}  ${url}`)
  console.log(`\nAdmin API key for this run: ${adminKey}`)
  console.log(`Vault root token for this run: ${vaultToken}`)
  console.log(`State file: ${join(stackDir, "stack.json")}`)
  console.log("\nNext, in another terminal:")
  console.log("  npm run demo")
  console.log(`  curl -s -H "Authorization: Bearer ${adminKey}" ${controlPlane.url}/v1/keys`)
  console.log(
    `  PLANES_URL=${controlPlane.url} PLANES_API_KEY=${adminKey} node apps/control-plane/dist/cli/main.js keys list`
  )
  console.log("\nStop with Ctrl-C.")
} catch (error) {
  console.error("planes could not start:", error)
  await stopAll()
  process.exit(1)
}

const stop = async () => {
  await stopAll()
  rmSync(join(stackDir, "stack.json"), { force: true })
  process.exit(0)
}
process.once("SIGINT", stop)
process.once("SIGTERM", stop)

// The control plane of a chaos run: every credential in Vault (read through AppRole, as in production),
// one target per principal, fast retries that still honour Retry-After, and every log line captured.
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { HttpClient } from "@effect/platform"
import { checkConfig, type RunningControlPlane, startServer } from "@planes/control-plane"
import { RetryPolicy, SecretStore } from "@planes/core"
import { Effect, Layer, Logger, LogLevel, Option, Redacted } from "effect"
import type { Credentials } from "./canaries.js"
import type { Simulators } from "./simulators.js"

/** A target of the run: its name in the control plane and the simulator behind it. */
export interface ChaosTarget {
  readonly name: string
  readonly plane: "intune" | "jamf" | "sccm" | "landscape" | "ansible"
}

/** One principal per target: the five planes, plus Intune by certificate and Jamf by user account. */
export const chaosTargets: ReadonlyArray<ChaosTarget> = [
  { name: "intune", plane: "intune" },
  { name: "intune-cert", plane: "intune" },
  { name: "jamf", plane: "jamf" },
  { name: "jamf-user", plane: "jamf" },
  { name: "sccm", plane: "sccm" },
  { name: "landscape", plane: "landscape" },
  { name: "ansible", plane: "ansible" }
]

/** The running control plane and its data directory (the SQLite store lives there). */
export interface ChaosControlPlane {
  readonly url: string
  readonly dataDir: string
  readonly close: () => Promise<void>
}

const ref = (path: string, field: string) => `vault:secret/planes/${path}#${field}`

const vaultSeed = (sims: Simulators, creds: Credentials) => ({
  policies: [{ name: "planes-read", paths: { "secret/data/planes/*": ["read"] } }],
  approles: [
    {
      name: "planes-control-plane",
      roleId: creds.vaultRoleId,
      secretIds: [creds.vaultSecretId] as const,
      policies: ["planes-read"]
    }
  ],
  secrets: [
    { path: "secret/planes/control-plane", data: { admin_key: creds.adminKey } },
    { path: "secret/planes/intune", data: { client_secret: creds.intune.clientSecret } },
    {
      path: "secret/planes/intune-cert",
      data: { certificate: creds.intune.certificatePem, private_key: creds.intune.privateKeyPem }
    },
    { path: "secret/planes/jamf", data: { client_secret: creds.jamf.clientSecret } },
    { path: "secret/planes/jamf-user", data: { password: creds.jamf.password } },
    { path: "secret/planes/sccm", data: { token: sims.sccmToken } },
    {
      path: "secret/planes/landscape",
      data: { access_key: creds.landscape.accessKey, secret_key: creds.landscape.secretKey }
    },
    { path: "secret/planes/ansible", data: { token: creds.ansible.token } }
  ]
})

const targetSettings = (sims: Simulators, creds: Credentials) => {
  const graph = sims.planes.graph.url
  const intune = (clientId: string, credential: unknown) => ({
    tenantId: creds.intune.tenantId,
    clientId,
    credential,
    authorityUrl: graph,
    graphUrl: graph,
    uploadBlockSize: 65_536,
    pollIntervalSeconds: 0.05,
    pollTimeoutSeconds: 30,
    listConsistencySeconds: 1
  })
  const jamf = (auth: unknown) => ({
    baseUrl: sims.planes.jamf.url,
    auth,
    hashPollIntervalSeconds: 0.05,
    hashPollTimeoutSeconds: 30
  })
  return [
    {
      name: "intune",
      plane: "intune",
      settings: intune(creds.intune.clientId, { _tag: "secret", secret: ref("intune", "client_secret") })
    },
    {
      name: "intune-cert",
      plane: "intune",
      settings: intune(creds.intune.certClientId, {
        _tag: "certificate",
        certificate: ref("intune-cert", "certificate"),
        privateKey: ref("intune-cert", "private_key")
      })
    },
    {
      name: "jamf",
      plane: "jamf",
      settings: jamf({
        _tag: "clientCredentials",
        clientId: creds.jamf.clientId,
        clientSecret: ref("jamf", "client_secret")
      })
    },
    {
      name: "jamf-user",
      plane: "jamf",
      settings: jamf({
        _tag: "userToken",
        username: creds.jamf.username,
        password: ref("jamf-user", "password")
      })
    },
    {
      name: "sccm",
      plane: "sccm",
      settings: {
        baseUrl: `${sims.planes.sccm.url}/AdminService_TokenAuth`,
        auth: { _tag: "bearer", token: ref("sccm", "token") },
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
        url: sims.planes.landscape.url,
        auth: {
          _tag: "accessKey",
          accessKey: ref("landscape", "access_key"),
          secretKey: ref("landscape", "secret_key")
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
        url: sims.planes.awx.url,
        auth: { _tag: "token", token: ref("ansible", "token") },
        project: { scmUrl: "https://git.example.com/planes/playbooks.git", scmBranch: "main" },
        defaultInventory: "Chaos",
        pollIntervalSeconds: 0.05,
        projectSyncTimeoutSeconds: 30
      }
    }
  ]
}

/** Starts the control plane over the simulators on `transport`; every log line at every level goes to `onLog`. */
export const startControlPlane = async (
  sims: Simulators,
  creds: Credentials,
  seedVaultWith: Simulators["seedVault"],
  transport: Layer.Layer<HttpClient.HttpClient>,
  onLog: (line: string) => void
): Promise<ChaosControlPlane> => {
  seedVaultWith(vaultSeed(sims, creds))
  const dataDir = await mkdtemp(join(tmpdir(), "planes-chaos-"))
  const config = await Effect.runPromise(
    checkConfig(
      {
        dataDir,
        host: "127.0.0.1",
        port: 0,
        bootstrapAdminKey: ref("control-plane", "admin_key"),
        targets: targetSettings(sims, creds)
      },
      Option.none()
    )
  )
  // Logs at every level, through the same logfmt rendering the default logger uses, into the capture.
  const capture = Logger.replace(
    Logger.defaultLogger,
    Logger.map(Logger.logfmtLogger, (line) => onLog(line))
  )
  const http = Layer.mergeAll(transport, capture, Logger.minimumLogLevel(LogLevel.All))
  const running: RunningControlPlane = await startServer(config, {
    http,
    secrets: SecretStore.layerVault({
      address: sims.vault.url,
      auth: {
        _tag: "AppRole",
        roleId: Redacted.make(creds.vaultRoleId),
        secretId: Redacted.make(creds.vaultSecretId)
      }
    }),
    // Quick backoff so a run stays short; Retry-After still stretches each wait to what the plane said.
    retry: RetryPolicy.layer({
      maxAttempts: 6,
      baseDelay: "20 millis",
      maxDelay: "400 millis",
      budget: "30 seconds"
    })
  })
  return {
    url: running.url,
    dataDir,
    close: async () => {
      await running.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  }
}

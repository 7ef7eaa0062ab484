import { createHash, randomBytes } from "node:crypto"
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { FetchHttpClient } from "@effect/platform"
import { RetryPolicy, SecretStore } from "@planes/core"
import { packIntuneWin } from "@planes/intunewin"
import { createGraphSimulator } from "@planes/sim-graph"
import { type RunningServer, serve } from "@planes/sim-kit"
import { Effect, Layer, Option, Redacted } from "effect"
import { type RunningControlPlane, startServer } from "../../src/app/server.js"
import { checkConfig } from "../../src/config/loadConfig.js"

/** The simulator's default tenant. */
export const tenantId = "11111111-1111-4111-8111-111111111111"
const writerId = "8c2f3d1e-0000-4000-8000-00000000c0de"
const readerId = "8c2f3d1e-0000-4000-8000-0000000read"
// Minted per run: never a real credential.
const writerSecret = `test-secret-${randomBytes(8).toString("hex")}`
const readerSecret = `reader-secret-${randomBytes(8).toString("hex")}`
/** The bootstrap admin key the test configuration names. */
export const adminKey = `pk_test_${randomBytes(16).toString("hex")}`

const secrets: Record<string, string> = {
  "env:WRITER_SECRET": writerSecret,
  "env:READER_SECRET": readerSecret,
  "env:ADMIN_KEY": adminKey
}

/** A SecretStore over the test credentials only. */
export const testSecrets = Layer.succeed(SecretStore, {
  resolve: (reference: string) => Effect.sync(() => Redacted.make(secrets[reference] ?? "not-the-secret"))
})

/** A Graph simulator on a free port with a writer and a read-only app registration. */
export const startSimulator = async () => {
  const sim = createGraphSimulator({
    seed: 20261125,
    defaultTenant: tenantId,
    clients: [
      { clientId: writerId, secret: writerSecret },
      { clientId: readerId, secret: readerSecret, roles: ["DeviceManagementApps.Read.All"] }
    ],
    settings: {
      listConsistencyDelayMs: 0,
      sasDelayMs: 20,
      renewDelayMs: 20,
      commitDelayMs: 20,
      publishDelayMs: 20,
      installMinDelayMs: 60_000,
      installMaxDelayMs: 600_000,
      // High enough that a run without any failed device (which the remediation test needs) is all but impossible.
      installFailureRate: 0.75,
      retrySuccessRate: 1,
      syncInstallDelayMs: 1_000
    },
    fleet: { size: 24 },
    throttle: { enabled: false }
  })
  const server: RunningServer = await serve(sim.app, { port: 0, hostname: "127.0.0.1" })
  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body !== undefined && { body: JSON.stringify(body) })
    })
    const text = await response.text()
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`)
    return (text === "" ? undefined : JSON.parse(text)) as T
  }
  return { url: server.url, admin, close: () => server.close() }
}

/** The Intune settings of a target on the simulator. */
export const intuneSettings = (url: string, reader = false) => ({
  tenantId,
  clientId: reader ? readerId : writerId,
  credential: { _tag: "secret", secret: reader ? "env:READER_SECRET" : "env:WRITER_SECRET" },
  authorityUrl: url,
  graphUrl: url,
  writeLimit: { requests: 10_000, perSeconds: 1 },
  uploadBlockSize: 4096,
  pollIntervalSeconds: 0.02,
  pollTimeoutSeconds: 5,
  listConsistencySeconds: 1
})

/** Starts the control plane on a free port over a fresh SQLite directory. */
export const startControlPlane = async (
  targets: ReadonlyArray<unknown>,
  extra: Record<string, unknown> = {}
) => {
  const dataDir = await mkdtemp(join(tmpdir(), "planes-cp-"))
  const config = await Effect.runPromise(
    checkConfig({ dataDir, port: 0, bootstrapAdminKey: "env:ADMIN_KEY", targets, ...extra }, Option.none())
  )
  const running: RunningControlPlane = await startServer(config, {
    http: FetchHttpClient.layer,
    secrets: testSecrets,
    retry: RetryPolicy.layer({
      maxAttempts: 3,
      baseDelay: "10 millis",
      maxDelay: "50 millis",
      budget: "3 seconds"
    })
  })
  return {
    ...running,
    dataDir,
    close: async () => {
      await running.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  }
}

/** A packed .intunewin of a random installer, and the package intent (as JSON) naming it. */
export const packArtifact = async (name: string, version: string) => {
  const folder = await mkdtemp(join(tmpdir(), "planes-cp-src-"))
  await writeFile(join(folder, "setup.exe"), randomBytes(5_000))
  const packed = await Effect.runPromise(
    packIntuneWin({
      sourceFolder: folder,
      setupFile: "setup.exe",
      outputFile: join(folder, "out", "setup.intunewin")
    })
  )
  const content = await readFile(packed.outputFile)
  const intent = {
    name,
    version,
    publisher: "Contoso",
    platform: "windows",
    architecture: "x64",
    artifact: {
      location: pathToFileURL(packed.outputFile).toString(),
      sha256: createHash("sha256").update(content).digest("hex"),
      size: (await stat(packed.outputFile)).size,
      fileName: "setup.intunewin"
    },
    installCommand: "setup.exe /S",
    uninstallCommand: "setup.exe /uninstall /S",
    detection: [{ _tag: "file", path: "C:\\Program Files\\Contoso", name: "tool.exe", check: "exists" }]
  }
  return { intent, cleanup: () => rm(folder, { recursive: true, force: true }) }
}

/** A small HTTP client for the API under test. */
export const client = (base: string) => {
  const call = async (
    method: string,
    path: string,
    options: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}
  ) => {
    const headers: Record<string, string> = { ...options.headers }
    if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`
    if (options.body !== undefined || options.rawBody !== undefined)
      headers["content-type"] = "application/json"
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(options.rawBody !== undefined
        ? { body: options.rawBody }
        : options.body !== undefined && { body: JSON.stringify(options.body) })
    })
    const text = await response.text()
    const type = response.headers.get("content-type") ?? ""
    const json =
      type.includes("json") && !type.includes("ndjson") && text !== "" ? JSON.parse(text) : undefined
    return { status: response.status, headers: response.headers, json, text }
  }
  return call
}

import { type ChildProcess, spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { createAwxSimulator } from "@planes/sim-awx"
import { type SimForTests, silentLogger, startForTests } from "@planes/sim-kit"
import { createLandscapeSimulator } from "@planes/sim-landscape"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { client } from "../support/harness.js"

// Crash safety: the built control plane runs as a child process and is killed with SIGKILL while a
// publish to two planes is in flight, then started again on the same store. Both simulators' clocks stand
// still until the kill, so each plane is certainly mid-publish (Landscape's pocket sync and AWX's project
// sync cannot finish), however fast or slow this machine is.

const main = resolve(import.meta.dirname, "../../dist/main.js")
const secret = () => randomBytes(12).toString("hex")
const creds = {
  adminKey: `pk_test_${secret()}`,
  landscape: { accessKey: `AK${secret().toUpperCase()}`, secretKey: secret(), password: secret() },
  awx: { username: "admin", password: secret() }
}

const curl = {
  name: "curl",
  version: "7.81.0-1ubuntu1.17",
  publisher: "Ubuntu",
  platform: "linux",
  architecture: "x64",
  artifact: {
    location: "https://archive.ubuntu.com/ubuntu/pool/main/c/curl/curl_7.81.0-1ubuntu1.17_amd64.deb",
    sha256: "c".repeat(64),
    size: 226_000,
    fileName: "curl_7.81.0-1ubuntu1.17_amd64.deb"
  },
  installCommand: "apt-get install -y curl=7.81.0-1ubuntu1.17",
  uninstallCommand: "apt-get remove -y curl",
  detection: [{ _tag: "package", packageName: "curl", version: "7.81.0-1ubuntu1.17" }]
}

let landscape: SimForTests
let awx: SimForTests
let dataDir: string
let configFile: string
let app: ChildProcess | undefined

const freeze = (sim: SimForTests, frozen: boolean) => sim.admin("PUT", "/_sim/clock", { frozen })

/** Starts the built control plane; resolves with its URL once it listens. */
const startApp = (): Promise<{ child: ChildProcess; url: string }> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [main], {
      env: {
        ...process.env,
        PLANES_CONFIG: configFile,
        PLANES_OPERATION_LEASE_SECONDS: "1",
        CRASH_ADMIN_KEY: creds.adminKey,
        CRASH_LS_ACCESS_KEY: creds.landscape.accessKey,
        CRASH_LS_SECRET_KEY: creds.landscape.secretKey,
        CRASH_LS_PASSWORD: creds.landscape.password,
        CRASH_AWX_PASSWORD: creds.awx.password
      }
    })
    app = child
    let output = ""
    const timer = setTimeout(() => fail(new Error(`the control plane did not start:\n${output}`)), 60_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1]
      if (url !== undefined) {
        clearTimeout(timer)
        done({ child, url })
      }
    }
    child.stdout?.on("data", read)
    child.stderr?.on("data", read)
    child.once("exit", (code) => {
      clearTimeout(timer)
      fail(new Error(`the control plane exited ${code}:\n${output}`))
    })
  })

/** Polls `probe` until it holds; a generous bound only limits a failing wait. */
const until = async (what: string, probe: () => Promise<boolean>) => {
  const deadline = Date.now() + 60_000
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

const store = async <T>(sim: SimForTests, name: string): Promise<T> => {
  const snapshot = (await sim.state()) as unknown as { stores: Record<string, Record<string, unknown>> }
  const stores = snapshot.stores[name] ?? {}
  return (stores.standalone ?? stores.default ?? Object.values(stores)[0]) as T
}

beforeAll(async () => {
  const ls = createLandscapeSimulator({
    seed: 7,
    log: silentLogger,
    users: [
      {
        email: "planes@example.com",
        name: "planes",
        password: creds.landscape.password,
        accessKey: creds.landscape.accessKey,
        secretKey: creds.landscape.secretKey,
        accounts: ["standalone"]
      }
    ]
  })
  landscape = await startForTests(ls.app)
  await landscape.admin("POST", "/_sim/seed", {
    fleetSize: 0,
    computers: [1, 2, 3].map((id) => ({
      id,
      hostname: `web-0${id}`,
      tags: ["server", "ring-0"],
      packages: { curl: "7.81.0-1ubuntu1.14" }
    })),
    catalogue: [{ name: "curl", version: curl.version, mirror: true, public: false }],
    settings: { exchangeIntervalSeconds: 0, executionSeconds: 1, syncSeconds: 0.15, pullSeconds: 0.1 }
  })
  const aw = createAwxSimulator({
    seed: 7,
    log: silentLogger,
    admin: creds.awx,
    fleetSize: 3,
    settings: { lifecycle: { projectUpdateMs: 1_000 } }
  })
  awx = await startForTests(aw.app)
  await awx.admin("POST", "/_sim/seed", {
    inventories: [{ name: "Linux", hosts: [{ name: "web1", platform: "ubuntu-24.04", behaviour: "ok" }] }]
  })
  dataDir = await mkdtemp(join(tmpdir(), "planes-crash-"))
  configFile = join(dataDir, "config.json")
  await writeFile(
    configFile,
    JSON.stringify({
      dataDir,
      port: 0,
      bootstrapAdminKey: "env:CRASH_ADMIN_KEY",
      targets: [
        {
          name: "landscape",
          plane: "landscape",
          settings: {
            url: landscape.url,
            // HMAC-signed calls on purpose: the restarted process does not know which signatures the dead
            // one used, so this also proves the connector never signs ahead of the clock.
            auth: {
              _tag: "accessKey",
              accessKey: "env:CRASH_LS_ACCESS_KEY",
              secretKey: "env:CRASH_LS_SECRET_KEY"
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
            pollTimeoutSeconds: 120
          }
        },
        {
          name: "ansible",
          plane: "ansible",
          settings: {
            url: awx.url,
            auth: { _tag: "basic", username: creds.awx.username, password: "env:CRASH_AWX_PASSWORD" },
            project: { scmUrl: "https://git.example.com/planes/playbooks.git", scmBranch: "main" },
            defaultInventory: "Linux",
            pollIntervalSeconds: 0.05,
            projectSyncTimeoutSeconds: 120
          }
        }
      ]
    })
  )
}, 60_000)

afterAll(async () => {
  app?.kill("SIGKILL")
  await Promise.allSettled([landscape?.close(), awx?.close()])
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true })
})

describe("crash safety", () => {
  it("a publish to two planes killed mid-way completes after a restart, one object per plane", async () => {
    await freeze(landscape, true)
    await freeze(awx, true)
    const first = await startApp()
    const call = client(first.url)
    const idempotencyKey = `crash-${secret()}`
    const publish = () =>
      call("POST", "/v1/packages", {
        key: creds.adminKey,
        body: { package: curl },
        headers: { "idempotency-key": idempotencyKey }
      })
    const inFlight = publish().catch((error: unknown) => error)

    // Both planes are mid-publish: Landscape's sync runs, AWX's project waits for its first update.
    await until("a Landscape sync is running", async () => {
      const activities = await store<{ items: ReadonlyArray<{ type: string }> } | undefined>(
        landscape,
        "activities"
      )
      return activities?.items.some((a) => a.type === "SyncPocketRequest") ?? false
    })
    await until("the AWX project is polled", async () => {
      const polls = (await awx.journal()).filter((e) => /^\/api\/v2\/projects\/\d+\/$/.test(e.path))
      return polls.length >= 2
    })
    first.child.kill("SIGKILL")
    expect(await inFlight).toBeInstanceOf(Error)

    // Time moves again and the app comes back on the same store.
    await freeze(landscape, false)
    await freeze(awx, false)
    const second = await startApp()
    const again = client(second.url)
    let answer = await again("POST", "/v1/packages", {
      key: creds.adminKey,
      body: { package: curl },
      headers: { "idempotency-key": idempotencyKey }
    })
    // While the resumed operation runs, its key answers 409; once it ends the stored answer replays.
    const deadline = Date.now() + 60_000
    while (answer.status === 409 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100))
      answer = await again("POST", "/v1/packages", {
        key: creds.adminKey,
        body: { package: curl },
        headers: { "idempotency-key": idempotencyKey }
      })
    }
    // The whole answer on a mismatch says which plane failed and why.
    expect({ status: answer.status, body: answer.json }).toMatchObject({ status: 201 })
    expect(answer.headers.get("idempotent-replayed")).toBe("true")
    expect(answer.json).toMatchObject({ kind: "publish", status: "succeeded" })
    const operationId = String(answer.json.operationId)
    const results = answer.json.results as ReadonlyArray<{ target: string; outcome: string }>
    expect(results.map((r) => [r.target, r.outcome]).sort()).toEqual([
      ["ansible", "succeeded"],
      ["landscape", "succeeded"]
    ])

    // The store holds the one operation, completed, and the audit trail says it was resumed.
    const view = await again("GET", `/v1/operations/${operationId}`, { key: creds.adminKey })
    expect(view.json.operation).toMatchObject({ status: "succeeded", idempotencyKey })
    const audit = await again("GET", `/v1/audit?correlationId=${view.json.operation.correlationId}`, {
      key: creds.adminKey
    })
    const actions = (audit.json.entries as ReadonlyArray<{ action: string }>).map((e) => e.action)
    expect(actions).toContain("publish.resume")

    // Exactly one object per plane: one pocket sync and one repository profile on Landscape, one
    // project and one template per action on AWX.
    const activities = await store<{ items: ReadonlyArray<{ type: string }> }>(landscape, "activities")
    expect(activities.items.filter((a) => a.type === "SyncPocketRequest")).toHaveLength(1)
    const repository = await store<{ profiles: ReadonlyArray<unknown> }>(landscape, "repository")
    expect(repository.profiles).toHaveLength(1)
    const projects = await store<ReadonlyArray<{ name: string }>>(awx, "projects")
    expect(projects).toHaveLength(1)
    const templates = await store<ReadonlyArray<{ name: string }>>(awx, "job_templates")
    expect(new Set(templates.map((t) => t.name)).size).toBe(templates.length)
    expect(templates.length).toBeGreaterThan(0)
    second.child.kill("SIGKILL")
  }, 180_000)
})

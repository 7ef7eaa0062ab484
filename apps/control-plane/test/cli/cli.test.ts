import { writeFile } from "node:fs/promises"
import { join } from "node:path"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { runCli } from "../../src/cli/run.js"
import {
  adminKey,
  client,
  intuneSettings,
  packArtifact,
  startControlPlane,
  startSimulator
} from "../support/harness.js"

// The `planes` CLI in-process against a served control plane and the Graph simulator.

let sim: Awaited<ReturnType<typeof startSimulator>>
let cp: Awaited<ReturnType<typeof startControlPlane>>
let pkg: Awaited<ReturnType<typeof packArtifact>>
let viewer: string

beforeAll(async () => {
  sim = await startSimulator()
  cp = await startControlPlane([
    { name: "intune", plane: "intune", settings: intuneSettings(sim.url) },
    { name: "intune-reader", plane: "intune", settings: intuneSettings(sim.url, true) }
  ])
  pkg = await packArtifact("Northwind Tool", "1.0.0")
  viewer = (await client(cp.url)("POST", "/v1/keys", { key: adminKey, body: { name: "v", role: "viewer" } }))
    .json.key
})
afterAll(async () => {
  await cp?.close()
  await sim?.close()
  await pkg?.cleanup()
})

/** Starts `planes ...args`, capturing what it prints as it prints it (one command at a time). */
const planesLive = (...args: ReadonlyArray<string>) => {
  const out: Array<string> = []
  const err: Array<string> = []
  const log = vi
    .spyOn(console, "log")
    .mockImplementation((...a: Array<unknown>) => void out.push(a.join(" ")))
  const error = vi
    .spyOn(console, "error")
    .mockImplementation((...a: Array<unknown>) => void err.push(a.join(" ")))
  const done = Effect.runPromise(runCli(["node", "planes", ...args])).finally(() => {
    log.mockRestore()
    error.mockRestore()
  })
  return { out, err, done }
}

/** Runs `planes ...args`, capturing what it prints. */
const planes = async (...args: ReadonlyArray<string>) => {
  const live = planesLive(...args)
  const code = await live.done
  return { code, out: live.out.join("\n"), err: live.err.join("\n") }
}

describe("the planes CLI", () => {
  it("publishes an intent from a YAML file and prints a table, or the JSON with --json", async () => {
    const yaml = join(cp.dataDir, "intent.yaml")
    await writeFile(yaml, `# a package\n${JSON.stringify(pkg.intent)}\n`)
    const human = await planes("publish", "--target", "intune", "--url", cp.url, "--key", adminKey, yaml)
    expect(human.code).toBe(0)
    expect(human.out).toMatch(/intune\s+intune\s+succeeded/)
    const file = join(cp.dataDir, "intent.json")
    await writeFile(file, JSON.stringify(pkg.intent))
    const machine = await planes(
      "publish",
      "--json",
      "--target",
      "intune",
      "--url",
      cp.url,
      "--key",
      adminKey,
      file
    )
    expect(machine.code).toBe(0)
    expect(JSON.parse(machine.out)).toMatchObject({ status: "succeeded", results: [{ target: "intune" }] })
  })

  it("exits 3 for a permanent failure, 4 for policy, 2 for transient, 1 for usage", async () => {
    const bad = join(cp.dataDir, "bad.json")
    await writeFile(bad, JSON.stringify({ name: "x" }))
    const permanent = await planes("publish", "--url", cp.url, "--key", adminKey, bad)
    expect(permanent.code).toBe(3)
    expect(permanent.err).toMatch(/^permanent: The publish request is not valid/)
    expect(
      (await planes("publish", "--url", cp.url, "--key", adminKey, join(cp.dataDir, "none.json"))).code
    ).toBe(3)
    const policy = await planes("publish", "--url", cp.url, "--key", viewer, bad)
    expect(policy.code).toBe(4)
    const transient = await planes("state", "--url", "http://127.0.0.1:1", "--key", viewer, "x")
    expect(transient.code).toBe(2)
    expect(transient.err).toMatch(/Cannot reach/)
    expect((await planes("state", "--url", cp.url, "--key", viewer, "nope")).code).toBe(3)
    expect((await planes("frobnicate")).code).toBe(1)
  })

  it("exits with the worst failed target's class on a partial failure, after printing every target", async () => {
    // A package nobody published yet: the read-only registration cannot create it.
    const fresh = await packArtifact("Fresh Tool", "0.1.0")
    const file = join(cp.dataDir, "fresh.json")
    await writeFile(file, JSON.stringify(fresh.intent))
    const answer = await planes(
      "publish",
      "--url",
      cp.url,
      "--key",
      adminKey,
      "--idempotency-key",
      "k1",
      file
    )
    await fresh.cleanup()
    expect(answer.code).toBe(4)
    expect(answer.out).toMatch(/intune-reader\s+intune\s+failed\s+policy:/)
    expect(answer.err).toMatch(/^policy: Some targets failed/)
  })

  it("assigns from YAML, shows state, remediates and rolls back", async () => {
    const { devices } = await sim.admin<{ devices: ReadonlyArray<{ id: string }> }>(
      "GET",
      "/_sim/graph/devices?top=4"
    )
    const group = await sim.admin<{ id: string }>("POST", "/_sim/graph/groups", {
      displayName: "Ring",
      members: devices.map((d) => d.id)
    })
    const { Effect: E } = await import("effect")
    const core = await import("@planes/core")
    const key = core.intentKey(
      E.runSync(core.decodePackageIntent(pkg.intent, { operation: "t", correlationId: "t" }))
    )
    const yaml = join(cp.dataDir, "assign.yaml")
    await writeFile(
      yaml,
      `package:\n  key: ${key}\n  name: Northwind Tool\n  version: 1.0.0\ntarget:\n  _tag: group\n  id: ${group.id}\nintent: required\n`
    )
    const assigned = await planes(
      "assign",
      "--json",
      "--target",
      "intune",
      "--url",
      cp.url,
      "--key",
      adminKey,
      yaml
    )
    expect(assigned.code).toBe(0)
    const id = JSON.parse(assigned.out).operationId as string
    const state = await planes("state", "--url", cp.url, "--key", viewer, id)
    expect(state.out).toMatch(/intune\s+in_progress/)
    // --watch shows the devices converging: a frame while they install, then one once they reported.
    const watch = planesLive(
      "state",
      "--watch",
      "--interval",
      "0.05",
      "--timeout",
      "60",
      "--url",
      cp.url,
      "--key",
      viewer,
      id
    )
    const deadline = Date.now() + 30_000
    while (!watch.out.some((frame) => /intune\s+in_progress\s+\.{20}/.test(frame)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20))
    await sim.admin("POST", "/_sim/clock/advance", { ms: 700_000 })
    expect(await watch.done).toBe(0)
    const frames = watch.out.filter((frame) => frame.includes(`assignment ${id}`))
    expect(frames.length).toBeGreaterThanOrEqual(2)
    // The high failure rate leaves at least one failed device (the remediation below needs one).
    expect(frames.at(-1)).toMatch(/intune\s+(partially_)?failed\s+#*x+\s+\d+\s+\d+\s+0\s+0\s+4/)
    expect(watch.out.at(-1)).toMatch(/^Settled with failed devices on intune \(\d+\): try `planes remediate /)
    expect((await planes("remediate", "--url", cp.url, "--key", adminKey, id)).code).toBe(0)
    const rolled = await planes("rollback", "--url", cp.url, "--key", adminKey, id, "1.0.0")
    expect(rolled.out).toMatch(/^operation /)
  })

  it("reads the audit trail and manages keys", async () => {
    const audit = await planes("audit", "--url", cp.url, "--key", viewer, "--limit", "5")
    expect(audit.code).toBe(0)
    expect(audit.out).toMatch(/^seq\s+at\s+actor/)
    const created = await planes(
      "keys",
      "create",
      "--json",
      "--url",
      cp.url,
      "--key",
      adminKey,
      "--name",
      "ops",
      "--role",
      "operator"
    )
    expect(created.code).toBe(0)
    const id = JSON.parse(created.out).id as string
    expect((await planes("keys", "list", "--url", cp.url, "--key", adminKey)).out).toContain(id)
    expect((await planes("keys", "revoke", "--url", cp.url, "--key", adminKey, id)).out).toBe(`revoked ${id}`)
  })
})

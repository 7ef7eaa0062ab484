import { type ChildProcess, execFile, spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { mkdtemp, rm } from "node:fs/promises"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

// `npm start` and `npm run demo` end to end: the root scripts as child processes (start.mjs serves the
// simulators and this package's built control plane; demo.mjs drives the built `planes` CLI), on free
// ports and a temporary data directory. The demo moves the simulators' clocks; nothing waits on time.

const root = resolve(import.meta.dirname, "../../../..")
const planes = ["intune", "jamf", "sccm", "landscape", "ansible"]

/** Whether `port` can be listened on at 127.0.0.1. */
const free = (port: number) =>
  new Promise<boolean>((done) => {
    const server = createServer()
    server.once("error", () => done(false))
    server.listen(port, "127.0.0.1", () => server.close(() => done(true)))
  })

/** A base port with the seven ports the stack uses (six simulators and the control plane) free. */
const freeBase = async (): Promise<number> => {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 40_000)
    const ports = Array.from({ length: 7 }, (_, i) => base + i)
    if ((await Promise.all(ports.map(free))).every(Boolean)) return base
  }
  throw new Error("no seven consecutive free ports")
}

let dataDir: string
let stack: ChildProcess | undefined
let startOutput = ""
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "planes-demo-"))
  env = { ...process.env, PLANES_PORT_BASE: String(await freeBase()), PLANES_DATA_DIR: dataDir }
  const child = spawn(process.execPath, [join(root, "scripts/start.mjs")], { cwd: root, env })
  stack = child
  const collect = (chunk: Buffer) => {
    startOutput += chunk.toString()
  }
  child.stdout?.on("data", collect)
  child.stderr?.on("data", collect)
  // Ready once the state file is written (the control plane is listening by then) and the whole banner,
  // which ends with the Ctrl-C line, has come through the pipe (it may arrive in several chunks).
  const stateFile = join(dataDir, "stack", "stack.json")
  const deadline = Date.now() + 60_000
  while (!existsSync(stateFile) || !startOutput.includes("Stop with Ctrl-C.")) {
    if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${startOutput}`)
    if (Date.now() > deadline) throw new Error(`npm start did not get ready:\n${startOutput}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}, 90_000)

afterAll(async () => {
  const child = stack
  if (child !== undefined && child.exitCode === null) {
    const exited = new Promise((done) => child.once("exit", done))
    child.kill("SIGTERM")
    await exited
  }
  await rm(dataDir, { recursive: true, force: true })
})

describe("npm start and npm run demo", () => {
  it("starts every plane and prints the URLs, the admin key and what to try next", () => {
    expect(startOutput).toMatch(/control plane\s+http:\/\/127\.0\.0\.1:\d+/)
    for (const sim of ["vault", "graph", "jamf", "sccm", "landscape", "awx"])
      expect(startOutput).toMatch(new RegExp(`${sim}\\s+http://127\\.0\\.0\\.1:\\d+`))
    expect(startOutput).toMatch(/Admin API key for this run: pk_demo_[0-9a-f]{32}/)
    expect(startOutput).toContain("npm run demo")
  })

  it("runs the scripted rollout on all five planes through the CLI and prints the summary", async () => {
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (done) => {
        execFile(process.execPath, [join(root, "scripts/demo.mjs")], { cwd: root, env }, (error, out, err) =>
          done({ code: error === null ? 0 : Number(error.code ?? 1), stdout: out, stderr: err })
        )
      }
    )
    expect(code, stderr).toBe(0)
    expect(stdout).toContain("The demo completed on every plane.")
    const summary = stdout.slice(stdout.indexOf("Summary"))
    for (const plane of planes) {
      const row = summary.split("\n").find((line) => line.trim().startsWith(`${plane} `))
      expect(row, plane).toBeDefined()
      // Every step filled in: nothing left as "-".
      expect(
        row?.split(/\s{2,}/).filter((cell) => cell.trim() === "-"),
        plane
      ).toEqual([])
      expect(row, plane).toMatch(/rolled back|\(\w+: \d+\/\d+ installed/)
    }
  }, 180_000)
})

// `npm run demo`: a scripted rollout through the `planes` CLI against the stack `npm start` runs (found
// through <data dir>/stack/stack.json). Each plane gets the package form it deploys, since one artefact
// cannot be a .intunewin, a pkg, an MSI and a deb at once: publish, assign, let the fleets converge
// (by advancing the simulators' clocks, never by waiting), remediate the failures, roll back, summarise.
// Exits non-zero when a step fails unexpectedly.
import { execFile } from "node:child_process"
import { createHash, randomBytes } from "node:crypto"
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const cli = join(root, "apps/control-plane/dist/cli/main.js")
const dataDir = resolve(process.env.PLANES_DATA_DIR ?? join(root, ".data"))
const stackFile = join(dataDir, "stack", "stack.json")
let stack
try {
  stack = JSON.parse(readFileSync(stackFile, "utf8"))
} catch {
  console.error(`No running stack found (${stackFile}). Start one with \`npm start\` first.`)
  process.exit(1)
}
const workDir = join(dataDir, "demo")
rmSync(workDir, { recursive: true, force: true })
mkdirSync(workDir, { recursive: true })

/** Runs `planes ...args --json` as a child process (the CLI is what this demo exercises); its JSON answer. */
const planes = (key, ...args) =>
  new Promise((done, fail) => {
    const env = { ...process.env, PLANES_URL: stack.controlPlane, PLANES_API_KEY: key }
    const [command, ...rest] = args
    const sub = command === "keys" ? [command, rest.shift()] : [command]
    execFile(process.execPath, [cli, ...sub, "--json", ...rest], { env }, (error, stdout, stderr) => {
      if (error !== null)
        fail(new Error(`planes ${args.join(" ")} exited ${error.code}: ${stderr || stdout}`))
      // `state --watch --json` prints one JSON line per change: the last one is where it settled.
      else done(JSON.parse(args.includes("--watch") ? stdout.trim().split("\n").at(-1) : stdout))
    })
  })

const advance = async (sim, ms) => {
  const response = await fetch(`${stack.simulators[sim]}/_sim/clock/advance`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ms })
  })
  if (!response.ok) throw new Error(`${sim} clock: ${response.status} ${await response.text()}`)
}

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex")
const artifactOf = (path, fileName) => {
  const bytes = readFileSync(path)
  return { location: pathToFileURL(path).href, sha256: sha256(bytes), size: statSync(path).size, fileName }
}

/** A Windows installer packed as a .intunewin with the @planes/intunewin packer. */
const intuneWin = async (version) => {
  const { packIntuneWin } = await import("@planes/intunewin")
  const { Effect } = await import("effect")
  const source = join(workDir, `intune-${version}`)
  mkdirSync(source, { recursive: true })
  writeFileSync(join(source, "setup.exe"), randomBytes(8_000))
  const packed = await Effect.runPromise(
    packIntuneWin({
      sourceFolder: source,
      setupFile: "setup.exe",
      outputFile: join(source, "setup.intunewin")
    })
  )
  return {
    name: "Northwind Notes",
    version,
    publisher: "Northwind",
    platform: "windows",
    architecture: "x64",
    artifact: artifactOf(packed.outputFile, "setup.intunewin"),
    installCommand: "setup.exe /S",
    uninstallCommand: "setup.exe /uninstall /S",
    detection: [{ _tag: "file", path: "C:\\Program Files\\Northwind", name: "notes.exe", check: "exists" }]
  }
}

/** A macOS flat package (random bytes: the simulator checks size and hash, not the format). */
const jamfPkg = (version) => {
  const fileName = `NorthwindNotes-${version}.pkg`
  const path = join(workDir, fileName)
  writeFileSync(path, randomBytes(4_096))
  return {
    name: "Northwind Notes",
    version,
    publisher: "Northwind",
    platform: "macos",
    artifact: artifactOf(path, fileName),
    installCommand: `installer -pkg ${fileName} -target /`,
    uninstallCommand: `rm -rf "/Applications/Northwind Notes.app"`,
    detection: [{ _tag: "file", path: "/Applications", name: "Northwind Notes.app", check: "exists" }]
  }
}

/** An MSI script installer for Configuration Manager (content on the site's share, found by product code). */
const sccmMsi = (version) => ({
  name: "Northwind Notes",
  version,
  publisher: "Northwind",
  platform: "windows",
  architecture: "x64",
  artifact: {
    location: `https://artifacts.northwind.test/notes-${version}.msi`,
    sha256: sha256(`notes-${version}`),
    size: 123_456,
    fileName: `notes-${version}.msi`
  },
  installCommand: `msiexec /i notes-${version}.msi /qn`,
  uninstallCommand: "msiexec /x {6E1A5C0B-7D2F-4A8B-9C3D-2E4F6A8B0C1D} /qn",
  detection: [{ _tag: "msi", productCode: "{6E1A5C0B-7D2F-4A8B-9C3D-2E4F6A8B0C1D}", productVersion: version }]
})

/** A deb from the Ubuntu archive (Landscape mirrors it into a pocket; Ansible runs the apt template). */
const deb = (version) => ({
  name: "curl",
  version,
  publisher: "Ubuntu",
  platform: "linux",
  architecture: "x64",
  artifact: {
    location: `https://archive.ubuntu.com/ubuntu/pool/main/c/curl/curl_${version}_amd64.deb`,
    sha256: sha256(`curl-${version}`),
    size: 226_000,
    fileName: `curl_${version}_amd64.deb`
  },
  installCommand: `apt-get install -y curl=${version}`,
  uninstallCommand: "apt-get remove -y curl",
  detection: [{ _tag: "package", packageName: "curl", version }]
})

// Per plane: the versions published (the last one is assigned), who gets it, the version to roll back to,
// and how far to move its clock for the devices to report.
const plans = [
  {
    plane: "intune",
    sim: "graph",
    packages: [await intuneWin("1.0.0"), await intuneWin("2.0.0")],
    target: async () => {
      const devices = await (await fetch(`${stack.simulators.graph}/_sim/graph/devices?top=8`)).json()
      const group = await fetch(`${stack.simulators.graph}/_sim/graph/groups`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ displayName: "Demo pilot", members: devices.devices.map((d) => d.id) })
      })
      return { _tag: "group", id: (await group.json()).id }
    },
    rollbackTo: "1.0.0",
    convergeMs: 700_000
  },
  {
    plane: "jamf",
    sim: "jamf",
    packages: [jamfPkg("1.0.0"), jamfPkg("2.0.0")],
    target: async () => ({ _tag: "devices", deviceIds: ["1", "2", "3", "4"] }),
    rollbackTo: "1.0.0",
    convergeMs: 16 * 60_000
  },
  {
    plane: "sccm",
    sim: "sccm",
    packages: [sccmMsi("1.0.0"), sccmMsi("2.0.0")],
    target: async () => ({ _tag: "query", query: "select * from SMS_R_System where Name like 'WS-%'" }),
    rollbackTo: "1.0.0",
    convergeMs: 2 * 3_600_000
  },
  {
    plane: "landscape",
    sim: "landscape",
    packages: [deb("7.81.0-1ubuntu1.17")],
    target: async () => ({ _tag: "tag", tag: "ring-0" }),
    rollbackTo: "7.81.0-1ubuntu1.16",
    convergeMs: 10_000
  },
  {
    plane: "ansible",
    sim: "awx",
    packages: [deb("8.5.0-2ubuntu10.6")],
    target: async () => ({ _tag: "inventory", inventory: "Demo" }),
    rollbackTo: "8.5.0-2ubuntu10.1",
    convergeMs: 20_000
  }
]

const write = (name, body) => {
  const path = join(workDir, name)
  writeFileSync(path, JSON.stringify(body, null, 2))
  return path
}
/** The one target's outcome in a fan-out answer; a failed target is an unexpected failure here. */
const only = (answer, plane) => {
  const outcome =
    answer.results?.find((r) => r.target === plane) ?? answer.targets?.find((r) => r.target === plane)
  if (outcome === undefined || outcome.outcome === "failed")
    throw new Error(`${plane}: ${JSON.stringify(outcome?.error ?? answer)}`)
  return outcome.result
}
const step = async (title, work) => {
  process.stdout.write(`• ${title} … `)
  const result = await Promise.all(plans.map(work))
  console.log("done")
  return result
}
const converge = (factor = 1) => Promise.all(plans.map((p) => advance(p.sim, p.convergeMs * factor)))
const counts = (summary) =>
  `${summary.counts.installed}/${summary.total} installed, ${summary.counts.failed} failed`
const summaries = async (id, plan) => only(await planes(operator, "state", id), plan.plane)
// `planes state --watch` until every device reported (bounded, so a plane that never settles fails the demo).
const settled = async (id, plan) =>
  only(await planes(operator, "state", "--watch", "--interval", "0.2", "--timeout", "60", id), plan.plane)

// An operator key for the rollout: the admin key only creates it (least privilege).
const operator = (
  await planes(stack.adminKey, "keys", "create", "--name", `demo-${Date.now()}`, "--role", "operator")
).key
const rows = Object.fromEntries(plans.map((p) => [p.plane, { plane: p.plane }]))
try {
  await step("publish each plane's package (every version it can roll back to)", async (p) => {
    for (const [index, pkg] of p.packages.entries()) {
      const answer = await planes(
        operator,
        "publish",
        "--target",
        p.plane,
        write(`${p.plane}-${index}.json`, pkg)
      )
      p.key = only(answer, p.plane).key
    }
    rows[p.plane].published = p.packages.map((pkg) => pkg.version).join(", ")
  })
  await step("assign the newest version", async (p) => {
    const pkg = p.packages.at(-1)
    const intent = {
      package: { key: p.key, name: pkg.name, version: pkg.version },
      target: await p.target(),
      intent: "required"
    }
    const answer = await planes(
      operator,
      "assign",
      "--target",
      p.plane,
      write(`${p.plane}-assignment.json`, intent)
    )
    only(answer, p.plane)
    p.assignment = answer.operationId
  })
  await step("advance the simulated clocks and watch the devices converge", async (p) => {
    await advance(p.sim, p.convergeMs)
    const summary = await settled(p.assignment, p)
    rows[p.plane].converged = `${summary.phase}: ${counts(summary)}`
  })
  await step("remediate the failures", async (p) => {
    const answer = await planes(operator, "remediate", p.assignment)
    const result = only(answer, p.plane)
    rows[p.plane].remediated = result.action ?? `${result.devices?.length ?? 0} device(s)`
  })
  await converge()
  await step("show the state after remediation", async (p) => {
    rows[p.plane].afterRemediation = counts(await summaries(p.assignment, p))
  })
  await step("roll back", async (p) => {
    const answer = await planes(operator, "rollback", p.assignment, p.rollbackTo)
    only(answer, p.plane)
    p.rollback = answer.operationId
  })
  await converge()
  await step("show the state after the rollback", async (p) => {
    const summary = await summaries(p.rollback, p)
    rows[p.plane].rolledBack = `${p.rollbackTo} (${summary.phase}: ${counts(summary)})`
  })
} catch (error) {
  console.log("failed")
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
}

// The summary: one row per plane, whatever got done.
const columns = [
  ["plane", "plane"],
  ["published", "published"],
  ["converged", "after convergence"],
  ["remediated", "remediation"],
  ["afterRemediation", "after remediation"],
  ["rolledBack", "rolled back to"]
]
const table = [
  columns.map(([, title]) => title),
  ...plans.map((p) => columns.map(([k]) => rows[p.plane][k] ?? "-"))
]
const widths = columns.map((_, i) => Math.max(...table.map((r) => String(r[i]).length)))
console.log("\nSummary")
for (const row of table) console.log(`  ${row.map((cell, i) => String(cell).padEnd(widths[i])).join("  ")}`)
console.log(process.exitCode === 1 ? "\nThe demo did not complete." : "\nThe demo completed on every plane.")

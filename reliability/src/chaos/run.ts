// One chaos run, start to end: the stack with canary credentials, a seeded operation mix through the
// control plane's API while every plane simulator injects faults, then the checks and the canary scan.
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Schema } from "effect"
import { apiClient } from "./api.js"
import { basicPairsOf, canariesOf, mintCredentials } from "./canaries.js"
import { type Captured, type Finding, filesUnder, scanForCanaries } from "./canaryScan.js"
import { cliCommands, runPlanes } from "./cli.js"
import { chaosTargets, startControlPlane } from "./controlPlane.js"
import { duplicatesIn, keyedCollectionsIn } from "./duplicates.js"
import { armSteadyFaults, armStorm, disarmFaults, expireTokens } from "./faults.js"
import { lostOperations, unconverged, untypedEndings, type Violation } from "./invariants.js"
import { drainContinuously, JournalCollector, journalFigures } from "./journal.js"
import { planRun, simulatorOf } from "./mix.js"
import { type LaneState, type OperationRecord, runOperation } from "./operations.js"
import { buildCatalogues } from "./packages.js"
import { type PlaneRow, planeRow } from "./report.js"
import { adminCall, type SimulatorName, simulatorNames, startSimulators } from "./simulators.js"
import { watchedTransport } from "./transport.js"

/** What a run does: the seed of everything random, how many operations, the share of faulted requests. */
export interface ChaosOptions {
  readonly seed: number
  readonly operations: number
  readonly rate: number
  /** Progress lines (the run's own, never the system's logs). */
  readonly progress?: (line: string) => void
}

/** What a run found. */
export interface ChaosResult {
  readonly options: ChaosOptions
  readonly rows: ReadonlyArray<PlaneRow>
  readonly records: ReadonlyArray<OperationRecord>
  readonly violations: ReadonlyArray<Violation>
  readonly findings: ReadonlyArray<Finding>
  /** How many texts the canary scan read, by source kind. */
  readonly scanned: Readonly<Record<string, number>>
  readonly durationMs: number
}

const Key = Schema.Struct({ key: Schema.String })
const Devices = Schema.Struct({ devices: Schema.Array(Schema.Struct({ id: Schema.String })) })
const Group = Schema.Struct({ id: Schema.String })

// How far each simulator's clock moves per convergence round for its devices to report.
const convergeMs: Readonly<Record<SimulatorName, number>> = {
  graph: 120_000,
  jamf: 16 * 60_000,
  sccm: 2 * 3_600_000,
  landscape: 10_000,
  awx: 20_000
}

/** Runs the chaos run; never throws for a violation (they are in the result), only for a broken stack. */
export const runChaos = async (options: ChaosOptions): Promise<ChaosResult> => {
  const started = Date.now()
  const say = options.progress ?? (() => {})
  const captured: Array<Captured> = []
  const capture = (source: string) => (text: string) => {
    captured.push({ source, text })
  }
  const creds = mintCredentials()
  const transport = watchedTransport()
  const workDir = await mkdtemp(join(tmpdir(), "planes-chaos-work-"))
  const sims = await startSimulators(
    options.seed,
    creds,
    (name) => (level, message) => capture(`simulator log (${name})`)(`${level} ${message}`)
  )
  let controlPlane: Awaited<ReturnType<typeof startControlPlane>> | undefined
  try {
    controlPlane = await startControlPlane(
      sims,
      creds,
      sims.seedVault,
      transport.layer,
      capture("control-plane log")
    )
    const cp = controlPlane
    const record = capture("api answer")
    const admin = apiClient(cp.url, creds.adminKey, record)
    const created = await admin("POST", "/v1/keys", {
      body: { name: "chaos", role: "operator" },
      secretAnswer: true
    })
    const operatorKey = Schema.decodeUnknownSync(Key)(created.body).key
    const api = apiClient(cp.url, operatorKey, record)

    const graph = sims.planes.graph.url
    const devices = Schema.decodeUnknownSync(Devices)(
      await adminCall(graph, "GET", "/_sim/graph/devices?top=8")
    )
    const group = async (name: string, members: ReadonlyArray<{ readonly id: string }>) =>
      Schema.decodeUnknownSync(Group)(
        await adminCall(graph, "POST", "/_sim/graph/groups", {
          displayName: name,
          members: members.map((d) => d.id)
        })
      ).id
    const catalogues = await buildCatalogues(join(workDir, "packages"), [
      await group("Chaos pilot A", devices.devices.slice(0, 4)),
      await group("Chaos pilot B", devices.devices.slice(4))
    ])

    const collect = (name: SimulatorName) => new JournalCollector(sims.planes[name].kit)
    const collectors: Record<SimulatorName, JournalCollector> = {
      graph: collect("graph"),
      jamf: collect("jamf"),
      sccm: collect("sccm"),
      landscape: collect("landscape"),
      awx: collect("awx")
    }
    const stopDraining = drainContinuously(Object.values(collectors))
    for (const name of simulatorNames) armSteadyFaults(sims.planes[name].kit, options.rate)

    const plan = planRun(options.seed, options.operations, chaosTargets)
    say(`planned ${options.operations} operations over ${chaosTargets.length} targets`)
    const records: Array<OperationRecord> = []
    const lanes = new Map<string, LaneState>()
    let done = 0
    await Promise.all(
      chaosTargets.map(async (target) => {
        const lane: LaneState = { published: new Map(), assignments: [] }
        lanes.set(target.name, lane)
        const sim = sims.planes[simulatorOf[target.plane]]
        const ops = plan.lanes.get(target.name) ?? []
        for (const [position, op] of ops.entries()) {
          for (const event of plan.events.filter((e) => e.target === target.name && e.before === position)) {
            if (event.kind === "token-expiry") await expireTokens(sim)
            else armStorm(sim.kit, event.kind === "storm-retry-after")
          }
          const catalogue = catalogues[target.name]
          if (catalogue === undefined) throw new Error(`no catalogue for ${target.name}`)
          records.push(await runOperation(api, target, catalogue, lane, op))
          done += 1
          if (done % 50 === 0) say(`${done}/${options.operations} operations`)
        }
      })
    )
    records.sort((a, b) => a.index - b.index)

    // Faults stop; what is left must settle and be accounted for.
    for (const name of simulatorNames) disarmFaults(sims.planes[name].kit)
    say("faults stopped; checking convergence, the store and the audit trail")
    const current = new Map(
      [...lanes].flatMap(([target, lane]) => {
        const last = lane.assignments.at(-1)
        return last === undefined ? [] : [[target, last.operationId] as const]
      })
    )
    const advance = async () => {
      for (const name of simulatorNames)
        await adminCall(sims.planes[name].url, "POST", "/_sim/clock/advance", { ms: convergeMs[name] })
    }
    stopDraining()
    const figures = Object.fromEntries(
      simulatorNames.map((name) => [name, journalFigures(collectors[name].entries())])
    )
    const violations: Array<Violation> = [
      ...untypedEndings(records),
      ...(await lostOperations(api, records)),
      ...(await unconverged(api, current, advance))
    ]
    const duplicates: Record<string, number> = {}
    for (const name of simulatorNames) {
      const snapshot = sims.planes[name].kit.snapshot()
      if (keyedCollectionsIn(name, snapshot) === 0)
        violations.push({
          target: name,
          rule: "duplicate",
          message: "none of the plane's keyed collections was found in its state"
        })
      const found = duplicatesIn(name, snapshot)
      duplicates[name] = found.length
      for (const d of found) violations.push({ target: name, rule: "duplicate", message: d })
      const origin = new URL(sims.planes[name].url).origin
      for (const e of transport.early().filter((x) => x.origin === origin))
        violations.push({
          target: name,
          rule: "early-retry",
          message: `${e.method} ${e.path} (target ${e.target}, correlation ${e.correlationId ?? "-"}) was sent ${e.earlyByMs} ms before a Retry-After its client was given had passed`
        })
    }
    const rows = (["intune", "jamf", "sccm", "landscape", "ansible"] as const).map((plane) => {
      const sim = simulatorOf[plane]
      return planeRow(
        plane,
        sim,
        records,
        figures[sim] ?? { requests: 0, faults: 0, retries: 0, earlyAtPlane: 0 },
        violations,
        duplicates[sim] ?? 0
      )
    })

    // The canary scan: the CLI's output, the whole audit trail, the store's files, then every capture.
    for (const args of cliCommands(cp.url, creds.adminKey, operatorKey, current.values().next().value)) {
      const run = await runPlanes(args)
      capture("cli output")(`planes ${args[0]} (exit ${run.code})\n${run.output}`)
    }
    let after: number | undefined
    for (;;) {
      const page = await admin("GET", `/v1/audit?limit=1000${after === undefined ? "" : `&after=${after}`}`)
      const next = Schema.decodeUnknownSync(Schema.Struct({ nextAfter: Schema.optional(Schema.Number) }))(
        page.body
      )
      if (next.nextAfter === undefined) break
      after = next.nextAfter
    }
    captured.push(...(await filesUnder(cp.dataDir, "store file")))
    const canaries = canariesOf(creds, [
      { name: "operator API key", value: operatorKey },
      { name: "SCCM bearer token", value: sims.sccmToken },
      ...basicPairsOf(creds)
    ])
    const findings = scanForCanaries(captured, canaries)
    const scanned: Record<string, number> = {}
    for (const c of captured) {
      const kind = c.source.replace(/ \(.*\)$/, "")
      scanned[kind] = (scanned[kind] ?? 0) + 1
    }
    return { options, rows, records, violations, findings, scanned, durationMs: Date.now() - started }
  } finally {
    await controlPlane?.close()
    await sims.close()
    await rm(workDir, { recursive: true, force: true })
  }
}

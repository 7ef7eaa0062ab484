// `npm run bench [-- --quick] [-- --seed N] [-- --only fleet]`: every benchmark in one process run, a table of ratios with
// their targets, docs/benchmarks/last-run.json and docs/benchmarks/throughput.svg.
import { mkdir, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { throughputSvg } from "./chart.js"
import { type FleetPlane, fleetPlanes, runFleet } from "./fleet.js"
import { renderFleet, renderTable } from "./report.js"
import { fullPlan, quickPlan, runBenchmarks } from "./runner.js"

// Source-mapped stack traces (tsx turns them on) cost every Effect span a file read; a benchmark needs none.
process.setSourceMapsEnabled(false)

const args = process.argv.slice(2)
const quick = args.includes("--quick")
const seedArg = args[args.indexOf("--seed") + 1]
const seed = args.includes("--seed") && seedArg !== undefined ? Number(seedArg) : 20261206
// The command as typed: through the root script (which builds first) or straight at this file.
const viaNpm = process.env.npm_lifecycle_event === "bench"
const command = viaNpm
  ? `npm run bench${args.length > 0 ? ` -- ${args.join(" ")}` : ""}`
  : ["node --import tsx bench/src/main.ts", ...args].join(" ")
// A quick run never overwrites the recorded full run: its files go to the temporary directory.
const out = quick
  ? join(tmpdir(), "planes-bench-quick")
  : fileURLToPath(new URL("../../docs/benchmarks/", import.meta.url))

// `--only fleet [--planes jamf,sccm]`: the fleet-state benchmark alone, its rows printed; nothing written.
if (args.includes("--only") && args[args.indexOf("--only") + 1] === "fleet") {
  const planesArg = args.includes("--planes") ? args[args.indexOf("--planes") + 1] : undefined
  const planes = planesArg
    ?.split(",")
    .filter((p): p is FleetPlane => fleetPlanes.some((known) => known === p))
  const plan = quick ? quickPlan : fullPlan
  const started = performance.now()
  const fleet = await runFleet({ seed, ...plan.fleet, ...(planes === undefined ? {} : { planes }) })
  process.stdout.write(`${renderFleet(fleet)}\ntook ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
  process.exit(0)
}

const report = await runBenchmarks(quick ? quickPlan : fullPlan, seed, command, (line) =>
  process.stderr.write(`${line}\n`)
)
const table = renderTable(report)
process.stdout.write(`${table}\n`)
await mkdir(out, { recursive: true })
await writeFile(join(out, "last-run.json"), `${JSON.stringify(report, null, 2)}\n`)
await writeFile(join(out, "last-run.md"), `${table}\n`)
await writeFile(join(out, "throughput.svg"), throughputSvg(report.throughput))
process.stderr.write(`wrote last-run.json, last-run.md and throughput.svg to ${out}\n`)

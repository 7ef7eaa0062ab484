// `npm run chaos [-- --seed N --operations N --rate R]`: one chaos run; prints the seed first, the table
// per plane, every violation and canary finding; exits 1 on any of them.
import { randomInt } from "node:crypto"
import { parseArgs } from "node:util"
import { formatTable } from "./report.js"
import { runChaos } from "./run.js"

const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    operations: { type: "string", default: "1000" },
    rate: { type: "string", default: "0.2" }
  }
})
const seed = values.seed === undefined ? randomInt(1, 2 ** 31) : Number(values.seed)
const operations = Number(values.operations)
const rate = Number(values.rate)
if (!Number.isInteger(seed) || !Number.isInteger(operations) || operations < 1 || !(rate >= 0 && rate <= 1)) {
  console.error("usage: chaos [--seed <integer>] [--operations <n ≥ 1>] [--rate <0..1>]")
  process.exit(2)
}

console.log(
  `chaos seed ${seed} (replay: npm run chaos -- --seed ${seed} --operations ${operations} --rate ${rate})`
)
const result = await runChaos({ seed, operations, rate, progress: (line) => console.log(`  ${line}`) })
console.log(`\n${formatTable(result.rows)}\n`)
console.log(
  `took ${(result.durationMs / 1000).toFixed(1)} s; canary scan read ${Object.entries(result.scanned)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(", ")}`
)
// What the typed errors were, so a plane that fails more than the faults explain stands out.
const codes = new Map<string, { n: number; example: string }>()
for (const r of result.records.filter((x) => x.ending === "typed-error")) {
  const key = `${r.plane} ${r.kind} ${r.errorClass ?? "?"}/${r.errorCode ?? "-"}`
  const seen = codes.get(key)
  codes.set(key, { n: (seen?.n ?? 0) + 1, example: seen?.example ?? (r.detail ?? "").slice(0, 200) })
}
if (codes.size > 0) console.log("typed errors (with the first one's detail):")
for (const [key, { example, n }] of [...codes].sort()) console.log(`  ${n} × ${key}: ${example}`)
for (const v of result.violations) console.log(`VIOLATION [${v.rule}] ${v.target}: ${v.message}`)
for (const f of result.findings) console.log(`CANARY ${f.canary} (${f.form}) in ${f.source}: ${f.context}`)
const failed = result.violations.length > 0 || result.findings.length > 0
console.log(failed ? `\nchaos run FAILED (seed ${seed})` : `\nchaos run passed (seed ${seed})`)
process.exit(failed ? 1 : 0)

// Adds up every workspace's vitest results into one closing line, so a reader (or CI) sees the whole count.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { join } from "node:path"

const root = join(import.meta.dirname, "..")
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"))
const clear = process.argv.includes("--clear")
let passed = 0
let failed = 0
let skipped = 0
const rows = []
for (const pattern of manifest.workspaces) {
  const parent = join(root, pattern.replace(/\/\*$/, ""))
  if (!existsSync(parent)) continue
  for (const name of readdirSync(parent)) {
    const file = join(parent, name, "test-results.json")
    if (!existsSync(file)) continue
    // Before a run: drop last run's results, so the count is this run's (turbo restores cached ones).
    if (clear) {
      rmSync(file)
      continue
    }
    const results = JSON.parse(readFileSync(file, "utf8"))
    const pkgSkipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0)
    passed += results.numPassedTests
    failed += results.numFailedTests
    skipped += pkgSkipped
    rows.push(
      `${pattern.replace(/\*$/, "")}${name}: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${pkgSkipped} skipped`
    )
  }
}
if (clear) process.exit(0)
for (const row of rows) console.log(`  ${row}`)
console.log(`planes: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)

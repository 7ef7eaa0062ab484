// The run's summary: one row per plane, and the table printed at the end.

import type { Violation } from "./invariants.js"
import type { JournalFigures } from "./journal.js"
import type { OperationRecord } from "./operations.js"

/** One plane's figures for the run. */
export interface PlaneRow {
  readonly plane: string
  readonly operations: number
  readonly succeeded: number
  readonly typedErrors: number
  readonly requests: number
  readonly faults: number
  readonly retries: number
  readonly duplicates: number
  readonly lost: number
  /** Requests the control plane sent before a Retry-After it was given had passed. */
  readonly earlyRetries: number
  /** Requests that reached the plane inside a Retry-After window (concurrent ones in flight included). */
  readonly earlyAtPlane: number
}

/** Builds a plane's row from its operations, its simulator's journal and the violations on its targets. */
export const planeRow = (
  plane: string,
  simulator: string,
  records: ReadonlyArray<OperationRecord>,
  journal: JournalFigures,
  violations: ReadonlyArray<Violation>,
  duplicates: number
): PlaneRow => {
  const mine = records.filter((r) => r.plane === plane)
  const targets = new Set(mine.map((r) => r.target))
  return {
    plane,
    operations: mine.length,
    succeeded: mine.filter((r) => r.ending === "succeeded").length,
    typedErrors: mine.filter((r) => r.ending === "typed-error").length,
    requests: journal.requests,
    faults: journal.faults,
    retries: journal.retries,
    duplicates,
    lost: violations.filter((v) => v.rule === "lost" && targets.has(v.target)).length,
    earlyRetries: violations.filter((v) => v.rule === "early-retry" && v.target === simulator).length,
    earlyAtPlane: journal.earlyAtPlane
  }
}

const columns: ReadonlyArray<readonly [keyof PlaneRow, string]> = [
  ["plane", "plane"],
  ["operations", "operations"],
  ["succeeded", "succeeded"],
  ["typedErrors", "typed errors"],
  ["requests", "requests"],
  ["faults", "faults injected"],
  ["retries", "retries"],
  ["duplicates", "duplicates"],
  ["lost", "lost"],
  ["earlyRetries", "early retries"],
  ["earlyAtPlane", "early at plane"]
]

/** The rows as an aligned text table (also valid Markdown). */
export const formatTable = (rows: ReadonlyArray<PlaneRow>): string => {
  const cells = [
    columns.map(([, title]) => title),
    ...rows.map((row) => columns.map(([key]) => String(row[key])))
  ]
  const widths = columns.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)))
  const line = (r: ReadonlyArray<string>) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`
  const [head, ...body] = cells
  return [line(head ?? []), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...body.map(line)].join(
    "\n"
  )
}

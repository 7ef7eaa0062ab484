// The checks at the end of a run, read back from the control plane (store and audit trail, through its
// API) and the simulators: nothing lost, every plane converged once the faults stopped.
import type { ApiClient } from "./api.js"
import type { OperationRecord } from "./operations.js"

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === "object" && u !== null

/** A broken promise, named for a person: which target, which operation, what is wrong. */
export interface Violation {
  readonly target: string
  readonly rule: "untyped" | "lost" | "duplicate" | "early-retry" | "not-converged"
  readonly message: string
}

/** Every operation that did not end in success or a typed error. */
export const untypedEndings = (records: ReadonlyArray<OperationRecord>): ReadonlyArray<Violation> =>
  records
    .filter((r) => r.ending === "untyped")
    .map((r) => ({
      target: r.target,
      rule: "untyped",
      message:
        `operation #${r.index} (${r.kind}) answered HTTP ${r.httpStatus} without a typed error: ${r.errorCode ?? "-"} ${r.detail ?? ""}`.trim()
    }))

/**
 * Every operation must be in the audit trail under its correlation id; a mutation that answered an
 * operation id must be in the store with this target's outcome, matching what the API answered.
 */
export const lostOperations = async (
  api: ApiClient,
  records: ReadonlyArray<OperationRecord>
): Promise<ReadonlyArray<Violation>> => {
  const violations: Array<Violation> = []
  for (const r of records) {
    const audit = await api("GET", `/v1/audit?correlationId=${encodeURIComponent(r.correlationId)}`)
    const entries =
      isRecord(audit.body) && Array.isArray(audit.body.entries) ? audit.body.entries.filter(isRecord) : []
    if (entries.length === 0)
      violations.push({
        target: r.target,
        rule: "lost",
        message: `operation #${r.index} (${r.kind}) is not in the audit trail`
      })
    if (r.operationId === undefined) {
      if (r.kind !== "state" && r.httpStatus < 400)
        violations.push({
          target: r.target,
          rule: "lost",
          message: `operation #${r.index} (${r.kind}) answered no operation id`
        })
      continue
    }
    if (!entries.some((e) => e.resource === `operations/${r.operationId}/targets/${r.target}`))
      violations.push({
        target: r.target,
        rule: "lost",
        message: `operation #${r.index} (${r.kind}): no audit entry for its outcome on ${r.target}`
      })
    const stored = await api("GET", `/v1/operations/${r.operationId}`)
    const results =
      isRecord(stored.body) && Array.isArray(stored.body.results) ? stored.body.results.filter(isRecord) : []
    const mine = results.find((x) => x.target === r.target)
    const expected = r.ending === "succeeded" ? "succeeded" : "failed"
    if (stored.status !== 200 || mine === undefined)
      violations.push({
        target: r.target,
        rule: "lost",
        message: `operation #${r.index} (${r.kind}) ${r.operationId} is not in the store`
      })
    else if (mine.outcome !== expected)
      violations.push({
        target: r.target,
        rule: "lost",
        message: `operation #${r.index} (${r.kind}) is stored as ${String(mine.outcome)} but answered ${expected}`
      })
  }
  return violations
}

/** The phase an assignment reports on its target, or the error reading it. */
const phaseOn = async (api: ApiClient, assignmentId: string, target: string) => {
  const answer = await api("GET", `/v1/assignments/${assignmentId}`)
  const list =
    isRecord(answer.body) && Array.isArray(answer.body.targets) ? answer.body.targets.filter(isRecord) : []
  const mine = list.find((t) => t.target === target)
  if (mine?.outcome === "succeeded" && isRecord(mine.result)) return String(mine.result.phase)
  const error = isRecord(mine?.error) ? mine.error : {}
  return `error ${String(error.code ?? answer.status)}: ${String(error.detail ?? "")}`
}

/** Whether a phase is final: nothing pending, nothing running. */
const settled = (phase: string) => ["succeeded", "partially_failed", "failed", "unknown"].includes(phase)

/**
 * Once faults stop, each target's current assignment (its latest successful assign or rollback) settles
 * after the simulated clocks move on: `advance` moves them; up to `rounds` tries.
 */
export const unconverged = async (
  api: ApiClient,
  current: ReadonlyMap<string, string>,
  advance: () => Promise<void>,
  rounds = 4
): Promise<ReadonlyArray<Violation>> => {
  let pending = new Map(current)
  const last = new Map<string, string>()
  for (let round = 0; round < rounds && pending.size > 0; round++) {
    await advance()
    const next = new Map<string, string>()
    for (const [target, id] of pending) {
      const phase = await phaseOn(api, id, target)
      last.set(target, phase)
      if (!settled(phase)) next.set(target, id)
    }
    pending = next
  }
  return [...pending].map(([target, id]) => ({
    target,
    rule: "not-converged",
    message: `assignment ${id} did not settle once faults stopped (last: ${last.get(target) ?? "?"})`
  }))
}

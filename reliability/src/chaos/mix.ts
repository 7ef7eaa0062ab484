// The operation mix of a run, drawn from one seeded PRNG: which target each operation goes to, what it
// does, and the mid-run events (429 storms, token expiry) that interrupt the lanes.
import { Prng } from "@planes/sim-kit"
import type { ChaosTarget } from "./controlPlane.js"
import type { SimulatorName } from "./simulators.js"

/** What an operation does through the control plane's API. */
export type OperationKind = "publish" | "assign" | "state" | "remediate" | "rollback"

/** One planned operation: `choice` picks the version or the assignment it acts on. */
export interface PlannedOperation {
  readonly index: number
  readonly target: string
  readonly kind: OperationKind
  readonly choice: number
}

/** Something done to a simulator before one lane's operation runs. */
export interface PlannedEvent {
  /** The lane (target) and its operation position the event comes before. */
  readonly target: string
  readonly before: number
  readonly kind: "storm-retry-after" | "storm-bare" | "token-expiry"
}

/** The whole plan: one lane of operations per target, plus events. */
export interface RunPlan {
  readonly lanes: ReadonlyMap<string, ReadonlyArray<PlannedOperation>>
  readonly events: ReadonlyArray<PlannedEvent>
}

// How often each kind is drawn: reads a little more than writes, as in a real rollout.
const weights: ReadonlyArray<readonly [OperationKind, number]> = [
  ["publish", 25],
  ["assign", 20],
  ["state", 25],
  ["remediate", 15],
  ["rollback", 15]
]

const drawKind = (rng: Prng): OperationKind => {
  const total = weights.reduce((sum, [, w]) => sum + w, 0)
  let roll = rng.int(0, total - 1)
  for (const [kind, weight] of weights) {
    if (roll < weight) return kind
    roll -= weight
  }
  return "state"
}

/** The simulator a target talks to. */
export const simulatorOf: Readonly<Record<ChaosTarget["plane"], SimulatorName>> = {
  intune: "graph",
  jamf: "jamf",
  sccm: "sccm",
  landscape: "landscape",
  ansible: "awx"
}

/** Plans `operations` operations over `targets` from `seed`; the same arguments give the same plan. */
export const planRun = (seed: number, operations: number, targets: ReadonlyArray<ChaosTarget>): RunPlan => {
  const rng = new Prng(seed).fork("chaos/mix")
  const lanes = new Map<string, Array<PlannedOperation>>(targets.map((t) => [t.name, []]))
  for (let index = 0; index < operations; index++) {
    const target = rng.pick(targets)
    lanes
      .get(target.name)
      ?.push({ index, target: target.name, kind: drawKind(rng), choice: rng.int(0, 1_000_000) })
  }
  // About one storm of each kind per hundred operations of a lane, and one token expiry per lane mid-run.
  const events: Array<PlannedEvent> = []
  for (const [target, ops] of lanes) {
    if (ops.length < 4) continue
    const storms = Math.max(1, Math.round(ops.length / 100))
    for (let i = 0; i < storms; i++) {
      events.push({ target, before: rng.int(1, ops.length - 1), kind: "storm-retry-after" })
      events.push({ target, before: rng.int(1, ops.length - 1), kind: "storm-bare" })
    }
    events.push({
      target,
      before: rng.int(Math.floor(ops.length / 3), Math.floor((2 * ops.length) / 3)),
      kind: "token-expiry"
    })
  }
  return { lanes, events }
}

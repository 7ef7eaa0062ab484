// Runs one lane of planned operations (one target) through the control plane's API, choosing what each
// operation acts on from what earlier ones achieved, and records how each ended.
import type { ApiAnswer, ApiClient } from "./api.js"
import type { ChaosTarget } from "./controlPlane.js"
import type { OperationKind, PlannedOperation } from "./mix.js"
import type { Catalogue } from "./packages.js"

/** How an operation ended for its target. */
export type Ending = "succeeded" | "typed-error" | "untyped"

/** One operation as run: what was asked, what came back. */
export interface OperationRecord {
  readonly index: number
  readonly target: string
  readonly plane: ChaosTarget["plane"]
  readonly kind: OperationKind
  readonly correlationId: string
  readonly httpStatus: number
  /** The control plane's operation id (mutations only, when it answered one). */
  readonly operationId: string | undefined
  /** The assignment operation a state, remediate or rollback acted on. */
  readonly assignmentId: string | undefined
  readonly ending: Ending
  readonly errorClass: string | undefined
  readonly errorCode: string | undefined
  readonly detail: string | undefined
}

/** What a lane has achieved so far: published versions with their keys, and live assignments. */
export interface LaneState {
  readonly published: Map<string, string>
  readonly assignments: Array<{ readonly operationId: string; readonly version: string }>
}

const classes = new Set(["transient", "permanent", "policy"])

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === "object" && u !== null
const str = (u: unknown): string | undefined => (typeof u === "string" ? u : undefined)

/** This target's outcome in an operation answer (`results`) or a state answer (`targets`). */
const targetOutcome = (body: unknown, target: string): Readonly<Record<string, unknown>> | undefined => {
  if (!isRecord(body)) return undefined
  const list = Array.isArray(body.results) ? body.results : Array.isArray(body.targets) ? body.targets : []
  return list.filter(isRecord).find((o) => o.target === target)
}

/** Classifies an answer: success, a typed error (a problem with a known class), or anything else. */
const classify = (answer: ApiAnswer, target: string) => {
  const outcome = targetOutcome(answer.body, target)
  const error =
    outcome !== undefined && isRecord(outcome.error)
      ? outcome.error
      : isRecord(answer.body)
        ? answer.body
        : {}
  const errorClass = str(error.errorClass)
  const errorCode = str(error.code)
  const detail = str(error.detail)
  if (outcome?.outcome === "succeeded")
    return { ending: "succeeded" as const, errorClass, errorCode, detail, outcome }
  const typed =
    answer.status < 500 || answer.status === 502 || answer.status === 503
      ? errorClass !== undefined &&
        classes.has(errorClass) &&
        errorCode !== "ConnectorDefect" &&
        errorCode !== "InternalError"
      : false
  return {
    ending: typed ? ("typed-error" as const) : ("untyped" as const),
    errorClass,
    errorCode,
    detail,
    outcome
  }
}

/** Runs one operation of a lane, updating what the lane has achieved. */
export const runOperation = async (
  api: ApiClient,
  target: ChaosTarget,
  catalogue: Catalogue,
  lane: LaneState,
  planned: PlannedOperation
): Promise<OperationRecord> => {
  const { choice } = planned
  // What the operation can act on decides what it becomes: nothing to assign yet means publish first.
  let kind = planned.kind
  if (kind !== "publish" && lane.published.size === 0) kind = "publish"
  if ((kind === "state" || kind === "remediate" || kind === "rollback") && lane.assignments.length === 0)
    kind = "assign"
  const publishedVersions = [...lane.published.keys()]
  const assignment = lane.assignments[choice % Math.max(1, lane.assignments.length)]
  let answer: ApiAnswer
  let assignedVersion: string | undefined
  switch (kind) {
    case "publish": {
      const pkg = catalogue.packages[choice % catalogue.packages.length] ?? {}
      answer = await api("POST", "/v1/packages", { body: { package: pkg, targets: [target.name] } })
      break
    }
    case "assign": {
      const version = publishedVersions[choice % publishedVersions.length] ?? ""
      const pkg = catalogue.packages.find((p) => p.version === version) ?? {}
      assignedVersion = version
      answer = await api("POST", "/v1/assignments", {
        body: {
          assignment: {
            package: { key: lane.published.get(version), name: pkg.name, version },
            target: catalogue.target,
            intent: "required"
          },
          targets: [target.name]
        }
      })
      break
    }
    case "state":
      answer = await api("GET", `/v1/assignments/${assignment?.operationId}`)
      break
    case "remediate":
      answer = await api("POST", `/v1/assignments/${assignment?.operationId}/remediate`, {
        body: { intended: { status: "installed" } }
      })
      break
    case "rollback": {
      const others = catalogue.rollbackVersions.filter((v) => v !== assignment?.version)
      const version = others[choice % Math.max(1, others.length)] ?? catalogue.rollbackVersions[0] ?? ""
      assignedVersion = version
      answer = await api("POST", `/v1/assignments/${assignment?.operationId}/rollback`, { body: { version } })
      break
    }
  }
  const c = classify(answer, target.name)
  const operationId = isRecord(answer.body) ? str(answer.body.operationId) : undefined
  if (c.ending === "succeeded") {
    const result = isRecord(c.outcome?.result) ? c.outcome.result : {}
    if (kind === "publish") {
      const key = str(result.key)
      const pkg = catalogue.packages[choice % catalogue.packages.length]
      const v = str(pkg?.version)
      if (key !== undefined && v !== undefined) lane.published.set(v, key)
    }
    if (
      (kind === "assign" || kind === "rollback") &&
      operationId !== undefined &&
      assignedVersion !== undefined
    )
      lane.assignments.push({ operationId, version: assignedVersion })
  }
  return {
    index: planned.index,
    target: target.name,
    plane: target.plane,
    kind,
    correlationId: answer.correlationId,
    httpStatus: answer.status,
    operationId: kind === "state" ? undefined : operationId,
    assignmentId:
      kind === "state" || kind === "remediate" || kind === "rollback" ? assignment?.operationId : undefined,
    ending: c.ending,
    errorClass: c.errorClass,
    errorCode: c.errorCode,
    detail: c.ending === "succeeded" ? undefined : c.detail
  }
}

import type { PlaneError } from "@planes/core"
import type { OperationReport } from "../service/ControlPlane.js"
import type { TargetOutcome } from "../service/outcomes.js"
import { worstClass } from "../service/outcomes.js"
import type { OperationKind } from "../store/records.js"
import { planeProblem } from "./problem.js"
import { type Answer, ok, problemAnswer } from "./respond.js"

/** A target outcome as JSON: its result, or its error as a problem document. */
export const outcomeJson = <A>(o: TargetOutcome<A>) =>
  o.outcome === "succeeded"
    ? { target: o.target, plane: o.plane, outcome: o.outcome, result: o.result }
    : { target: o.target, plane: o.plane, outcome: o.outcome, error: planeProblem(o.error) }

/**
 * The answer for a fanned-out operation: `success` when every target succeeded, 207 when some failed
 * (each target's outcome on its own), and a problem when all failed, with the class that decides what the
 * caller should do (the most severe) and every target's outcome beside it.
 */
export const reportAnswer = (report: OperationReport, success: number, instance: string): Answer => {
  const body = {
    operationId: report.operationId,
    kind: report.kind,
    correlationId: report.correlationId,
    status: report.status,
    results: report.results.map(outcomeJson)
  }
  if (report.status === "succeeded") return ok(success, body)
  if (report.status === "partial") return ok(207, body)
  const errors = report.results.flatMap(
    (r): ReadonlyArray<PlaneError> => (r.outcome === "failed" ? [r.error] : [])
  )
  const cls = worstClass(errors)
  const decisive = errors.find((e) => planeProblem(e).errorClass === cls) ?? errors[0]
  if (decisive === undefined) return ok(success, body)
  const first = planeProblem(decisive, instance)
  return problemAnswer({
    ...first,
    detail:
      errors.length === 1 ? first.detail : `Every target failed. ${errors.map((e) => e.message).join(" ")}`,
    retryable: errors.every((e) => e._tag === "TransientError"),
    operationId: report.operationId,
    results: body.results
  })
}

/** The path an operation was asked on, and the status its success answers with. */
const routeOf = (kind: OperationKind, parentId: string | null) => {
  switch (kind) {
    case "publish":
      return { path: "/v1/packages", success: 201 }
    case "assign":
      return { path: "/v1/assignments", success: 201 }
    default:
      return { path: `/v1/assignments/${parentId ?? ""}/${kind}`, success: 200 }
  }
}

/** The answer an operation's route gives, so a resumed operation stores exactly what the route would have. */
export const operationAnswer = (report: OperationReport, parentId: string | null): Answer => {
  const { path, success } = routeOf(report.kind, parentId)
  return reportAnswer(report, success, path)
}

import { PermanentError, type PlaneError } from "@planes/core"
import { Effect, Option } from "effect"
import type { StoreError } from "../store/errors.js"
import type { RepositoryService } from "../store/Repository.js"
import type { OperationKind } from "../store/records.js"
import { decodeAssign, decodePublish, decodeRemediate, decodeRollback } from "./requests.js"
import type { ConnectedTarget } from "./Targets.js"

/** What one target's call gave: the plane's result and the assignment ref it names, if any. */
export interface Attempted {
  readonly result: unknown
  readonly ref: string | null
}

/** An operation ready to run: the targets it goes to and the call each one gets. */
export interface Plan {
  readonly targets: ReadonlyArray<ConnectedTarget>
  readonly attempt: (target: ConnectedTarget) => Effect.Effect<Attempted, PlaneError>
}

/** Where a plan comes from: the request as the caller sent it, and the assignment it acts on. */
export interface PlanInput {
  readonly kind: OperationKind
  readonly body: unknown
  readonly parentId: string | null
  readonly correlationId: string
}

const refused = (operation: string, correlationId: string, code: string, message: string) =>
  new PermanentError({ plane: "control-plane", operation, correlationId, code, message })

/** The targets a request names among those allowed (all of them when it names none). */
export const chooseTargets = (
  names: ReadonlyArray<string> | undefined,
  allowed: ReadonlyArray<ConnectedTarget>,
  operation: string,
  correlationId: string
): Effect.Effect<ReadonlyArray<ConnectedTarget>, PermanentError> => {
  if (names === undefined) return Effect.succeed(allowed)
  const unknown = names.filter((n) => !allowed.some((t) => t.name === n))
  if (unknown.length > 0)
    return Effect.fail(
      refused(
        operation,
        correlationId,
        "UnknownTarget",
        `Unknown or inapplicable target(s): ${unknown.join(", ")}. Available: ${allowed.map((t) => t.name).join(", ") || "none"}.`
      )
    )
  return Effect.succeed(allowed.filter((t) => names.includes(t.name)))
}

/** An assignment operation's refs per target, and the targets where the assignment exists. */
export const assignmentOf = (
  repo: RepositoryService,
  all: ReadonlyArray<ConnectedTarget>,
  id: string,
  operation: string,
  correlationId: string
) =>
  Effect.gen(function* () {
    const found = yield* repo.getOperation(id)
    if (Option.isNone(found) || (found.value.kind !== "assign" && found.value.kind !== "rollback"))
      return yield* refused(
        operation,
        correlationId,
        "NotFound",
        `The assignment operation ${id.slice(0, 64)} does not exist.`
      )
    const results = yield* repo.planeResults(id)
    // Only targets where the assignment exists have a ref to act on.
    const refs = new Map(
      results.flatMap((r) => (r.assignmentRef === null ? [] : [[r.target, r.assignmentRef] as const]))
    )
    return { operation: found.value, refs, targets: all.filter((t) => refs.has(t.name)) }
  })

/**
 * Decodes a request and decides where it goes and what each target is asked. The same function plans a
 * new operation and one resumed from the store, so a resumed operation asks exactly what the first run did.
 */
export const planOperation = (
  repo: RepositoryService,
  all: ReadonlyArray<ConnectedTarget>,
  input: PlanInput
): Effect.Effect<Plan, PermanentError | StoreError> =>
  Effect.gen(function* () {
    const { body, correlationId, kind } = input
    const context = { operation: kind, correlationId }
    switch (kind) {
      case "publish": {
        const request = yield* decodePublish(body, context)
        return {
          targets: yield* chooseTargets(request.targets, all, kind, correlationId),
          attempt: (t) =>
            Effect.map(t.connector.publishPackage(request.package), (result) => ({ result, ref: null }))
        }
      }
      case "assign": {
        const request = yield* decodeAssign(body, context)
        return {
          targets: yield* chooseTargets(request.targets, all, kind, correlationId),
          attempt: (t) =>
            Effect.map(t.connector.createAssignment(request.assignment), (result) => ({
              result,
              ref: result.ref
            }))
        }
      }
      case "remediate":
      case "rollback": {
        const parent = yield* assignmentOf(repo, all, input.parentId ?? "", kind, correlationId)
        const refOf = (t: ConnectedTarget) => parent.refs.get(t.name) ?? ""
        if (kind === "remediate") {
          const request = yield* decodeRemediate(body, context)
          return {
            targets: yield* chooseTargets(request.targets, parent.targets, kind, correlationId),
            attempt: (t) =>
              Effect.map(t.connector.remediate(refOf(t), request.intended), (result) => ({
                result,
                ref: result.ref
              }))
          }
        }
        const request = yield* decodeRollback(body, context)
        return {
          targets: yield* chooseTargets(request.targets, parent.targets, kind, correlationId),
          attempt: (t) =>
            Effect.map(t.connector.rollback(refOf(t), request.version), (result) => ({
              result,
              ref: result.ref
            }))
        }
      }
    }
  })

import {
  type AssignmentRef,
  Correlation,
  decodeAssignmentRef,
  formatAssignmentRef,
  InstallIntent,
  type PlaneError
} from "@planes/core"
import { Effect, Schema } from "effect"
import { permanent } from "../errors.js"
import type { AssignmentFilter } from "../mapping/assignment.js"

/**
 * An Intune assignment, as its ref carries it: the app, the Entra group (the natural key of an
 * assignment), and what is needed to recreate it without a database (intent, filter); the assignment
 * id is a shortcut, not a key.
 */
export interface IntuneAssignmentIds {
  readonly app: string
  readonly group: string
  readonly intent: InstallIntent
  readonly assignment?: string | undefined
  readonly filter?: AssignmentFilter | undefined
}

/** Prints the ref of an Intune assignment: `intune:app=…;assignment=…;group=…;intent=…`. */
export const intuneRef = (ids: IntuneAssignmentIds): string =>
  formatAssignmentRef({
    plane: "intune",
    ids: {
      app: ids.app,
      group: ids.group,
      intent: ids.intent,
      ...(ids.assignment !== undefined && { assignment: ids.assignment }),
      ...(ids.filter !== undefined && { filter: ids.filter.id, filterMode: ids.filter.mode })
    }
  })

const isIntent = Schema.is(InstallIntent)
const isMode = Schema.is(Schema.Literal("include", "exclude"))

/** Reads an Intune ref back; another plane's ref, or one missing the app or group, is a PermanentError. */
export const parseIntuneRef = (
  text: string,
  operation: string
): Effect.Effect<IntuneAssignmentIds, PlaneError> =>
  Effect.gen(function* () {
    const correlationId = yield* Correlation.current
    const ref: AssignmentRef = yield* decodeAssignmentRef(text, { operation, correlationId, plane: "intune" })
    const bad = (why: string) =>
      permanent(
        operation,
        "InvalidAssignmentRef",
        `The assignment reference ${why}; use the ref createAssignment returned.`
      )
    if (ref.plane !== "intune") return yield* bad(`belongs to ${ref.plane}, not intune`)
    const { app, group, intent, assignment, filter, filterMode } = ref.ids
    if (app === undefined || group === undefined) return yield* bad("names no app or no group")
    const installIntent = intent ?? "required"
    if (!isIntent(installIntent)) return yield* bad(`has an unknown intent "${installIntent.slice(0, 32)}"`)
    const mode = filterMode ?? "include"
    if (!isMode(mode)) return yield* bad(`has an unknown filterMode "${mode.slice(0, 32)}"`)
    return {
      app,
      group,
      intent: installIntent,
      assignment,
      filter: filter === undefined ? undefined : { id: filter, mode }
    }
  })

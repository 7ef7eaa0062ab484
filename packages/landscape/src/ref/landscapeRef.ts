import { Correlation, decodeAssignmentRef, formatAssignmentRef, type PlaneError } from "@planes/core"
import { Effect } from "effect"
import { permanent } from "../errors.js"

/**
 * A Landscape assignment as its ref carries it: the saved search holding the key and the target, the
 * package and version, the goal, and either the activity group of the install (`activity`) or, for a
 * rollback, `downgrade` (the per-computer downgrade activities are found through the saved search).
 */
export interface LandscapeAssignment {
  readonly search: string
  readonly package: string
  readonly version: string
  readonly goal: "install" | "remove"
  readonly activity?: number | undefined
}

/** Prints a ref: `landscape:activity=…;goal=…;package=…;search=planes-<key>;version=…`. */
export const landscapeRef = (a: LandscapeAssignment): string =>
  formatAssignmentRef({
    plane: "landscape",
    ids: {
      search: a.search,
      package: a.package,
      version: a.version,
      goal: a.goal,
      ...(a.activity === undefined ? { mode: "downgrade" } : { activity: String(a.activity) })
    }
  })

/** Reads a Landscape ref back; another plane's ref, or one missing a field, is a PermanentError. */
export const parseLandscapeRef = (
  text: string,
  operation: string
): Effect.Effect<LandscapeAssignment, PlaneError> =>
  Effect.gen(function* () {
    const correlationId = yield* Correlation.current
    const ref = yield* decodeAssignmentRef(text, { operation, correlationId, plane: "landscape" })
    const bad = (why: string) =>
      permanent(
        operation,
        "InvalidAssignmentRef",
        `The assignment reference ${why}; use the ref createAssignment returned.`
      )
    if (ref.plane !== "landscape") return yield* bad(`belongs to ${ref.plane}, not landscape`)
    const { search, package: name, version, goal, activity, mode } = ref.ids
    if (search === undefined || name === undefined || version === undefined)
      return yield* bad("names no search, package or version")
    if (goal !== "install" && goal !== "remove") return yield* bad("has no goal (install or remove)")
    if (activity === undefined && mode !== "downgrade") return yield* bad("names no activity")
    if (activity !== undefined && !/^\d+$/.test(activity)) return yield* bad("has a non-numeric activity")
    return {
      search,
      package: name,
      version,
      goal,
      activity: activity === undefined ? undefined : Number(activity)
    }
  })

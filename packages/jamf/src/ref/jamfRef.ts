import {
  type AssignmentRef,
  Correlation,
  decodeAssignmentRef,
  formatAssignmentRef,
  type PlaneError
} from "@planes/core"
import { Effect } from "effect"
import { permanent } from "../errors.js"

/** A Jamf assignment as its ref carries it: the policy, the group it is scoped to, the package it deploys. */
export interface JamfAssignmentIds {
  readonly policy: string
  readonly group: string
  readonly package: string
}

/** Prints the ref of a Jamf assignment: `jamf:group=…;package=…;policy=…`. */
export const jamfRef = (ids: JamfAssignmentIds): string =>
  formatAssignmentRef({ plane: "jamf", ids: { policy: ids.policy, group: ids.group, package: ids.package } })

const numeric = /^\d+$/

/** Reads a Jamf ref back; another plane's ref, or one missing or mangling an id, is a PermanentError. */
export const parseJamfRef = (text: string, operation: string): Effect.Effect<JamfAssignmentIds, PlaneError> =>
  Effect.gen(function* () {
    const correlationId = yield* Correlation.current
    const ref: AssignmentRef = yield* decodeAssignmentRef(text, { operation, correlationId, plane: "jamf" })
    const bad = (why: string) =>
      permanent(
        operation,
        "InvalidAssignmentRef",
        `The assignment reference ${why}; use the ref createAssignment returned.`
      )
    if (ref.plane !== "jamf") return yield* bad(`belongs to ${ref.plane}, not jamf`)
    const { policy, group, package: pkg } = ref.ids
    if (policy === undefined || group === undefined || pkg === undefined) {
      return yield* bad("does not name a policy, a group and a package")
    }
    if (![policy, group, pkg].every((id) => numeric.test(id)))
      return yield* bad("has an id that is not a Jamf id")
    return { policy, group, package: pkg }
  })

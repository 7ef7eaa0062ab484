import {
  type AssignmentRef,
  Correlation,
  decodeAssignmentRef,
  formatAssignmentRef,
  type PlaneError
} from "@planes/core"
import { Effect } from "effect"
import { permanent } from "../errors.js"

/**
 * An Ansible assignment as its ref carries it: the job planes launched and its template. Everything
 * else (inventory, limit, package, version, state) is in the job itself, so no database is needed.
 */
export interface AnsibleAssignmentIds {
  readonly job: number
  readonly template: number
}

/** Prints the ref of an Ansible assignment: `ansible:job=<id>;template=<id>`. */
export const ansibleRef = (ids: AnsibleAssignmentIds): string =>
  formatAssignmentRef({ plane: "ansible", ids: { job: String(ids.job), template: String(ids.template) } })

const positiveInt = (text: string | undefined): number | undefined =>
  text !== undefined && /^[1-9]\d{0,15}$/.test(text) ? Number(text) : undefined

/** Reads an Ansible ref back; another plane's ref, or one without a job and template id, is a PermanentError. */
export const parseAnsibleRef = (
  text: string,
  operation: string
): Effect.Effect<AnsibleAssignmentIds, PlaneError> =>
  Effect.gen(function* () {
    const correlationId = yield* Correlation.current
    const ref: AssignmentRef = yield* decodeAssignmentRef(text, {
      operation,
      correlationId,
      plane: "ansible"
    })
    const bad = (why: string) =>
      permanent(
        operation,
        "InvalidAssignmentRef",
        `The assignment reference ${why}; use the ref createAssignment returned.`
      )
    if (ref.plane !== "ansible") return yield* bad(`belongs to ${ref.plane}, not ansible`)
    const job = positiveInt(ref.ids.job)
    const template = positiveInt(ref.ids.template)
    if (job === undefined || template === undefined) return yield* bad("names no job id or no template id")
    return { job, template }
  })

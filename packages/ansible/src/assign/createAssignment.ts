import {
  type AssignmentIntent,
  type AssignmentResult,
  Correlation,
  intentKey,
  type PlaneError
} from "@planes/core"
import { Effect } from "effect"
import { organizationId } from "../awx/resources.js"
import { permanent } from "../errors.js"
import { assignmentVars } from "../mapping/launch.js"
import { ansibleRef } from "../ref/ansibleRef.js"
import type { AnsibleRuntime } from "../runtime.js"
import { launchOnce } from "./launchOnce.js"
import { publishedTemplate } from "./publishedTemplate.js"
import { resolveTarget } from "./target.js"

const operation = "create assignment"

/** Why an assignment intent has no AWX form, or undefined when it has one. */
export const unsupportedReason = (intent: AssignmentIntent): string | undefined => {
  if (intent.intent === "available") {
    return "AWX pushes playbooks to hosts; there is no self-service 'available' install. Use 'required'."
  }
  if (intent.schedule?.start !== undefined) {
    return "This connector launches at once and does not create AWX schedules; submit the assignment when it is due."
  }
  return undefined
}

/**
 * Deploys a published package: launches its install template (its remove template for `uninstall`) on
 * the target's inventory and limit, with the version, the state and the assignment's key as extra
 * variables. A repeat, or a retry after a lost answer, finds the job that carries the key instead of
 * launching again. The ref names the job and its template.
 */
export const createAssignment = (
  runtime: AnsibleRuntime,
  intent: AssignmentIntent
): Effect.Effect<AssignmentResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const reason = unsupportedReason(intent)
      if (reason !== undefined) return yield* permanent(operation, "UnsupportedIntent", reason)
      const key = intentKey(intent)
      const organization = yield* organizationId(runtime.awx, runtime.config.organization, operation)
      const template = yield* publishedTemplate(
        runtime,
        intent.package,
        intent.intent === "uninstall" ? "remove" : "install",
        organization,
        operation
      )
      const target = yield* resolveTarget(runtime, intent.target, organization, operation)
      const { job, created } = yield* launchOnce(
        runtime,
        { template: template.id, target, key, vars: assignmentVars(intent) },
        operation
      )
      return {
        plane: "ansible" as const,
        key,
        correlationId: yield* Correlation.current,
        created,
        objects: [
          { kind: "job_template", id: String(template.id), name: template.name, created: false },
          { kind: "job", id: String(job.id), created }
        ],
        ref: ansibleRef({ job: job.id, template: template.id })
      }
    })
  )

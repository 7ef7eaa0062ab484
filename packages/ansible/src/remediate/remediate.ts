import { HttpClientRequest } from "@effect/platform"
import {
  Correlation,
  type DeviceState,
  findKey,
  findOrCreate,
  type IntendedState,
  keyOf,
  type PlaneError,
  type PlaneObject,
  type RemediationResult,
  RetryPolicy,
  satisfies
} from "@planes/core"
import { Chunk, Effect, Stream } from "effect"
import { launchOnce } from "../assign/launchOnce.js"
import { publishedTemplate } from "../assign/publishedTemplate.js"
import { awxPath } from "../awx/paths.js"
import { getTemplate, jobsOfTemplate } from "../awx/resources.js"
import { type Job, LaunchAnswer } from "../awx/schemas.js"
import { permanent } from "../errors.js"
import { parseVars, stringVar } from "../mapping/extraVars.js"
import { isActive, type JobGoal } from "../mapping/hostStatus.js"
import { ansibleRef, parseAnsibleRef } from "../ref/ansibleRef.js"
import type { AnsibleRuntime } from "../runtime.js"
import { type AssignmentView, launchKeyOf, statesOf, viewOf } from "../state/assignmentView.js"

const operation = "remediate"

/** Whether remediation wants what the assignment's job already converges hosts to. */
export const sameGoal = (goal: JobGoal, intended: IntendedState): boolean =>
  (intended.status === "installed") === (goal.state === "present") &&
  (intended.status === "absent" || intended.version === undefined || intended.version === goal.version)

/**
 * A relaunch newer than the chain's head, if one was made (a retry after a lost answer finds it here):
 * relaunches copy the first launch's variables, so it carries the assignment's key.
 */
const relaunchAfter = (runtime: AnsibleRuntime, view: AssignmentView) => {
  const key = launchKeyOf(view.chain[0])
  return jobsOfTemplate(runtime.awx, view.ids.template, "relaunch", operation).pipe(
    Stream.filter((candidate) => candidate.id > view.head.id && launchKeyOf(candidate) === key),
    Stream.runHead
  )
}

/** Relaunches the newest job of the chain on its failed and unreachable hosts, once. */
const relaunchFailed = (runtime: AnsibleRuntime, view: AssignmentView) =>
  findOrCreate({
    find: relaunchAfter(runtime, view),
    create: runtime.awx.json(
      operation,
      HttpClientRequest.post(awxPath("jobs", view.head.id, "relaunch")).pipe(
        HttpClientRequest.bodyUnsafeJson({ hosts: "failed" })
      ),
      LaunchAnswer,
      { retry: false }
    )
  }).pipe(Effect.provideService(RetryPolicy, runtime.retry))

/**
 * Converges hosts to another state or version than the assignment's: launches the package's remediate
 * template on exactly the hosts that are not there, once per (assignment, intended state, hosts).
 */
const converge = (
  runtime: AnsibleRuntime,
  view: AssignmentView,
  intended: IntendedState,
  hosts: ReadonlyArray<string>
) =>
  Effect.gen(function* () {
    const first: Job = view.chain[0]
    const template = yield* getTemplate(runtime.awx, view.ids.template, operation)
    const vars = parseVars(template.extra_vars)
    const name = stringVar(vars, "pkg_display_name")
    const version = stringVar(vars, "pkg_version")
    const key = findKey(stringVar(vars, "planes_package_key"))
    if (name === undefined || version === undefined || key === undefined || first.inventory === null) {
      return yield* permanent(
        operation,
        "NotAPlanesTemplate",
        `Job template ${template.id} was not published by planes (its extra_vars name no package); remediate jobs planes launched.`
      )
    }
    const remediateTemplate = yield* publishedTemplate(
      runtime,
      { key, name, version },
      "remediate",
      template.organization ?? 0,
      operation
    )
    const launched = yield* launchOnce(
      runtime,
      {
        template: remediateTemplate.id,
        target: { inventory: first.inventory, limit: hosts.join(",") },
        key: keyOf("ansible-remediation", { ref: ansibleRef(view.ids), intended, hosts }),
        vars: {
          pkg_state: intended.status === "absent" ? "absent" : "present",
          ...(intended.status === "installed" && {
            pkg_version: intended.version ?? view.goal.version ?? version
          })
        }
      },
      operation
    )
    return { template: remediateTemplate, ...launched }
  })

/**
 * Acts on the hosts that are not in the intended state. When that is what the assignment asked for,
 * the newest job of the assignment is relaunched on its failed hosts only (AWX `relaunch/` with
 * `hosts: failed`, which reuses its inventory and variables); the ref stays the same, since state
 * queries follow relaunches. When remediation wants another state or version, the package's remediate
 * playbook runs on just those hosts and the result's ref names that job. Nothing runs while the
 * assignment's newest job is still queued or running or its events are not saved yet, or when every host
 * is already where it should be.
 */
export const remediate = (
  runtime: AnsibleRuntime,
  ref: string,
  intended: IntendedState
): Effect.Effect<RemediationResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const ids = yield* parseAnsibleRef(ref, operation)
      const view = yield* viewOf(runtime, ids, operation)
      const result = (
        action: string,
        devices: ReadonlyArray<string>,
        skipped: number,
        objects: ReadonlyArray<PlaneObject>,
        newRef = ansibleRef(ids)
      ) =>
        Effect.map(Correlation.current, (correlationId) => ({
          plane: "ansible" as const,
          ref: newRef,
          correlationId,
          action,
          devices,
          skipped,
          objects
        }))
      if (isActive(view.head)) {
        return yield* result(`none: job ${view.head.id} is still ${view.head.status}`, [], 0, [
          { kind: "job", id: String(view.head.id), created: false }
        ])
      }
      // An ended job's host outcomes exist only once AWX has saved its events: before that nothing is
      // known to be off, and a relaunch on failed hosts is refused ("playbook stats not available").
      if (!view.head.event_processing_finished) {
        return yield* result(`none: job ${view.head.id} is still processing its events`, [], 0, [
          { kind: "job", id: String(view.head.id), created: false }
        ])
      }
      const states: ReadonlyArray<DeviceState> = Chunk.toReadonlyArray(
        yield* Stream.runCollect(statesOf(runtime, view, operation))
      )
      const off = states.filter((s) => !satisfies(s, intended))
      const names = (list: ReadonlyArray<DeviceState>) => list.map((s) => s.deviceName ?? s.deviceId)
      if (sameGoal(view.goal, intended)) {
        const failed = off.filter((s) => s.status === "failed")
        if (failed.length === 0) return yield* result("none", [], states.length, [])
        const relaunched = yield* relaunchFailed(runtime, view)
        return yield* result("relaunch failed hosts", names(failed), states.length - failed.length, [
          { kind: "job", id: String(relaunched.value.id), created: relaunched.created }
        ])
      }
      if (off.length === 0) return yield* result("none", [], states.length, [])
      const launched = yield* converge(runtime, view, intended, names(off))
      return yield* result(
        "run remediate playbook",
        names(off),
        states.length - off.length,
        [
          {
            kind: "job_template",
            id: String(launched.template.id),
            name: launched.template.name,
            created: false
          },
          { kind: "job", id: String(launched.job.id), created: launched.created }
        ],
        ansibleRef({ job: launched.job.id, template: launched.template.id })
      )
    })
  )

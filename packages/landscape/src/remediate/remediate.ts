import { HttpClientRequest } from "@effect/platform"
import {
  Correlation,
  type IntendedState,
  type PlaneError,
  type PlaneObject,
  type RemediationResult,
  satisfies
} from "@planes/core"
import { Effect } from "effect"
import type { LandscapeClient } from "../api/LandscapeClient.js"
import { Activity, ActivityIds } from "../api/schemas.js"
import { permanent } from "../errors.js"
import { landscapeRef, parseLandscapeRef } from "../ref/landscapeRef.js"
import { type ComputerState, collectComputerStates } from "../state/deviceStates.js"

const operation = "remediate"

/** What remediation does per computer (pure): reapply its failed activity, a new change, or nothing yet. */
export type RemediationStep = "reapply" | "change" | "wait" | "none"

/** The step for one computer: done ones need nothing, running ones wait, failed ones are reapplied. */
export const remediationStep = (computer: ComputerState, intended: IntendedState): RemediationStep => {
  if (satisfies(computer.state, intended)) return "none"
  const status = computer.state.status
  if (status === "pending" || status === "in_progress" || status === "unknown") return "wait"
  const activity = computer.activity.activity_status
  return activity === "failed" || activity === "canceled" ? "reapply" : "change"
}

const idQuery = (ids: ReadonlyArray<string>) => ids.map((id) => `id:${id}`).join(" OR ")

/**
 * Brings the assignment's computers to the intended state: failed or canceled per-computer activities
 * are reapplied (REST `POST /activities/reapply`, the same group gets a new child), and computers whose
 * activity succeeded without meeting the goal (say, another version won) get a new InstallPackages (or
 * RemovePackages) on exactly those computers. Computers still waiting are left alone, so a repeat after
 * a lost answer finds the new activities pending and does not act twice. Another version than the
 * assignment's is a rollback, not a remediation.
 */
export const remediate = (
  client: LandscapeClient,
  ref: string,
  intended: IntendedState
): Effect.Effect<RemediationResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const a = yield* parseLandscapeRef(ref, operation)
      if (intended.version !== undefined && intended.version !== a.version) {
        return yield* permanent(
          operation,
          "UseRollback",
          `The assignment installs ${a.package} ${a.version}; moving to ${intended.version} is a rollback.`
        )
      }
      const computers = yield* collectComputerStates(client, operation, a)
      const steps = computers.map((c) => ({ c, step: remediationStep(c, intended) }))
      // Reapply reruns the install; a removal is a new RemovePackages on every computer still holding it.
      const reapplied = intended.status === "absent" ? [] : steps.filter((s) => s.step === "reapply")
      const change = steps.filter(
        (s) => s.step === "change" || (s.step === "reapply" && intended.status === "absent")
      )
      const objects: PlaneObject[] = []
      if (reapplied.length > 0) {
        const ids = yield* client.rest.json(
          operation,
          HttpClientRequest.post("/activities/reapply").pipe(
            HttpClientRequest.bodyUnsafeJson({ activity_ids: reapplied.map((s) => s.c.activity.id) })
          ),
          ActivityIds,
          { retry: false }
        )
        for (const id of ids) objects.push({ kind: "ChangePackagesRequest", id: String(id), created: true })
      }
      if (change.length > 0) {
        const action = intended.status === "absent" ? "RemovePackages" : "InstallPackages"
        const group = yield* client.write(
          operation,
          action,
          { query: idQuery(change.map((s) => s.c.state.deviceId)), packages: [a.package] },
          Activity,
          { retry: false }
        )
        objects.push({ kind: "ActivityGroup", id: String(group.id), created: true })
      }
      const devices = [...reapplied, ...change].map((s) => s.c.state.deviceId)
      const action =
        reapplied.length > 0 && change.length > 0
          ? "reapply+install"
          : reapplied.length > 0
            ? "reapply"
            : change.length > 0
              ? intended.status === "absent"
                ? "remove"
                : "install"
              : "none"
      return {
        plane: "landscape" as const,
        ref: landscapeRef(a),
        correlationId: yield* Correlation.current,
        action,
        devices,
        skipped: computers.length - devices.length,
        objects
      }
    })
  )

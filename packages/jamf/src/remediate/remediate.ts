import {
  Correlation,
  type DeviceState,
  type IntendedState,
  type PlaneError,
  type RemediationResult,
  satisfies
} from "@planes/core"
import { Chunk, Effect, Stream } from "effect"
import type { JamfApi } from "../api/JamfApi.js"
import { permanent } from "../errors.js"
import { logFlushXml } from "../mapping/policy.js"
import { jamfRef, parseJamfRef } from "../ref/jamfRef.js"
import type { JamfRuntime } from "../runtime.js"
import { assignmentContext, statesOf } from "../state/deviceStates.js"

const operation = "remediate"

/** Whether a computer needs the policy to run again: not where intended, and not out of the policy's reach. */
export const needsRemediation = (device: DeviceState, intended: IntendedState): boolean =>
  device.status !== "not_applicable" && !satisfies(device, intended)

/**
 * Flushes the policy's logs on the given computers (`DELETE /JSSResource/logflush` with an XML body),
 * so a "Once per computer" policy runs again at their next check-in. Idempotent: flushing twice is
 * flushing once.
 */
export const flushPolicyLogs = (
  api: JamfApi,
  policyId: string,
  computerIds: ReadonlyArray<string>
): Effect.Effect<void, PlaneError> =>
  computerIds.length === 0
    ? Effect.void
    : api.sendXml("flush policy logs", "DELETE", "/JSSResource/logflush", logFlushXml(policyId, computerIds))

/**
 * Brings computers to the intended state by making the policy run again where it is not met: the
 * policy's logs are flushed for those computers only. Jamf has no uninstall package action, so an
 * intended "absent" is refused.
 */
export const remediate = (
  runtime: JamfRuntime,
  ref: string,
  intended: IntendedState
): Effect.Effect<RemediationResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const ids = yield* parseJamfRef(ref, operation)
      if (intended.status === "absent") {
        return yield* permanent(
          operation,
          "UnsupportedIntent",
          "Jamf policies have no uninstall package action; remediating to 'absent' is not supported on Jamf yet."
        )
      }
      const { members, pkg } = yield* assignmentContext(runtime.api, ids, operation)
      const devices = Chunk.toReadonlyArray(
        yield* Stream.runCollect(statesOf(runtime.api, ids, members, pkg, {}))
      )
      const acted = devices.filter((d) => needsRemediation(d, intended)).map((d) => d.deviceId)
      yield* flushPolicyLogs(runtime.api, ids.policy, acted)
      return {
        plane: "jamf" as const,
        ref: jamfRef(ids),
        correlationId: yield* Correlation.current,
        action: "flushPolicyLogs",
        devices: acted,
        skipped: devices.length - acted.length,
        objects: [{ kind: "policy", id: ids.policy, created: false }]
      }
    })
  )

import {
  type AssignmentIntent,
  type AssignmentResult,
  Correlation,
  type IntentKey,
  intentKey,
  type PackageRef,
  type PlaneError,
  RetryPolicy
} from "@planes/core"
import { Effect, Either, Option } from "effect"
import type { ApiCall, JamfApi } from "../api/JamfApi.js"
import { rsqlEquals } from "../api/rsql.js"
import type { Package } from "../api/schemas.js"
import { permanent } from "../errors.js"
import {
  groupDescription,
  groupName,
  parseCriteria,
  smartGroupBody,
  staticGroupBody
} from "../mapping/group.js"
import { decodeHints, JamfAssignmentHints } from "../mapping/hints.js"
import { packageName } from "../mapping/package.js"
import { describePolicyProblem, planPolicy, policyName, policyXml } from "../mapping/policy.js"
import { listPackages, pickByKey } from "../publish/packages.js"
import { jamfRef } from "../ref/jamfRef.js"
import { type JamfRuntime, newSession } from "../runtime.js"
import { ensureGroup, existingGroup, type TargetGroup } from "./groups.js"
import { ensurePolicy } from "./policies.js"

const operation = "create assignment"

/** The package record a publish made for `ref`: its name (`<name> <version>`) and its key in the notes. */
export const findPublishedPackage = (
  api: JamfApi,
  ref: PackageRef,
  call?: ApiCall
): Effect.Effect<Package, PlaneError> =>
  Effect.flatMap(
    listPackages(api, rsqlEquals("packageName", packageName(ref.name, ref.version)), call),
    (found) =>
      Option.match(pickByKey(found, ref.key), {
        onSome: Effect.succeed,
        onNone: () =>
          permanent(
            operation,
            "PackageNotPublished",
            `No Jamf package "${packageName(ref.name, ref.version)}" carries key ${ref.key}; publish the package first.`
          )
      })
  )

/** The group an intent's target names or describes: an existing group, a static group, a smart group. */
const targetGroup = (
  api: JamfApi,
  intent: AssignmentIntent,
  key: IntentKey,
  call: ApiCall
): Effect.Effect<TargetGroup, PlaneError, RetryPolicy> => {
  const name = groupName(key)
  const description = groupDescription(key, intent.package.name, intent.package.version)
  const target = intent.target
  switch (target._tag) {
    case "group":
      return existingGroup(api, target.id, operation)
    case "devices": {
      const bad = target.deviceIds.find((id) => !/^\d+$/.test(id))
      if (bad !== undefined) {
        return permanent(
          operation,
          "InvalidDeviceId",
          `"${bad}" is not a Jamf computer id; name computers by their numeric Jamf id.`
        )
      }
      return ensureGroup(api, "static-groups", staticGroupBody(name, description, target.deviceIds), call)
    }
    case "query":
      return Either.match(parseCriteria(target.query), {
        onLeft: (why) =>
          permanent(
            operation,
            "InvalidQuery",
            `A Jamf query target is a JSON array of smart-group criteria ({name, searchType, value, andOr?}); this one is not: ${why}.`
          ),
        onRight: (criteria) =>
          ensureGroup(api, "smart-groups", smartGroupBody(name, description, criteria), call)
      })
    default:
      return permanent(
        operation,
        "UnsupportedTarget",
        `Jamf scopes policies to computer groups; a '${target._tag}' target has no Jamf form. Use a group, devices or query target.`
      )
  }
}

/**
 * Deploys a published package: the target's group (made from devices or criteria when the target
 * describes one), then a Classic policy scoped to it with the package action, triggers and frequency the
 * intent asks for. Names come from the intent key, so a repeat finds group and policy (`created: false`).
 */
export const createAssignment = (
  runtime: JamfRuntime,
  intent: AssignmentIntent
): Effect.Effect<AssignmentResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const { api } = runtime
      const correlationId = yield* Correlation.current
      const hints = yield* decodeHints(JamfAssignmentHints)(intent.hints?.jamf, operation, correlationId)
      const planned = planPolicy(intent, hints)
      if (planned._tag === "Problem") {
        return yield* permanent(operation, "UnsupportedIntent", describePolicyProblem(planned.problem))
      }
      const key = intentKey(intent)
      const call = { session: yield* newSession(runtime) }
      const pkg = yield* findPublishedPackage(api, intent.package, call)
      const group = yield* targetGroup(api, intent, key, call).pipe(
        Effect.provideService(RetryPolicy, runtime.retry)
      )
      const xml = policyXml(intent, key, planned.plan, { id: pkg.id, name: pkg.packageName }, group)
      const policy = yield* ensurePolicy(api, policyName(intent, key), xml, call).pipe(
        Effect.provideService(RetryPolicy, runtime.retry)
      )
      return {
        plane: "jamf" as const,
        key,
        correlationId,
        created: policy.created,
        objects: [
          { kind: "package", id: pkg.id, name: pkg.packageName, created: false },
          { kind: group.kind, id: group.id, name: group.name, created: group.created },
          { kind: "policy", id: policy.id, name: policyName(intent, key), created: policy.created }
        ],
        ref: jamfRef({ policy: policy.id, group: group.id, package: pkg.id })
      }
    })
  )

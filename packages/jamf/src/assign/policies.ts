import { findOrCreate, type PlaneError, type RetryPolicy } from "@planes/core"
import { Effect, Option } from "effect"
import type { ApiCall, JamfApi } from "../api/JamfApi.js"
import { ClassicId, ClassicPolicy } from "../classic/schemas.js"
import { transient } from "../errors.js"

/** The Classic path of a policy by name. */
export const policyByNamePath = (name: string) => `/JSSResource/policies/name/${encodeURIComponent(name)}`

/** A policy by name, if the serving node has it. */
export const findPolicyNamed = (
  api: JamfApi,
  name: string,
  call?: ApiCall
): Effect.Effect<Option.Option<ClassicPolicy>, PlaneError> =>
  api.getXmlOption("find policy", policyByNamePath(name), "policy", ClassicPolicy, call)

/** A policy by id, if the serving node has it. */
export const getPolicy = (
  api: JamfApi,
  id: string,
  call?: ApiCall
): Effect.Effect<Option.Option<ClassicPolicy>, PlaneError> =>
  api.getXmlOption("read policy", `/JSSResource/policies/id/${id}`, "policy", ClassicPolicy, call)

/**
 * The policy planes keeps for an assignment, created through the Classic API (`POST …/id/0`, XML) when no
 * policy has its name (derived from the key). A 409 "Duplicate name" means a previous try made it: it is
 * read back by name and adopted.
 */
export const ensurePolicy = (
  api: JamfApi,
  name: string,
  xml: string,
  call: ApiCall
): Effect.Effect<{ readonly id: string; readonly created: boolean }, PlaneError, RetryPolicy> => {
  const find = Effect.map(
    findPolicyNamed(api, name, call),
    Option.map((p) => String(p.general.id))
  )
  const create = Effect.flatMap(
    api.createXml("create policy", "/JSSResource/policies/id/0", xml, "policy", ClassicId, call),
    (outcome) =>
      outcome._tag === "Created"
        ? Effect.succeed(String(outcome.value.id))
        : Effect.flatMap(find, (existing) =>
            Option.isSome(existing)
              ? Effect.succeed(existing.value)
              : transient(
                  "create policy",
                  "ReplicationLag",
                  `Jamf says a policy named "${name}" exists, but cannot show it yet.`
                )
          )
  )
  return Effect.map(findOrCreate({ find, create }), (found) => ({ id: found.value, created: found.created }))
}

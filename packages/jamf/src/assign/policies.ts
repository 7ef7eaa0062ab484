import { findOrCreate, type PlaneError, type RetryPolicy } from "@planes/core"
import { Effect, Option } from "effect"
import { type ApiCall, createdOrConflict, isJamfDuplicate, type JamfApi } from "../api/JamfApi.js"
import { ClassicId, ClassicPolicy } from "../classic/schemas.js"

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
 * policy has its name (derived from the key). A 409 "Duplicate name" means a previous try made it: core's
 * find-or-create reads it back by name and adopts it.
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
    (outcome) => Effect.map(createdOrConflict("create policy", outcome), (made) => String(made.id))
  )
  // A 409 "Duplicate name" means the policy exists; a node that cannot show it yet is replication lag.
  const onConflict = { isConflict: isJamfDuplicate, notFound: "transient" } as const
  return Effect.map(findOrCreate({ find, create, onConflict }), (found) => ({
    id: found.value,
    created: found.created
  }))
}

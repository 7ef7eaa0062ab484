import { HttpClientRequest } from "@effect/platform"
import { findOrCreate, Http, type PlaneError, type RetryPolicy } from "@planes/core"
import { Chunk, Effect, Option, Stream } from "effect"
import { type ApiCall, createdOrConflict, isJamfDuplicate, type JamfApi } from "../api/JamfApi.js"
import { rsqlEquals } from "../api/rsql.js"
import { Created, GroupSummary } from "../api/schemas.js"
import { ClassicComputerGroup } from "../classic/schemas.js"
import { permanent } from "../errors.js"
import type { NamedRef } from "../mapping/policy.js"

/** A computer group the assignment scopes its policy to, and whether this call made it. */
export interface TargetGroup extends NamedRef {
  readonly kind: "smartGroup" | "staticGroup" | "computerGroup"
  readonly created: boolean
}

/** The two kinds of group planes makes, by their Jamf Pro API collection. */
export type GroupKind = "smart-groups" | "static-groups"

const groupsPath = (kind: GroupKind) => `/api/v2/computer-groups/${kind}`

/** The group of `kind` named `name`, if the serving node lists it. */
export const findGroupNamed = (
  api: JamfApi,
  kind: GroupKind,
  name: string,
  call?: ApiCall
): Effect.Effect<Option.Option<GroupSummary>, PlaneError> =>
  Http.Paging.pageNumber(
    api.client(call),
    "find group",
    HttpClientRequest.get(groupsPath(kind)).pipe(
      HttpClientRequest.setUrlParams({ filter: rsqlEquals("name", name) })
    ),
    GroupSummary,
    { pageSize: api.config.pageSize }
  ).pipe(
    Stream.filter((group) => group.name.toLowerCase() === name.toLowerCase()),
    Stream.take(1),
    Stream.runCollect,
    Effect.map(Chunk.head)
  )

/**
 * The group planes keeps for an assignment, made through the Jamf Pro API when absent. Its name comes
 * from the key, so a repeat (or a retry after a lost answer) finds it; a DUPLICATE_FIELD answer means it
 * exists and is adopted, and a node that cannot list it yet makes the attempt transient.
 */
export const ensureGroup = (
  api: JamfApi,
  kind: GroupKind,
  body: { readonly name: string },
  call: ApiCall
): Effect.Effect<TargetGroup, PlaneError, RetryPolicy> => {
  const label = kind === "smart-groups" ? ("smartGroup" as const) : ("staticGroup" as const)
  const find = Effect.map(
    findGroupNamed(api, kind, body.name, call),
    Option.map((g) => ({ id: g.id, name: g.name }))
  )
  const operation = `create ${label === "smartGroup" ? "smart" : "static"} group`
  const create = Effect.flatMap(
    api.create(
      operation,
      HttpClientRequest.post(groupsPath(kind)).pipe(HttpClientRequest.bodyUnsafeJson(body)),
      Created,
      call
    ),
    (outcome) =>
      Effect.map(createdOrConflict(operation, outcome), (made) => ({ id: made.id, name: body.name }))
  )
  // A duplicate answer means the group exists; a node that cannot list it yet is replication lag.
  const onConflict = { isConflict: isJamfDuplicate, notFound: "transient" } as const
  return Effect.map(findOrCreate({ find, create, onConflict }), (found) => ({
    ...found.value,
    kind: label,
    created: found.created
  }))
}

/** An existing group, by Jamf id or by name (Classic reads smart and static groups alike). */
export const existingGroup = (
  api: JamfApi,
  idOrName: string,
  operation: string
): Effect.Effect<TargetGroup, PlaneError> => {
  const path = /^\d+$/.test(idOrName)
    ? `/JSSResource/computergroups/id/${idOrName}`
    : `/JSSResource/computergroups/name/${encodeURIComponent(idOrName)}`
  return Effect.flatMap(
    api.getXmlOption("read group", path, "computer_group", ClassicComputerGroup),
    (group) =>
      Option.isSome(group)
        ? Effect.succeed({
            kind: "computerGroup" as const,
            id: String(group.value.id),
            name: group.value.name,
            created: false
          })
        : permanent(
            operation,
            "GroupNotFound",
            `Jamf has no computer group "${idOrName}"; name an existing group by id or name.`
          )
  )
}

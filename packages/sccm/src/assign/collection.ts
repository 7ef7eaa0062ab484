import {
  type AssignmentIntent,
  type Found,
  findOrCreate,
  type IntentKey,
  type PlaneError,
  pollUntil,
  type RetryPolicy,
  retrying
} from "@planes/core"
import { Duration, Effect, Option } from "effect"
import { odataString } from "../adminservice/odata.js"
import { type CollectionRow, CollectionRow as CollectionRowSchema } from "../adminservice/schemas.js"
import { permanent } from "../errors.js"
import { collectionBody, membershipRuleBody, sameRule, type WantedRule } from "../mapping/collection.js"
import { keyIn } from "../mapping/keyText.js"
import type { SccmRuntime } from "../runtime.js"
import { resolveDevices } from "./resolveDevices.js"

/** The collection planes made for `key`, found by the key in its Comment. */
export const findCollection = (
  runtime: SccmRuntime,
  key: IntentKey
): Effect.Effect<Option.Option<CollectionRow>, PlaneError> =>
  Effect.map(
    runtime.admin.list(
      "find collection",
      "SMS_Collection",
      { filter: `contains(Comment,${odataString(key)})` },
      CollectionRowSchema
    ),
    (rows) => Option.fromNullable(rows.find((row) => keyIn(row.Comment) === key))
  )

/** The membership rules an intent's target asks for; a `group` target names an existing collection instead. */
export const wantedRules = (
  runtime: SccmRuntime,
  intent: AssignmentIntent
): Effect.Effect<ReadonlyArray<WantedRule>, PlaneError> => {
  const target = intent.target
  switch (target._tag) {
    case "devices":
      return Effect.map(resolveDevices(runtime.admin, target.deviceIds), (devices) =>
        devices.map((d): WantedRule => ({ _tag: "direct", resourceId: d.ResourceID, name: d.Name }))
      )
    case "query":
      return Effect.succeed([{ _tag: "query", query: target.query }])
    default:
      return permanent(
        "create assignment",
        "UnsupportedTarget",
        `Configuration Manager deploys to collections: target a collection (group), devices or a WQL query, not a ${target._tag}.`
      )
  }
}

/** Adds the rules the collection lacks: read back, then add, as a unit, so a lost answer adds no twin. */
export const ensureRules = (
  runtime: SccmRuntime,
  collectionId: string,
  rules: ReadonlyArray<WantedRule>
): Effect.Effect<number, PlaneError, RetryPolicy> =>
  retrying(
    Effect.gen(function* () {
      const row = yield* runtime.admin.get(
        "read collection",
        "SMS_Collection",
        collectionId,
        CollectionRowSchema
      )
      const existing = Option.match(row, { onNone: () => [], onSome: (r) => r.CollectionRules ?? [] })
      const missing = rules.filter((rule) => !existing.some((e) => sameRule(rule, e)))
      for (const rule of missing)
        yield* runtime.admin.invoke(
          "add membership rule",
          { cls: "SMS_Collection", key: collectionId, method: "AddMembershipRule" },
          membershipRuleBody(rule),
          { retry: false }
        )
      return missing.length
    })
  )

/**
 * Waits, within `membershipTimeoutSeconds`, for the collection's membership to be evaluated
 * (`CurrentStatus` 1, READY). Membership settles asynchronously; a deployment made before it settles
 * still reaches the members once they are evaluated, so running out of time is logged, not fatal.
 */
export const awaitMembership = (
  runtime: SccmRuntime,
  collectionId: string
): Effect.Effect<boolean, PlaneError> =>
  pollUntil({
    plane: "sccm",
    operation: "await membership",
    describe: `The membership of collection ${collectionId}`,
    code: "MembershipPending",
    interval: Duration.seconds(runtime.config.membershipPollSeconds),
    timeout: Duration.seconds(runtime.config.membershipTimeoutSeconds),
    check: Effect.map(
      runtime.admin.get("await membership", "SMS_Collection", collectionId, CollectionRowSchema),
      (row) => {
        const status = Option.map(row, (r) => r.CurrentStatus ?? 1)
        return Option.isNone(status) || status.value === 1 ? Option.some(true) : Option.none()
      }
    )
  }).pipe(
    Effect.catchIf(
      (error) => error._tag === "TransientError" && error.code === "MembershipPending",
      () =>
        Effect.logWarning("collection membership still evaluating; deploying anyway").pipe(
          Effect.annotateLogs({ collectionId }),
          Effect.as(false)
        )
    )
  )

/**
 * The collection an assignment deploys to: an existing one for a `group` target (it must exist and be
 * visible), else the one planes makes for the key (find-or-create, key in Comment), with its rules and
 * its membership evaluated.
 */
export const targetCollection = (
  runtime: SccmRuntime,
  intent: AssignmentIntent,
  key: IntentKey
): Effect.Effect<Found<CollectionRow>, PlaneError, RetryPolicy> =>
  Effect.gen(function* () {
    const target = intent.target
    if (target._tag === "group") {
      const row = yield* runtime.admin.get(
        "read collection",
        "SMS_Collection",
        target.id,
        CollectionRowSchema
      )
      if (Option.isNone(row))
        return yield* permanent(
          "create assignment",
          "UnknownCollection",
          `The site has no collection ${target.id}; target an existing CollectionID.`
        )
      return { value: row.value, created: false, recovered: false }
    }
    const rules = yield* wantedRules(runtime, intent)
    const collection = yield* findOrCreate({
      find: findCollection(runtime, key),
      create: runtime.admin.create(
        "create collection",
        "SMS_Collection",
        collectionBody(intent, key, runtime.config.limitingCollectionId),
        CollectionRowSchema
      )
    })
    const added = yield* ensureRules(runtime, collection.value.CollectionID, rules)
    if (added > 0 || collection.created) yield* awaitMembership(runtime, collection.value.CollectionID)
    return collection
  })

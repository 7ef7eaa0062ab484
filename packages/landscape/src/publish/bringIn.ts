import { findOrCreate, type PlaneError, type PlaneObject, type RetryPolicy } from "@planes/core"
import { Effect, Option, Schema } from "effect"
import type { LandscapeClient } from "../api/LandscapeClient.js"
import { Activity, PocketListing } from "../api/schemas.js"
import type { RepositoryConfig } from "../config/LandscapeConfig.js"
import { permanent } from "../errors.js"
import { listingHas, pocketAddress, pocketParams } from "../mapping/repository.js"
import { followActivity } from "./follow.js"

const operation = "publish package"

/** Whether the pocket lists `name` at `version` (ListPocket, facts §4.1). */
export const pocketHas = (client: LandscapeClient, repo: RepositoryConfig, name: string, version: string) =>
  Effect.map(
    client.read(
      operation,
      "ListPocket",
      { ...pocketParams(pocketAddress(repo)), search: name },
      PocketListing
    ),
    (listing) => listingHas(listing, name, version)
  )

/** The activity type and action that bring packages into a pocket of this mode; none for upload. */
export const bringInAction = (mode: RepositoryConfig["mode"]) =>
  mode === "mirror"
    ? ({ action: "SyncMirrorPocket", type: "SyncPocketRequest", verb: "Sync" } as const)
    : mode === "pull"
      ? ({ action: "PullPackagesToPocket", type: "PullPocketRequest", verb: "Pull" } as const)
      : undefined

/** A running sync or pull of this pocket, found by type, status and the pocket named in its summary. */
const runningFor = (client: LandscapeClient, repo: RepositoryConfig, type: string) =>
  Effect.map(
    client.read(
      operation,
      "GetActivities",
      { query: `type:${type} status:undelivered OR type:${type} status:delivered` },
      Schema.Array(Activity)
    ),
    (activities) =>
      Option.fromNullable(
        activities.find(
          (a) =>
            a.summary.includes(` ${repo.pocket} `) &&
            a.summary.includes(` ${repo.series} `) &&
            a.summary.endsWith(` ${repo.distribution}`)
        )
      )
  )

/**
 * Brings the intent's version into the pocket (facts §4.1): nothing to do when the listing has it;
 * else a mirror pocket is synced and a pull pocket pulls from its parent, each a server activity that
 * is not deduplicated, so a running one for this pocket is followed instead of starting another (a
 * retry after a lost answer finds it). `OperationInProgress` (another one on the distribution) is
 * transient and retried. Upload pockets are filled by an uploader (dput), not the API: the version must
 * already be there. Finally the listing must show the version.
 */
export const bringIn = (
  client: LandscapeClient,
  repo: RepositoryConfig,
  name: string,
  version: string
): Effect.Effect<
  { readonly objects: ReadonlyArray<PlaneObject>; readonly created: boolean },
  PlaneError,
  RetryPolicy
> =>
  Effect.gen(function* () {
    const kind = bringInAction(repo.mode)
    const where = `${repo.distribution}/${repo.series}/${repo.pocket}`
    if (kind === undefined) {
      if (yield* pocketHas(client, repo, name, version)) return { objects: [], created: false }
      return yield* permanent(
        operation,
        "NotUploaded",
        `${name} ${version} is not in upload pocket ${where}; upload it with an uploader (dput) first, then publish again.`
      )
    }
    const found = yield* findOrCreate({
      find: Effect.flatMap(pocketHas(client, repo, name, version), (has) =>
        has
          ? Effect.succeed(Option.some<Activity | "present">("present"))
          : runningFor(client, repo, kind.type)
      ),
      create: client.write(operation, kind.action, pocketParams(pocketAddress(repo)), Activity, {
        retry: false
      })
    })
    if (found.value === "present") return { objects: [], created: false }
    const activity = yield* followActivity(client, operation, found.value.id)
    if (!(yield* pocketHas(client, repo, name, version))) {
      return yield* permanent(
        operation,
        "VersionNotInPocket",
        `${kind.verb} of ${where} finished but the pocket has no ${name} ${version}; check the ${repo.mode === "mirror" ? "upstream mirror" : "parent pocket and filters"} carry it.`
      )
    }
    return {
      objects: [{ kind: activity.type, id: String(activity.id), created: found.created }],
      created: true
    }
  })

import { newActivity } from "../activities/new-activity.js"
import type { AccountContext } from "../context.js"
import { settingsOf } from "../context.js"
import { fail } from "../errors/failure.js"
import type { Activity, Pocket, PocketRef } from "../state/schemas.js"
import { compareVersions } from "../util/version.js"
import { findPocket, pocketIfAny } from "./lookup.js"

const isRunning = (a: Activity) => a.status === "undelivered" || a.status === "delivered"

/** Refuses a second repository operation on a distribution while one runs (`OperationInProgress`). */
const checkIdle = (ctx: AccountContext, distribution: string): void => {
  const busy = ctx.stores.activities
    .get(ctx.account)
    .items.find(
      (a) =>
        (a.operation.kind === "sync" || a.operation.kind === "pull") &&
        isRunning(a) &&
        a.operation.pocket?.distribution === distribution
    )
  if (busy !== undefined) {
    fail(
      "OperationInProgress",
      `Another repository operation (activity ${busy.id}) is running on distribution ${distribution}`
    )
  }
}

const startOperation = (
  ctx: AccountContext,
  ref: PocketRef,
  kind: "sync" | "pull",
  seconds: number
): Activity => {
  checkIdle(ctx, ref.distribution)
  const settings = settingsOf(ctx)
  const activity = newActivity(ctx, {
    type: kind === "sync" ? "SyncPocketRequest" : "PullPocketRequest",
    summary: `${kind === "sync" ? "Sync" : "Pull"} pocket ${ref.pocket} of series ${ref.series} in distribution ${ref.distribution}`,
    status: "undelivered",
    computerId: null,
    parentId: null,
    operation: { kind, packages: [], pocket: ref },
    progress: 0
  })
  const rng = ctx.kit.rng.fork(`activity:${ctx.account}:${activity.id}`)
  activity.plan = {
    deliverAtMs: ctx.nowMs,
    completeAtMs: ctx.nowMs + seconds * 1000,
    fate: rng.chance(settings.syncFailureRate) ? "fail" : "ok"
  }
  return activity
}

/** SyncMirrorPocket: starts a `SyncPocketRequest` whose progress advances over simulated time. */
export const syncMirrorPocket = (ctx: AccountContext, ref: PocketRef): Activity => {
  const pocket = findPocket(ctx.stores.repository.get(ctx.account), ref)
  if (pocket.mode !== "mirror") fail("InvalidPocketMode", `Pocket ${ref.pocket} is not a mirror pocket`)
  return startOperation(ctx, ref, "sync", settingsOf(ctx).syncSeconds)
}

/** PullPackagesToPocket: starts a pull from the parent pocket, applied when it completes. */
export const pullPackagesToPocket = (ctx: AccountContext, ref: PocketRef): Activity => {
  const pocket = findPocket(ctx.stores.repository.get(ctx.account), ref)
  if (pocket.mode !== "pull") fail("InvalidPocketMode", `Pocket ${ref.pocket} is not a pull pocket`)
  return startOperation(ctx, ref, "pull", settingsOf(ctx).pullSeconds)
}

// A mirror takes a snapshot of the upstream archive: every mirrorable version in its components.
const mirrorContents = (ctx: AccountContext, pocket: Pocket): Pocket["packages"] =>
  ctx.stores.catalogue
    .get(ctx.account)
    .entries.filter((e) => e.mirror && pocket.components.includes(e.component))
    .map((e) => ({ name: e.name, version: e.version, component: e.component }))

// A pull copies the parent's newest version of each package that passes the filter.
const pullContents = (ctx: AccountContext, ref: PocketRef, pocket: Pocket): Pocket["packages"] => {
  const parent = pocketIfAny(ctx.stores.repository.get(ctx.account), {
    distribution: ref.distribution,
    series: pocket.pullSeries ?? ref.series,
    pocket: pocket.pullPocket ?? ""
  })
  const passes = (name: string) =>
    pocket.filterType === "allowlist"
      ? pocket.filters.includes(name)
      : pocket.filterType === "blocklist"
        ? !pocket.filters.includes(name)
        : true
  const best = new Map<string, Pocket["packages"][number]>()
  for (const p of parent?.packages ?? []) {
    if (!passes(p.name) || !pocket.components.includes(p.component)) continue
    const current = best.get(p.name)
    if (current === undefined || compareVersions(p.version, current.version) > 0) best.set(p.name, p)
  }
  return [...best.values()]
}

/** Completes a sync or pull at the end of its plan: fills the pocket, or fails with progress -1. */
export const completeRepositoryActivity = (ctx: AccountContext, activity: Activity, ok: boolean): void => {
  const ref = activity.operation.pocket
  const pocket = ref === undefined ? undefined : pocketIfAny(ctx.stores.repository.get(ctx.account), ref)
  if (!ok || ref === undefined || pocket === undefined) {
    activity.status = "failed"
    activity.progress = -1
    activity.resultText =
      pocket === undefined ? "The pocket no longer exists" : "Failed to fetch the upstream archive index"
    return
  }
  pocket.packages =
    activity.operation.kind === "sync" ? mirrorContents(ctx, pocket) : pullContents(ctx, ref, pocket)
  activity.status = "succeeded"
  activity.progress = 100
  activity.resultText = `${pocket.packages.length} packages in pocket ${pocket.name}`
}

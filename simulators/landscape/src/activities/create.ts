import type { AccountContext } from "../context.js"
import { settingsOf } from "../context.js"
import { candidateVersion } from "../fleet/availability.js"
import { installedVersion } from "../fleet/installed.js"
import type { Activity, Change, Computer, Operation, Plan } from "../state/schemas.js"
import { newActivity } from "./new-activity.js"

/** What an install/remove/hold/downgrade group is made of. */
export interface ChangeGroupInput {
  readonly summary: string
  readonly computers: readonly Computer[]
  readonly operation: Operation
  readonly deliverAfterMs: number | null
  /** Minutes over which delivery is spread at random. */
  readonly deliverDelayWindow: number
  readonly query: string | null
}

/**
 * The seeded plan of a client activity. The draws come from a stream fixed by seed, account and
 * activity id, always in the same order, so outcomes do not depend on request interleaving.
 */
export const planFor = (
  ctx: AccountContext,
  activityId: number,
  computer: Computer,
  start: number,
  windowMinutes: number
): Plan => {
  const settings = settingsOf(ctx)
  const rng = ctx.kit.rng.fork(`activity:${ctx.account}:${activityId}`)
  const spreadMs = rng.int(0, Math.max(0, Math.floor(windowMinutes * 60))) * 1000
  const pickupMs = rng.int(0, Math.max(0, Math.floor(settings.exchangeIntervalSeconds))) * 1000
  const runMs = Math.round(settings.executionSeconds * 1000 * (1 + rng.next() / 2))
  const unreachable = rng.chance(settings.unreachableRate)
  const failed = rng.chance(settings.failureRate)
  const deliverAtMs = start + spreadMs + pickupMs
  const fate = !computer.online || unreachable ? "unreachable" : failed ? "fail" : "ok"
  return { deliverAtMs, completeAtMs: deliverAtMs + runMs, fate }
}

/** The changes a child activity announces for a computer (versions as they look at creation). */
export const changesFor = (ctx: AccountContext, computer: Computer, operation: Operation): Change[] =>
  operation.packages.map(({ name, version }): Change => {
    const installed = installedVersion(computer, name)
    switch (operation.kind) {
      case "remove":
      case "hold":
      case "unhold":
        return {
          package: name,
          type: operation.kind,
          ...(installed === undefined ? {} : { version: installed }),
          complemented: false
        }
      case "downgrade":
        return {
          package: name,
          type: "downgrade",
          ...(version === null ? {} : { install_version: version }),
          ...(installed === undefined ? {} : { remove_version: installed }),
          complemented: false
        }
      default: {
        const target = version ?? candidateVersion(ctx, computer, name)
        return {
          package: name,
          type: "install",
          ...(target === undefined ? {} : { version: target }),
          complemented: false
        }
      }
    }
  })

const packageIdsFor = (ctx: AccountContext, changes: readonly Change[]): number[] => {
  const entries = ctx.stores.catalogue.get(ctx.account).entries
  return changes.flatMap((ch) => {
    const version = ch.version ?? ch.install_version
    const hit = entries.find((e) => e.name === ch.package && e.version === version)
    return hit === undefined ? [] : [hit.id]
  })
}

/** Adds one per-computer child to a group, planned from `start`. */
export const addChild = (
  ctx: AccountContext,
  group: Activity,
  computer: Computer,
  start: number
): Activity => {
  const changes = changesFor(ctx, computer, group.operation)
  const child = newActivity(ctx, {
    type: "ChangePackagesRequest",
    summary: group.summary,
    status: group.deliverAfterMs !== null && group.deliverAfterMs > ctx.nowMs ? "scheduled" : "undelivered",
    computerId: computer.id,
    parentId: group.id,
    operation: group.operation,
    deliverAfterMs: group.deliverAfterMs,
    deliverDelayWindow: group.deliverDelayWindow,
    changes,
    packageIds: packageIdsFor(ctx, changes)
  })
  child.plan = planFor(ctx, child.id, computer, start, group.deliverDelayWindow)
  return child
}

/** Creates an `ActivityGroup` with one `ChangePackagesRequest` child per computer; returns the group. */
export const createChangeGroup = (ctx: AccountContext, input: ChangeGroupInput): Activity => {
  const scheduled = input.deliverAfterMs !== null && input.deliverAfterMs > ctx.nowMs
  const group = newActivity(ctx, {
    type: "ActivityGroup",
    summary: input.summary,
    status: scheduled ? "scheduled" : "undelivered",
    computerId: null,
    parentId: null,
    operation: input.operation,
    deliverAfterMs: input.deliverAfterMs,
    deliverDelayWindow: input.deliverDelayWindow,
    query: input.query
  })
  const start = Math.max(ctx.nowMs, input.deliverAfterMs ?? ctx.nowMs)
  for (const computer of input.computers) addChild(ctx, group, computer, start)
  return group
}

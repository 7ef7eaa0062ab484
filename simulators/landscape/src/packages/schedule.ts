import { createChangeGroup } from "../activities/create.js"
import { summarise } from "../activities/new-activity.js"
import type { AccountContext } from "../context.js"
import { fail } from "../errors/failure.js"
import { isKnownPackage } from "../fleet/catalogue.js"
import type { Activity, Computer, Operation } from "../state/schemas.js"
import { parseLandscapeTime } from "../util/time.js"

/** A package change to schedule on computers. */
export interface ScheduleInput {
  readonly kind: "install" | "remove" | "hold" | "unhold" | "downgrade"
  readonly computers: readonly Computer[]
  readonly packages: Operation["packages"]
  /** `YYYY-MM-DDTHH:MM:SSZ`, or absent to deliver at the next exchange. */
  readonly deliverAfter: string | undefined
  readonly deliverDelayWindow: number | undefined
  /** The computer query the caller targeted (kept on the group). */
  readonly query: string | null
}

const VERBS = {
  install: "Install",
  remove: "Remove",
  hold: "Hold",
  unhold: "Unhold",
  downgrade: "Downgrade"
} as const

/**
 * Validates and creates a package-change activity group: `UnknownComputers` when nothing is targeted,
 * `UnknownPackages` for names no repository knows, `InvalidTime` for a bad `deliver_after`.
 */
export const schedulePackages = (ctx: AccountContext, input: ScheduleInput): Activity => {
  if (input.packages.length === 0) fail("MissingParameter", "Give at least one package (packages.1=...)")
  const catalogue = ctx.stores.catalogue.get(ctx.account)
  const unknown = input.packages.filter((p) => !isKnownPackage(catalogue, p.name)).map((p) => p.name)
  if (unknown.length > 0) fail("UnknownPackages", `Unknown packages: ${unknown.join(", ")}`)
  if (input.computers.length === 0) fail("UnknownComputers", "No computers match the selection")
  let deliverAfterMs: number | null = null
  if (input.deliverAfter !== undefined) {
    deliverAfterMs =
      parseLandscapeTime(input.deliverAfter) ??
      fail("InvalidTime", `Invalid deliver_after "${input.deliverAfter}": use YYYY-MM-DDTHH:MM:SSZ`)
  }
  return createChangeGroup(ctx, {
    summary: summarise(
      VERBS[input.kind],
      input.packages.map((p) => p.name)
    ),
    computers: input.computers,
    operation: { kind: input.kind, packages: input.packages },
    deliverAfterMs,
    deliverDelayWindow: input.deliverDelayWindow ?? 0,
    query: input.query
  })
}

import { sliceOffset } from "@planes/sim-kit"
import { Schema } from "effect"
import { renderLegacyActivity } from "../../activities/render.js"
import type { AccountContext } from "../../context.js"
import { inventory } from "../../packages/inventory.js"
import { schedulePackages } from "../../packages/schedule.js"
import { action, type LegacyAction } from "../action.js"
import { Count, DEFAULT_LIMIT, Flag, List, Paging } from "../param-schemas.js"
import { queryComputers } from "./computers.js"

const ChangeParams = Schema.Struct({
  query: Schema.String,
  packages: List,
  deliver_after: Schema.optional(Schema.String),
  deliver_delay_window: Schema.optional(Count)
})

// `packages.N` are package names: "curl=7.81" is not a name and answers UnknownPackages, as the facts
// say pinning a version through InstallPackages is not a thing.
const change = (kind: "install" | "remove") => (ctx: AccountContext, p: typeof ChangeParams.Type) =>
  renderLegacyActivity(
    ctx,
    schedulePackages(ctx, {
      kind,
      computers: queryComputers(ctx, p.query),
      packages: p.packages.map((name) => ({ name, version: null })),
      deliverAfter: p.deliver_after,
      deliverDelayWindow: p.deliver_delay_window,
      query: p.query
    })
  )

/** InstallPackages, RemovePackages, GetPackages. */
export const packageActions: Record<string, LegacyAction> = {
  InstallPackages: action(ChangeParams, change("install")),
  RemovePackages: action(ChangeParams, change("remove")),
  GetPackages: action(
    Schema.Struct({
      query: Schema.optional(Schema.String),
      search: Schema.optional(Schema.String),
      names: Schema.optional(List),
      installed: Schema.optional(Flag),
      available: Schema.optional(Flag),
      upgrade: Schema.optional(Flag),
      held: Schema.optional(Flag),
      ...Paging
    }),
    (ctx, p) => {
      const rows = inventory(ctx, queryComputers(ctx, p.query), p)
      return sliceOffset(rows, p.offset ?? 0, p.limit ?? DEFAULT_LIMIT).items.map((r) => ({
        name: r.name,
        summary: r.summary,
        version: r.version,
        computers: { available: r.available, installed: r.installed, upgrades: r.upgrades, held: r.held }
      }))
    },
    true
  )
}

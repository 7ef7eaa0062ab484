import { sliceOffset } from "@planes/sim-kit"
import { Schema } from "effect"
import { type AccountContext, computerQueryContext, computersOf } from "../../context.js"
import { fail } from "../../errors/failure.js"
import { renderComputer } from "../../fleet/render.js"
import { selectComputers } from "../../search/computer-query.js"
import { action, type LegacyAction } from "../action.js"
import { DEFAULT_LIMIT, List, Paging } from "../param-schemas.js"

/** The computers a query selects (all for an empty query). */
export const queryComputers = (ctx: AccountContext, query: string | undefined) =>
  selectComputers(query ?? "", computersOf(ctx), computerQueryContext(ctx))

const TAG = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/

const checkTags = (tags: readonly string[]): void => {
  if (tags.length === 0) fail("MissingParameter", "Give at least one tag (tags.1=...)")
  for (const tag of tags) if (!TAG.test(tag)) fail("InvalidTag", `Invalid tag "${tag}"`)
}

const TagParams = Schema.Struct({ query: Schema.String, tags: List })

/** GetComputers, AddTagsToComputers, RemoveTagsFromComputers. */
export const computerActions: Record<string, LegacyAction> = {
  GetComputers: action(
    Schema.Struct({ query: Schema.optional(Schema.String), ...Paging }),
    (ctx, p) =>
      sliceOffset(queryComputers(ctx, p.query), p.offset ?? 0, p.limit ?? DEFAULT_LIMIT).items.map((c) =>
        renderComputer(c, ctx.nowMs)
      ),
    true
  ),
  AddTagsToComputers: action(TagParams, (ctx, p) => {
    checkTags(p.tags)
    const computers = queryComputers(ctx, p.query)
    for (const c of computers) c.tags = [...new Set([...c.tags, ...p.tags])]
    return computers.map((c) => renderComputer(c, ctx.nowMs))
  }),
  RemoveTagsFromComputers: action(TagParams, (ctx, p) => {
    checkTags(p.tags)
    const computers = queryComputers(ctx, p.query)
    for (const c of computers) c.tags = c.tags.filter((t) => !p.tags.includes(t))
    return computers.map((c) => renderComputer(c, ctx.nowMs))
  })
}

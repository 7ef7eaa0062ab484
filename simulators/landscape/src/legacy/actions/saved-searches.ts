import { sliceOffset } from "@planes/sim-kit"
import { Schema } from "effect"
import { createSavedSearch, editSavedSearch, removeSavedSearch } from "../../search/saved-searches.js"
import { action, type LegacyAction } from "../action.js"
import { DEFAULT_LIMIT, Paging } from "../param-schemas.js"

/** CreateSavedSearch, EditSavedSearch, GetSavedSearches, RemoveSavedSearch. */
export const savedSearchActions: Record<string, LegacyAction> = {
  CreateSavedSearch: action(
    Schema.Struct({ name: Schema.optional(Schema.String), title: Schema.String, search: Schema.String }),
    (ctx, p) => ({ ...createSavedSearch(ctx, p.name, p.title, p.search) })
  ),
  EditSavedSearch: action(
    Schema.Struct({
      name: Schema.String,
      title: Schema.optional(Schema.String),
      search: Schema.optional(Schema.String)
    }),
    (ctx, p) => ({ ...editSavedSearch(ctx, p.name, p.title, p.search) })
  ),
  GetSavedSearches: action(
    Schema.Struct(Paging),
    (ctx, p) =>
      sliceOffset(
        ctx.stores.searches.get(ctx.account).items,
        p.offset ?? 0,
        p.limit ?? DEFAULT_LIMIT
      ).items.map((s) => ({ ...s })),
    true
  ),
  RemoveSavedSearch: action(Schema.Struct({ name: Schema.String }), (ctx, p) => {
    removeSavedSearch(ctx, p.name)
    return { name: p.name }
  })
}

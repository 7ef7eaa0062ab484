import { type AccountContext, computerQueryContext } from "../context.js"
import { fail, LandscapeFailure } from "../errors/failure.js"
import type { SavedSearch } from "../state/schemas.js"
import { isSlug, slugify } from "../util/slug.js"
import { validateComputerQuery } from "./computer-query.js"

const checkCriteria = (ctx: AccountContext, search: string): void => {
  try {
    validateComputerQuery(search, computerQueryContext(ctx))
  } catch (e) {
    if (e instanceof LandscapeFailure) fail("InvalidSavedSearchCriteria", e.message)
    throw e
  }
}

/** The saved search of a name, or `UnknownSavedSearch`. */
export const findSavedSearch = (ctx: AccountContext, name: string): SavedSearch =>
  ctx.stores.searches.get(ctx.account).items.find((s) => s.name === name) ??
  fail("UnknownSavedSearch", `Unknown saved search: ${name}`)

/** CreateSavedSearch: name given (a slug) or derived from the title; `DuplicateSavedSearch` when taken. */
export const createSavedSearch = (
  ctx: AccountContext,
  name: string | undefined,
  title: string,
  search: string
): SavedSearch => {
  const slug = name ?? slugify(title)
  if (!isSlug(slug))
    fail(
      "InvalidSavedSearchName",
      `Invalid saved search name "${slug}": use lowercase letters, digits and hyphens`
    )
  checkCriteria(ctx, search)
  const store = ctx.stores.searches.get(ctx.account)
  if (store.items.some((s) => s.name === slug))
    fail("DuplicateSavedSearch", `A saved search named ${slug} already exists`)
  const saved: SavedSearch = { name: slug, title, search }
  store.items.push(saved)
  return saved
}

/** EditSavedSearch: new title and/or criteria. */
export const editSavedSearch = (
  ctx: AccountContext,
  name: string,
  title: string | undefined,
  search: string | undefined
): SavedSearch => {
  const saved = findSavedSearch(ctx, name)
  if (search !== undefined) checkCriteria(ctx, search)
  if (title !== undefined) saved.title = title
  if (search !== undefined) saved.search = search
  return saved
}

/** RemoveSavedSearch. */
export const removeSavedSearch = (ctx: AccountContext, name: string): void => {
  findSavedSearch(ctx, name)
  const store = ctx.stores.searches.get(ctx.account)
  store.items = store.items.filter((s) => s.name !== name)
}

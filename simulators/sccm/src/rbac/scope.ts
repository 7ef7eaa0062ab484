import type { Account, Collection } from "../state/schemas.js"

/** The security scope name that lets an account see every scoped object. */
export const ALL_SCOPES = "All"

/** Whether an account may see an object carrying these security scopes (apps, packages). */
export const canSeeScoped = (account: Account, scopes: readonly string[]): boolean =>
  account.securityScopes.includes(ALL_SCOPES) || scopes.some((s) => account.securityScopes.includes(s))

/** The security scopes a new object gets: "Default" for full administrators, else the creator's scopes. */
export const scopesForNewObject = (account: Account): string[] =>
  account.securityScopes.includes(ALL_SCOPES) ? ["Default"] : [...account.securityScopes]

/**
 * Whether an account may see a collection: listed in its collection scope ("*" for all), or limited to
 * a collection it may see (ConfigMgr scopes collections through their limiting chain).
 */
export const canSeeCollection = (
  account: Account,
  collectionId: string,
  collections: readonly Collection[],
  depth = 0
): boolean => {
  if (account.collections.includes("*") || account.collections.includes(collectionId)) return true
  const collection = collections.find((c) => c.CollectionID === collectionId)
  if (collection === undefined || collection.LimitToCollectionID === "" || depth > 16) return false
  return canSeeCollection(account, collection.LimitToCollectionID, collections, depth + 1)
}

/** An OData string literal: quoted, with `'` doubled. */
export const odataString = (text: string): string => `'${text.replace(/'/g, "''")}'`

/** A WMI key in a path: numbers bare (`SMS_Application(16777534)`), strings quoted (`SMS_Collection('ABC00012')`). */
export const keySegment = (key: string | number): string =>
  typeof key === "number" ? String(key) : encodeURIComponent(odataString(key))

/** Query options of a WMI-route read. */
export interface WmiQuery {
  readonly filter?: string
  readonly select?: ReadonlyArray<string>
  readonly orderBy?: string
  readonly top?: number
  readonly skip?: number
}

/** `path?$filter=...&$select=...`, each value percent-encoded (spaces as %20, which every OData server reads). */
export const withQuery = (path: string, query: WmiQuery): string => {
  const parts = [
    query.filter === undefined ? undefined : `$filter=${encodeURIComponent(query.filter)}`,
    query.select === undefined ? undefined : `$select=${encodeURIComponent(query.select.join(","))}`,
    query.orderBy === undefined ? undefined : `$orderby=${encodeURIComponent(query.orderBy)}`,
    query.top === undefined ? undefined : `$top=${query.top}`,
    query.skip === undefined || query.skip === 0 ? undefined : `$skip=${query.skip}`
  ].filter((part) => part !== undefined)
  return parts.length === 0 ? path : `${path}?${parts.join("&")}`
}

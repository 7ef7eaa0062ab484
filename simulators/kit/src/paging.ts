/** One page cut by offset and limit. */
export interface OffsetPage<T> {
  readonly items: T[]
  readonly total: number
  readonly offset: number
  readonly limit: number
  /** Offset of the next page, or undefined on the last page. */
  readonly nextOffset: number | undefined
}

/** One page cut by page number and page size. */
export interface NumberedPage<T> {
  readonly items: T[]
  readonly total: number
  readonly page: number
  readonly pageSize: number
  /** Number of the next page, or undefined on the last page (an empty page past the end has none). */
  readonly nextPage: number | undefined
  /** Number of the last page that holds items (the first page when there are none). */
  readonly lastPage: number
}

/** Clamps a requested page size to [1, max], using `fallback` when absent or not a positive integer. */
export const clampPageSize = (requested: number | undefined, fallback: number, max: number): number => {
  if (requested === undefined || !Number.isInteger(requested) || requested < 1) return Math.min(fallback, max)
  return Math.min(requested, max)
}

/** Cuts `items` at `offset` (negative taken as 0) for `limit` items. */
export const sliceOffset = <T>(items: readonly T[], offset: number, limit: number): OffsetPage<T> => {
  const start = Math.max(0, Math.floor(offset))
  const size = Math.max(0, Math.floor(limit))
  const end = start + size
  return {
    items: items.slice(start, end),
    total: items.length,
    offset: start,
    limit: size,
    nextOffset: size > 0 && end < items.length ? end : undefined
  }
}

/** Cuts page `page` of `pageSize` items; `firstPage` is 0 (Jamf) or 1 (AWX). */
export const slicePage = <T>(
  items: readonly T[],
  page: number,
  pageSize: number,
  firstPage: 0 | 1
): NumberedPage<T> => {
  const size = Math.max(1, Math.floor(pageSize))
  const index = Math.max(0, Math.floor(page) - firstPage)
  const { items: slice, nextOffset } = sliceOffset(items, index * size, size)
  return {
    items: slice,
    total: items.length,
    page: index + firstPage,
    pageSize: size,
    nextPage: nextOffset === undefined ? undefined : index + firstPage + 1,
    lastPage: Math.max(0, Math.ceil(items.length / size) - 1) + firstPage
  }
}

/** Encodes an offset as an opaque skip token (base64url), as OData `$skiptoken` values look. */
export const encodeSkipToken = (offset: number): string =>
  Buffer.from(JSON.stringify({ o: offset }), "utf8").toString("base64url")

/** Decodes a skip token made by `encodeSkipToken`; undefined when it is not one (answer 400 then). */
export const decodeSkipToken = (token: string): number | undefined => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"))
    if (typeof parsed !== "object" || parsed === null || !("o" in parsed)) return undefined
    const offset: unknown = parsed.o
    return typeof offset === "number" && Number.isInteger(offset) && offset >= 0 ? offset : undefined
  } catch {
    return undefined
  }
}

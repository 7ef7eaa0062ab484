import { encodeSkipToken } from "@planes/sim-kit"

/** One page of a collection and where the next one starts. */
export interface Page<T> {
  readonly items: readonly T[]
  readonly nextOffset: number | undefined
}

/** Cuts a page at `offset`: `$top` items, never more than the page cap (a larger `$top` is clamped). */
export const cutPage = <T>(
  items: readonly T[],
  offset: number,
  top: number | undefined,
  cap: number
): Page<T> => {
  const size = Math.min(top ?? cap, cap)
  const end = offset + size
  return { items: items.slice(offset, end), nextOffset: end < items.length ? end : undefined }
}

/**
 * The `@odata.nextLink` for the next page: the request URL (on `origin`) with every query option kept as
 * sent (raw text, so `$` stays unescaped as Graph writes it) and an opaque `$skiptoken`.
 */
export const nextLink = (origin: string, requestUrl: string, nextOffset: number): string => {
  const url = new URL(requestUrl)
  const kept = url.search
    .replace(/^\?/, "")
    .split("&")
    .filter((part) => part !== "" && !/^(\$|%24)(skiptoken|skip)=/i.test(part))
  kept.push(`$skiptoken=${encodeSkipToken(nextOffset)}`)
  return `${origin}${url.pathname}?${kept.join("&")}`
}

/** An OData collection answer: `@odata.context`, `@odata.count` when asked, `@odata.nextLink` when more pages exist, `value`. */
export const collection = (
  context: string,
  value: readonly unknown[],
  next: string | undefined,
  count?: number
): Record<string, unknown> => ({
  "@odata.context": context,
  ...(count === undefined ? {} : { "@odata.count": count }),
  ...(next === undefined ? {} : { "@odata.nextLink": next }),
  value
})

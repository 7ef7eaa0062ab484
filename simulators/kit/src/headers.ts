/**
 * Extra headers of an error: a record (one value per name), a list of pairs or a `Headers` (both may
 * repeat a name, e.g. two `WWW-Authenticate` challenges).
 */
export type HeaderInput =
  | Readonly<Record<string, string>>
  | ReadonlyArray<readonly [string, string]>
  | Headers

/** The headers as name/value pairs in order, repeated names kept. */
export const headerPairs = (input: HeaderInput | undefined): ReadonlyArray<readonly [string, string]> => {
  if (input === undefined) return []
  if (input instanceof Headers) {
    // `Headers` iteration joins repeated names except Set-Cookie; getSetCookie keeps those apart.
    const pairs: Array<readonly [string, string]> = []
    for (const [name, value] of input) if (name !== "set-cookie") pairs.push([name, value])
    for (const cookie of input.getSetCookie()) pairs.push(["set-cookie", cookie])
    return pairs
  }
  return isPairList(input) ? input : Object.entries(input)
}

const isPairList = (
  input: Readonly<Record<string, string>> | ReadonlyArray<readonly [string, string]>
): input is ReadonlyArray<readonly [string, string]> => Array.isArray(input)

/** The headers as a record for formatters: repeated names joined with `, ` (HTTP's list rule). */
export const headerRecord = (
  pairs: ReadonlyArray<readonly [string, string]>
): Readonly<Record<string, string>> => {
  const record: Record<string, string> = {}
  for (const [name, value] of pairs) {
    const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name
    const existing = record[key]
    record[key] = existing === undefined ? value : `${existing}, ${value}`
  }
  return record
}

/**
 * Copies extra headers onto a formatter's response (re-wrapping it in case its headers are immutable).
 * A name given in the extras replaces the formatter's value; a name repeated in them is appended.
 */
export const withHeaders = (response: Response, headers: HeaderInput): Response => {
  const pairs = headerPairs(headers)
  if (pairs.length === 0) return response
  const copy = new Response(response.body, response)
  for (const name of new Set(pairs.map(([n]) => n.toLowerCase()))) copy.headers.delete(name)
  for (const [name, value] of pairs) copy.headers.append(name, value)
  return copy
}

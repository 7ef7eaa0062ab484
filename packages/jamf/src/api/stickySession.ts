import type { HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { HttpClientRequest as Request } from "@effect/platform"
import { Effect, Option, Ref } from "effect"

/**
 * The load balancer's sticky cookie for one create-then-read sequence. Jamf Cloud runs several nodes that
 * see a new object only after they refresh (about a minute); Jamf's guidance is to pin create-then-use
 * sequences, and only those, to the node that took the write. A session keeps the cookie a create's
 * answer set and sends it on the operation's later requests.
 */
export interface StickySession {
  /** Adds the kept cookie, if any, to a request. */
  readonly apply: (
    request: HttpClientRequest.HttpClientRequest
  ) => Effect.Effect<HttpClientRequest.HttpClientRequest>
  /** Keeps the sticky cookie an answer sets (the latest wins). */
  readonly capture: (response: HttpClientResponse.HttpClientResponse) => Effect.Effect<void>
  /** The kept cookie, as `name=value`. */
  readonly cookie: Effect.Effect<Option.Option<string>>
}

/** The first `name=value` among `names` that a Set-Cookie header value sets. */
export const stickyCookieOf = (
  setCookie: string | undefined,
  names: ReadonlyArray<string>
): Option.Option<string> => {
  if (setCookie === undefined) return Option.none()
  // Several cookies may arrive folded into one value, separated by commas: each starts a name=value pair.
  for (const part of setCookie.split(/,(?=\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+=)/)) {
    const [pair = ""] = part.split(";")
    const eq = pair.indexOf("=")
    if (eq <= 0) continue
    const name = pair.slice(0, eq).trim()
    const value = pair.slice(eq + 1).trim()
    if (names.includes(name) && value !== "") return Option.some(`${name}=${value}`)
  }
  return Option.none()
}

/** A new, empty session that recognises the cookies named `names`. */
export const makeStickySession = (names: ReadonlyArray<string>): Effect.Effect<StickySession> =>
  Effect.map(Ref.make(Option.none<string>()), (kept) => ({
    apply: (request) =>
      Effect.map(Ref.get(kept), (cookie) =>
        Option.match(cookie, {
          onNone: () => request,
          onSome: (value) => Request.setHeader(request, "cookie", value)
        })
      ),
    capture: (response) => {
      const found = stickyCookieOf(response.headers["set-cookie"], names)
      return Option.isSome(found) ? Ref.set(kept, found) : Effect.void
    },
    cookie: Ref.get(kept)
  }))

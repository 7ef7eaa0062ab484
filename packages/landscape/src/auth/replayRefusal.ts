import type { Http, PlaneError, PolicyError } from "@planes/core"
import { Effect } from "effect"

/**
 * Whether Landscape refused a signed call because it had already seen its signature: 401 `AuthFailure`
 * saying the signature was already used. Another process with the same key (one that died and left
 * this one to restart within the same second) can have sent the same call in the same second. The
 * wording is the simulator's (the vendor's is not documented): `AuthFailure` also covers other refusals.
 */
export const isReplayRefusal = (error: PlaneError): error is PolicyError =>
  error._tag === "PolicyError" &&
  error.status === 401 &&
  error.code?.replace(/Error$/, "") === "AuthFailure" &&
  /already used/i.test(error.message)

const resignOnce = <A, R>(call: Effect.Effect<A, PlaneError, R>): Effect.Effect<A, PlaneError, R> =>
  Effect.catchIf(call, isReplayRefusal, () =>
    Effect.zipRight(
      Effect.logInfo("Landscape had already seen this signature; signing once more at a later second"),
      call
    )
  )

/**
 * A legacy client that sends a call once more, freshly signed, when Landscape refuses its signature as
 * already used. The signer never signs the same call twice in one second, so the new signature is at a
 * later second; a second refusal, and every other 401 or 403, stands as the PolicyError it is. Core's
 * refresh-on-401 cannot do this: it re-sends on every 401 without seeing why, and a wrong key would be
 * sent twice. The refused call never reached the handler, so a create is safe to send again.
 */
export const resignOnReplay = (client: Http.PlaneHttpClient): Http.PlaneHttpClient => ({
  ...client,
  exchange: (operation, request, read, options) =>
    resignOnce(client.exchange(operation, request, read, options)),
  execute: (operation, request, options) => resignOnce(client.execute(operation, request, options)),
  json: (operation, request, schema, options) => resignOnce(client.json(operation, request, schema, options)),
  jsonOption: (operation, request, schema, options) =>
    resignOnce(client.jsonOption(operation, request, schema, options)),
  text: (operation, request, options) => resignOnce(client.text(operation, request, options)),
  empty: (operation, request, options) => resignOnce(client.empty(operation, request, options))
})

import type { HttpClient } from "@effect/platform"
import { Http } from "@planes/core"
import { Effect, Layer } from "effect"
import { storageErrorProfile } from "./storageErrorProfile.js"

/** Makes the client for the storage origin of an upload URL. */
export type StorageClients = (origin: string) => Effect.Effect<Http.PlaneHttpClient>

/**
 * A factory of Azure Storage clients, one per upload URL origin for the connector's lifetime, on the
 * transport and retry policy in context. One per origin, not per request: a client remembers a
 * Retry-After it was given and holds back every later request to that origin (a resumed or repeated
 * upload included) until it has passed. They have no authenticator on purpose: the SAS in the URL is the
 * credential, and the Graph token must never reach storage (core also refuses to send a client's
 * requests to another origin).
 */
export const makeStorageClients: Effect.Effect<
  StorageClients,
  never,
  HttpClient.HttpClient | Http.RetryPolicy
> = Effect.gen(function* () {
  const context = yield* Effect.context<HttpClient.HttpClient | Http.RetryPolicy>()
  const clients = new Map<string, Http.PlaneHttpClient>()
  const once = yield* Effect.makeSemaphore(1)
  const make = (origin: string) =>
    Http.makePlaneHttpClient({
      plane: "intune",
      baseUrl: origin,
      profile: storageErrorProfile,
      // Azure Storage's own correlation header.
      correlationHeader: "x-ms-client-request-id",
      // A 6 MiB block on a slow link takes a while; a hung connection still ends.
      timeout: "5 minutes"
    }).pipe(Effect.provide(Layer.succeedContext(context)))
  return (origin) =>
    once.withPermits(1)(
      Effect.suspend(() => {
        const known = clients.get(origin)
        return known !== undefined
          ? Effect.succeed(known)
          : Effect.tap(make(origin), (client) => Effect.sync(() => clients.set(origin, client)))
      })
    )
})

import { HttpClient, HttpClientRequest } from "@effect/platform"
import { SecretStore } from "@planes/core"
import { Context, Effect, Layer } from "effect"
import { Repository } from "../store/Repository.js"
import { Targets } from "./Targets.js"

/** One dependency's readiness. */
export interface Check {
  readonly name: string
  readonly ok: boolean
  readonly detail?: string
}

/** Whether the app can serve: the store answers, every plane answers and its credentials resolve. */
export class Readiness extends Context.Tag("@planes/control-plane/Readiness")<
  Readiness,
  { readonly check: Effect.Effect<ReadonlyArray<Check>> }
>() {
  /** Readiness over the store, targets, secret store and HTTP client in context. */
  static readonly layer = Layer.effect(
    Readiness,
    Effect.gen(function* () {
      const repo = yield* Repository
      const targets = yield* Targets
      const secrets = yield* SecretStore
      const http = yield* HttpClient.HttpClient
      const database = repo.ping.pipe(
        Effect.as<Check>({ name: "database", ok: true }),
        Effect.catchAll((e) => Effect.succeed<Check>({ name: "database", ok: false, detail: e.message }))
      )
      // Any HTTP answer means the plane is reachable; only a failed connection or a timeout is not.
      const plane = (t: (typeof targets)[number]) =>
        Effect.gen(function* () {
          yield* Effect.forEach(t.credentials, (ref) => secrets.resolve(ref), { discard: true })
          yield* http.execute(HttpClientRequest.get(t.probeUrl)).pipe(
            Effect.scoped,
            Effect.timeoutFail({
              duration: "3 seconds",
              onTimeout: () => ({ message: `no answer from ${t.probeUrl} within 3 s` })
            })
          )
          return { name: `target:${t.name}`, ok: true } satisfies Check
        }).pipe(
          Effect.catchAll((e) =>
            Effect.succeed<Check>({ name: `target:${t.name}`, ok: false, detail: e.message })
          )
        )
      return {
        check: Effect.all([database, ...targets.map(plane)], { concurrency: "unbounded" })
      }
    })
  )
}

import { type PlaneError, SecretStore } from "@planes/core"
import { Console, Effect, Option, Redacted } from "effect"
import type { StoreError } from "../store/errors.js"
import { Repository } from "../store/Repository.js"
import { generateApiKey, hashApiKey } from "./keys.js"

/**
 * Makes sure an admin can get in. With a configured bootstrap key (a secret reference), its digest is
 * stored if missing. Without one, the first start of an empty store generates an admin key and prints it
 * once; later starts print nothing. Returns the printed key, if any.
 */
export const ensureBootstrapKey = (
  reference: Option.Option<string>
): Effect.Effect<
  Option.Option<Redacted.Redacted<string>>,
  StoreError | PlaneError,
  Repository | SecretStore
> =>
  Effect.gen(function* () {
    const repo = yield* Repository
    const at = new Date().toISOString()
    if (Option.isSome(reference)) {
      const key = yield* Effect.flatMap(SecretStore, (s) => s.resolve(reference.value))
      const keyHash = hashApiKey(key)
      if (Option.isNone(yield* repo.findApiKeyByHash(keyHash))) {
        yield* repo.insertApiKey({
          id: `bootstrap-${keyHash.slice(0, 8)}`,
          name: "bootstrap admin (configured)",
          role: "admin",
          keyHash,
          createdAt: at,
          createdBy: "configuration",
          revokedAt: null
        })
      }
      return Option.none()
    }
    if ((yield* repo.listApiKeys).length > 0) return Option.none()
    const key = yield* generateApiKey
    yield* repo.insertApiKey({
      id: "bootstrap",
      name: "bootstrap admin (generated)",
      role: "admin",
      keyHash: hashApiKey(key),
      createdAt: at,
      createdBy: "first start",
      revokedAt: null
    })
    yield* Console.log(
      "No API key existed, so an admin key was created. It is shown this once; store it now:"
    )
    // The one place the key is ever printed: stdout of the first start, never a log line or the store.
    yield* Console.log(`  planes admin key: ${Redacted.value(key)}`)
    return Option.some(key)
  })

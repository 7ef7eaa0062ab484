import { createHash, randomBytes } from "node:crypto"
import { Effect, Redacted } from "effect"

/** A new API key: 256 random bits, prefixed so it is recognisable in a leaked-secrets scan. */
export const generateApiKey = Effect.sync(() => Redacted.make(`pk_${randomBytes(32).toString("base64url")}`))

/**
 * The digest the store keeps. Keys are 256 random bits, so a fast hash is enough: there is nothing to
 * brute-force, unlike a password.
 */
export const hashApiKey = (key: Redacted.Redacted<string>): string =>
  createHash("sha256").update(Redacted.value(key)).digest("hex")

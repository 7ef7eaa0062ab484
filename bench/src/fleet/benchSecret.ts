import { randomBytes } from "node:crypto"
import { SecretStore } from "@planes/core"
import { Effect, Layer, Redacted } from "effect"

/**
 * A simulator-only secret, fresh per bench run: made up by the parent process and kept in its
 * environment, so the fleet worker (a child) inherits the same value under the same name.
 */
export const benchSecret = (name: string): string => {
  const value = process.env[name] ?? randomBytes(18).toString("base64url")
  process.env[name] = value
  return value
}

/** A SecretStore that resolves every reference to one bench secret (each bench connector has one). */
export const benchSecrets = (value: string) =>
  Layer.succeed(SecretStore, { resolve: () => Effect.succeed(Redacted.make(value)) })

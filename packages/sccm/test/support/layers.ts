import { RetryPolicy, SecretStore } from "@planes/core"
import { Effect, Layer, Redacted } from "effect"

/** The simulator's default account (simulators/sccm defaults): a test fixture, not a real credential. */
export const admin = { domain: "CONTOSO", user: "cm-admin", password: "P@ssw0rd!" } as const

/** Values the test store resolves references to; anything else resolves to a value of its own. */
export const secretValues: Record<string, string> = {
  "env:SCCM_PASSWORD": admin.password,
  "env:WRONG_PASSWORD": "not-the-password",
  "env:INTUNE_SECRET": "intune-client-secret",
  "env:SAME_AS_SCCM": admin.password
}

/** Mutable token store for the bearer route: tests put a freshly issued token here. */
export const tokens: { current: string } = { current: "no-token-yet" }

/** A SecretStore over the test values. */
export const testSecrets = Layer.succeed(SecretStore, {
  resolve: (reference: string) =>
    Effect.sync(() =>
      Redacted.make(
        reference === "env:SCCM_TOKEN" ? tokens.current : (secretValues[reference] ?? `value-of-${reference}`)
      )
    )
})

/** Test retries: quick backoff, a budget of seconds. */
export const testRetries = RetryPolicy.layer({
  maxAttempts: 6,
  baseDelay: "10 millis",
  maxDelay: "100 millis",
  budget: "20 seconds"
})

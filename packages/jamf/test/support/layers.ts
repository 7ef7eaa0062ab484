import { RetryPolicy, SecretStore } from "@planes/core"
import { Effect, Layer, Redacted } from "effect"
import { clientSecret, password, readerSecret } from "./credentials.js"

const secretValue = (reference: string): string => {
  switch (reference) {
    case "env:JAMF_CLIENT_SECRET":
      return clientSecret
    case "env:JAMF_PASSWORD":
      return password
    case "env:JAMF_READER_SECRET":
      return readerSecret
    default:
      return "not-the-secret"
  }
}

/** A SecretStore over the test credentials. */
export const testSecrets = Layer.succeed(SecretStore, {
  resolve: (reference: string) => Effect.sync(() => Redacted.make(secretValue(reference)))
})

/** Test retries: quick backoff, a budget of seconds. */
export const testRetries = RetryPolicy.layer({
  maxAttempts: 6,
  baseDelay: "10 millis",
  maxDelay: "100 millis",
  budget: "10 seconds"
})

import { RetryPolicy, SecretStore } from "@planes/core"
import { Effect, Layer, Redacted } from "effect"
import { certificate, clientSecret, readerSecret } from "./credentials.js"

/** Secrets the test store resolves: references to values, nothing from the environment. */
const secretValue = (reference: string): string => {
  switch (reference) {
    case "env:INTUNE_SECRET":
      return clientSecret
    case "env:READER_SECRET":
      return readerSecret
    case "file:/secrets/intune.crt":
      return certificate().certificatePem
    case "file:/secrets/intune.key":
      return certificate().privateKeyPem
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
  baseDelay: "20 millis",
  maxDelay: "200 millis",
  budget: "20 seconds"
})

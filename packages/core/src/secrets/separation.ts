import { createHmac, randomBytes } from "node:crypto"
import { resolve } from "node:path"
import { Effect, Either, Redacted } from "effect"
import type { PlaneError } from "../errors/PlaneError.js"
import { prefixMessage, secretsPolicy } from "./errors.js"
import { echoReference, formatSecretRef, parseSecretRef } from "./SecretRef.js"
import { SecretStore } from "./SecretStore.js"

/** One credential a connector is configured with: which connector, in which role, by which reference. */
export interface CredentialBinding {
  readonly connector: string
  /** What the credential is for, e.g. `client_secret`. */
  readonly role: string
  readonly ref: string
}

// Two spellings of one source count as one reference: `file:./a` and `file:a` read the same file.
const referenceKey = (reference: string) =>
  Either.match(parseSecretRef(reference), {
    onLeft: () => reference,
    onRight: (ref) =>
      ref._tag === "FileRef" ? `file:${resolve(process.cwd(), ref.path)}` : formatSecretRef(ref)
  })

const label = (binding: CredentialBinding) => `${binding.connector} (${binding.role})`

// Pairs of bindings that share a key and belong to different connectors, each connector pair once.
const clashes = <K>(keyed: ReadonlyArray<readonly [K, CredentialBinding]>, seen: Set<string>) => {
  const firstByKey = new Map<K, CredentialBinding[]>()
  const pairs: Array<readonly [CredentialBinding, CredentialBinding]> = []
  for (const [key, binding] of keyed) {
    const earlier = firstByKey.get(key) ?? []
    for (const other of earlier) {
      if (other.connector === binding.connector) continue
      const pairKey = [other.connector, binding.connector].sort().join("\u0000")
      if (seen.has(pairKey)) continue
      seen.add(pairKey)
      pairs.push([other, binding])
    }
    firstByKey.set(key, [...earlier, binding])
  }
  return pairs
}

const violation = (details: ReadonlyArray<string>) =>
  Effect.flatMap(
    secretsPolicy(
      `separation of duties: each connector needs its own principal, but ${details.join("; ")}. Give each connector its own credential.`,
      "SeparationOfDuties"
    ),
    Effect.fail
  )

/**
 * Rejects configuration in which two different connectors share a credential: by naming the same
 * reference, or by references that resolve to the same value. Values are compared by an HMAC-SHA-256
 * under a key made for this check alone, and dropped at once, so no plaintext is held longer than one
 * resolve and no digest outlives the check. One connector may use one value in several roles.
 */
export const checkSeparationOfDuties = (
  bindings: ReadonlyArray<CredentialBinding>
): Effect.Effect<void, PlaneError, SecretStore> =>
  Effect.gen(function* () {
    const seen = new Set<string>()
    // Shared references are refused before anything is resolved: no secret needs to be read to see them.
    const sameRef = clashes(
      bindings.map((binding) => [referenceKey(binding.ref), binding] as const),
      seen
    )
    if (sameRef.length > 0)
      return yield* violation(
        sameRef.map(
          ([a, b]) => `connectors ${label(a)} and ${label(b)} name the same reference ${echoReference(b.ref)}`
        )
      )
    const store = yield* SecretStore
    const key = randomBytes(32)
    const digests = yield* Effect.forEach(bindings, (binding) =>
      store.resolve(binding.ref).pipe(
        Effect.map(
          (value) => [createHmac("sha256", key).update(Redacted.value(value)).digest("hex"), binding] as const
        ),
        Effect.mapError((error) => prefixMessage(error, `connector ${label(binding)}`))
      )
    )
    const sameValue = clashes(digests, seen)
    if (sameValue.length > 0)
      return yield* violation(
        sameValue.map(([a, b]) => `connectors ${label(a)} and ${label(b)} resolve to the same credential`)
      )
  })

import type { HttpClient } from "@effect/platform"
import { type ConfigError, Context, Effect, Either, Layer, Option, type Redacted } from "effect"
import type { PlaneError } from "../errors/PlaneError.js"
import { resolveEnv } from "./EnvSource.js"
import { prefixMessage, secretsPermanent } from "./errors.js"
import { resolveFile } from "./FileSource.js"
import { formatSecretRef, parseSecretRef } from "./SecretRef.js"
import { VaultClient, type VaultClientService, type VaultOptions, vaultConfig } from "./VaultClient.js"

/** Resolves credential references (`env:NAME`, `file:PATH`, `vault:MOUNT/PATH#FIELD`) to redacted values. */
export interface SecretStoreService {
  /** The credential `reference` names; every failure is a plane error naming the reference, never a value. */
  readonly resolve: (reference: string) => Effect.Effect<Redacted.Redacted<string>, PlaneError>
}

const noVault =
  "no Vault is configured: set VAULT_ADDR and VAULT_TOKEN (or VAULT_ROLE_ID and VAULT_SECRET_ID), or provide VaultClient.layer"

/**
 * A store over the environment, files and, when one is given, Vault. Nothing is cached: every resolve
 * reads the source again, so a rotated credential is seen at once.
 */
export const makeSecretStore = (vault: Option.Option<VaultClientService>): SecretStoreService => ({
  resolve: (reference) =>
    Either.match(parseSecretRef(reference), {
      onLeft: (problem) =>
        Effect.flatMap(
          secretsPermanent(
            `invalid secret reference '${problem.reference}': ${problem.reason}.`,
            "InvalidSecretRef"
          ),
          Effect.fail
        ),
      onRight: (ref): Effect.Effect<Redacted.Redacted<string>, PlaneError> => {
        switch (ref._tag) {
          case "EnvRef":
            return resolveEnv(ref.name)
          case "FileRef":
            return resolveFile(ref.path)
          case "VaultRef":
            return Option.match(vault, {
              onNone: () =>
                Effect.flatMap(
                  secretsPermanent(`${formatSecretRef(ref)}: ${noVault}.`, "VaultNotConfigured"),
                  Effect.fail
                ),
              onSome: (client) =>
                client
                  .readField(ref)
                  .pipe(Effect.mapError((error) => prefixMessage(error, formatSecretRef(ref))))
            })
        }
      }
    })
})

/** The secret store service. */
export class SecretStore extends Context.Tag("@planes/core/SecretStore")<SecretStore, SecretStoreService>() {
  /** Env and file references, plus Vault when a `VaultClient` is provided to this layer. */
  static readonly layer: Layer.Layer<SecretStore> = Layer.effect(
    SecretStore,
    Effect.map(Effect.serviceOption(VaultClient), makeSecretStore)
  )

  /** Env, file and the Vault `options` describe, on the `HttpClient` the app or test provides. */
  static readonly layerVault = (
    options: VaultOptions
  ): Layer.Layer<SecretStore, never, HttpClient.HttpClient> =>
    SecretStore.layer.pipe(Layer.provide(VaultClient.layer(options)))

  /**
   * Env, file and Vault as configured by `VAULT_ADDR`, `VAULT_TOKEN` or `VAULT_ROLE_ID` + `VAULT_SECRET_ID`,
   * and `VAULT_NAMESPACE`. Without `VAULT_ADDR`, `vault:` references fail saying how to configure Vault.
   */
  static readonly layerConfig: Layer.Layer<SecretStore, ConfigError.ConfigError, HttpClient.HttpClient> =
    Layer.unwrapEffect(
      Effect.map(vaultConfig, (options) =>
        Option.match(options, {
          onNone: () => SecretStore.layer,
          onSome: (vault) => SecretStore.layerVault(vault)
        })
      )
    )
}

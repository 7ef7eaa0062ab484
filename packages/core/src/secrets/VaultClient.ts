import { HttpClient } from "@effect/platform"
import {
  Config,
  ConfigError,
  Context,
  Duration,
  Effect,
  Either,
  Layer,
  Option,
  Redacted,
  type Scope
} from "effect"
import * as Correlation from "../correlation/Correlation.js"
import { PermanentError, type PlaneError } from "../errors/PlaneError.js"
import type { VaultRef } from "./SecretRef.js"
import { callVault, defaultVaultTimeout } from "./VaultHttp.js"
import { VaultKvRead } from "./VaultSchemas.js"
import { makeTokenKeeper, type VaultAuthMethod } from "./VaultToken.js"

/** How to reach and authenticate to one Vault. */
export interface VaultOptions {
  /** Vault's base address, e.g. `https://vault.example.com:8200` (no `/v1`). */
  readonly address: string
  readonly auth: VaultAuthMethod
  /** Sent as `X-Vault-Namespace` on every call (Vault Enterprise / HCP namespaces). */
  readonly namespace?: string | undefined
  /** How long one call may take; 10 seconds unless set. */
  readonly timeout?: Duration.DurationInput | undefined
  /** The fraction of a token's lease after which it is renewed; 2/3 unless set. */
  readonly renewAhead?: number | undefined
}

/** Reads single fields of KV v2 secrets; plaintext never leaves it except inside a `Redacted`. */
export interface VaultClientService {
  /** The field `ref.field` of the latest version of the KV v2 secret `ref.mount`/`ref.path`. */
  readonly readField: (ref: VaultRef) => Effect.Effect<Redacted.Redacted<string>, PlaneError>
}

const encodePath = (path: string) => path.split("/").map(encodeURIComponent).join("/")

const fieldError = (operation: string, code: string, message: string) =>
  Effect.flatMap(Correlation.current, (correlationId) =>
    Effect.fail(new PermanentError({ plane: "vault", operation, correlationId, code, message }))
  )

const isNotFound = (error: PlaneError) => error._tag === "PermanentError" && error.status === 404

// The secret's data is checked by hand, field by field, so that no message can carry a value: only the
// names of the fields that are there.
const pickField = (ref: VaultRef, operation: string, data: Readonly<Record<string, unknown>>) => {
  const where = `vault secret ${ref.mount}/${ref.path}`
  const value = data[ref.field]
  if (value === undefined) {
    const names = Object.keys(data).sort()
    const available = names.length === 0 ? "it has no fields" : `its fields are: ${names.join(", ")}`
    return fieldError(operation, "SecretFieldNotFound", `${where} has no field '${ref.field}'; ${available}.`)
  }
  if (typeof value !== "string")
    return fieldError(operation, "SecretFieldNotString", `${where} field '${ref.field}' is not a string.`)
  if (value === "")
    return fieldError(
      operation,
      "SecretEmpty",
      `${where} field '${ref.field}' is empty; a credential cannot be empty.`
    )
  return Effect.succeed(Redacted.make(value))
}

/**
 * Builds a Vault client on the ambient `HttpClient` (the transport is the app's or the test's to provide);
 * its background token renewal runs until the scope closes.
 */
export const makeVaultClient = (
  options: VaultOptions
): Effect.Effect<VaultClientService, never, HttpClient.HttpClient | Scope.Scope> =>
  Effect.gen(function* () {
    const client = yield* HttpClient.HttpClient
    const send = callVault(client, {
      address: options.address.replace(/\/+$/, ""),
      namespace: options.namespace,
      timeout: options.timeout === undefined ? defaultVaultTimeout : Duration.decode(options.timeout)
    })
    const keeper = yield* makeTokenKeeper(send, options.auth, options.renewAhead ?? 2 / 3)

    const readField = (ref: VaultRef) =>
      Effect.gen(function* () {
        const operation = `read ${ref.mount}/${ref.path}`
        const token = yield* keeper.token
        const answer = yield* send({
          operation,
          method: "GET",
          path: `${encodeURIComponent(ref.mount)}/data/${encodePath(ref.path)}`,
          token: Redacted.value(token),
          schema: VaultKvRead
        }).pipe(
          Effect.catchIf(isNotFound, (error) =>
            Effect.fail(
              new PermanentError({
                plane: "vault",
                operation,
                correlationId: error.correlationId,
                status: 404,
                code: "SecretNotFound",
                message: `vault has no secret at ${ref.mount}/${ref.path} (HTTP 404): write it, or fix the mount or path of the reference.`
              })
            )
          )
        )
        return yield* pickField(ref, operation, answer.data.data ?? {})
      })
    return { readField }
  })

const invalid = (path: string, message: string) => ConfigError.InvalidData([path], message)

/**
 * Vault settings from configuration: `VAULT_ADDR`, then `VAULT_ROLE_ID` + `VAULT_SECRET_ID` (AppRole,
 * preferred because the client can log in again) or `VAULT_TOKEN`, and `VAULT_NAMESPACE`. None when
 * `VAULT_ADDR` is unset; a half-configured Vault is a ConfigError naming what is missing.
 */
export const vaultConfig: Config.Config<Option.Option<VaultOptions>> = Config.all({
  address: Config.option(Config.string("VAULT_ADDR")),
  token: Config.option(Config.redacted("VAULT_TOKEN")),
  namespace: Config.option(Config.string("VAULT_NAMESPACE")),
  roleId: Config.option(Config.redacted("VAULT_ROLE_ID")),
  secretId: Config.option(Config.redacted("VAULT_SECRET_ID"))
}).pipe(
  Config.mapOrFail((settings): Either.Either<Option.Option<VaultOptions>, ConfigError.ConfigError> => {
    const address = Option.filter(settings.address, (text) => text.trim() !== "")
    const namespace = Option.getOrUndefined(Option.filter(settings.namespace, (text) => text.trim() !== ""))
    const anyCredential = [settings.token, settings.roleId, settings.secretId].some(Option.isSome)
    if (Option.isNone(address))
      return anyCredential
        ? Either.left(
            invalid(
              "VAULT_ADDR",
              "a Vault credential is set but VAULT_ADDR is not; set it to Vault's address"
            )
          )
        : Either.right(Option.none())
    if (Option.isSome(settings.roleId) !== Option.isSome(settings.secretId))
      return Either.left(
        invalid(
          Option.isSome(settings.roleId) ? "VAULT_SECRET_ID" : "VAULT_ROLE_ID",
          "AppRole login needs both VAULT_ROLE_ID and VAULT_SECRET_ID"
        )
      )
    if (Option.isSome(settings.roleId) && Option.isSome(settings.secretId))
      return Either.right(
        Option.some({
          address: address.value,
          namespace,
          auth: { _tag: "AppRole", roleId: settings.roleId.value, secretId: settings.secretId.value }
        })
      )
    if (Option.isSome(settings.token))
      return Either.right(
        Option.some({
          address: address.value,
          namespace,
          auth: { _tag: "Token", token: settings.token.value }
        })
      )
    return Either.left(
      invalid(
        "VAULT_TOKEN",
        "VAULT_ADDR is set but no credential is: set VAULT_TOKEN, or VAULT_ROLE_ID and VAULT_SECRET_ID"
      )
    )
  })
)

/** The Vault client service: reads fields of KV v2 secrets with token or AppRole auth. */
export class VaultClient extends Context.Tag("@planes/core/VaultClient")<VaultClient, VaultClientService>() {
  /** A Vault client for `options`, on the `HttpClient` the app or test provides; renewal stops with the layer. */
  static readonly layer = (options: VaultOptions): Layer.Layer<VaultClient, never, HttpClient.HttpClient> =>
    Layer.scoped(VaultClient, makeVaultClient(options))
}

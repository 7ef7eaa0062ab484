import { Headers, type HttpClient, HttpClientRequest } from "@effect/platform"
import { Clock, Duration, Effect, Either, ParseResult, Schema } from "effect"
import * as Correlation from "../correlation/Correlation.js"
import { defaultCorrelationHeader } from "../correlation/Correlation.js"
import { classifyResponse, classifyTransport } from "../errors/classify.js"
import { Issue, PermanentError, type PlaneError } from "../errors/PlaneError.js"
import { vaultProfile } from "./VaultProfile.js"

/** Where and how to reach one Vault: its address, namespace and per-request time limit. */
export interface VaultEndpoint {
  readonly address: string
  readonly namespace?: string | undefined
  readonly timeout: Duration.Duration
}

/** One Vault API call: method, path under `/v1/`, optional token and JSON body, and the answer's schema. */
export interface VaultCall<A, I> {
  readonly operation: string
  readonly method: "GET" | "POST"
  readonly path: string
  readonly token?: string | undefined
  readonly body?: unknown
  readonly schema: Schema.Schema<A, I>
}

const issueText = (tag: string) =>
  tag === "Missing"
    ? "is missing"
    : tag === "Unexpected"
      ? "is not expected"
      : "does not have the expected type"

// Only paths and issue kinds go into the error: a formatted ParseError quotes the offending value, and
// the value may be a token or a secret.
const shapeError = (operation: string, correlationId: string, error: ParseResult.ParseError) => {
  // A union (say `null` or an object) reports one issue per member: keep one per path, and only the
  // deepest, since "data.metadata.version has the wrong type" says more than "data.metadata is not null".
  const paths = ParseResult.ArrayFormatter.formatErrorSync(error).map(
    (issue) => [issue.path.map(String).join(".") || "(body)", issueText(issue._tag)] as const
  )
  const byPath = new Map<string, Issue>()
  for (const [path, message] of paths) {
    const deeper = paths.some(([other]) => other.startsWith(`${path}.`))
    if (!deeper && !byPath.has(path)) byPath.set(path, new Issue({ path, message }))
  }
  const issues = [...byPath.values()]
  const where = issues.map((issue) => `${issue.path} ${issue.message}`).join("; ")
  return new PermanentError({
    plane: "vault",
    operation,
    correlationId,
    code: "UnexpectedResponse",
    message: `vault ${operation} answered with a body that does not match Vault's API (${where}). Check VAULT_ADDR points at Vault.`,
    issues
  })
}

const notJson = (operation: string, correlationId: string, status: number) =>
  new PermanentError({
    plane: "vault",
    operation,
    correlationId,
    status,
    code: "UnexpectedResponse",
    message: `vault ${operation} answered HTTP ${status} with a body that is not JSON. Check VAULT_ADDR points at Vault.`
  })

const parseJson = (text: string): Either.Either<unknown, void> => {
  try {
    return Either.right(JSON.parse(text))
  } catch {
    return Either.left(undefined)
  }
}

/** Vault's token header, which the platform must never print in logs or spans. */
export const vaultTokenHeader = "X-Vault-Token"

/**
 * Sends one call to Vault and returns its decoded answer. Transport failures and timeouts are transient;
 * error answers are classified by the Vault profile; a body that is not JSON or not of the expected shape
 * is a PermanentError naming the offending paths, never their values.
 */
export const callVault =
  (client: HttpClient.HttpClient, endpoint: VaultEndpoint) =>
  <A, I>(call: VaultCall<A, I>): Effect.Effect<A, PlaneError> =>
    Effect.gen(function* () {
      const correlationId = yield* Correlation.current
      const context = { operation: call.operation, correlationId }
      let request = HttpClientRequest.make(call.method)(`${endpoint.address}/v1/${call.path}`).pipe(
        HttpClientRequest.setHeader(defaultCorrelationHeader, correlationId),
        HttpClientRequest.acceptJson
      )
      if (endpoint.namespace !== undefined)
        request = HttpClientRequest.setHeader(request, "X-Vault-Namespace", endpoint.namespace)
      if (call.token !== undefined)
        request = HttpClientRequest.setHeader(request, vaultTokenHeader, call.token)
      if (call.body !== undefined)
        request = HttpClientRequest.bodyText(request, JSON.stringify(call.body), "application/json")

      const exchange = Effect.flatMap(client.execute(request), (response) =>
        Effect.map(response.text, (body) => ({ response, body }))
      ).pipe(
        Effect.mapError((error) =>
          classifyTransport(
            "vault",
            context,
            error._tag === "RequestError" && error.reason !== "Transport"
              ? { kind: "invalid-request", description: error.reason }
              : { kind: "connection", description: error.description ?? error.reason }
          )
        ),
        Effect.timeoutFail({
          duration: endpoint.timeout,
          onTimeout: () => classifyTransport("vault", context, { kind: "timeout", after: endpoint.timeout })
        }),
        Effect.locallyWith(Headers.currentRedactedNames, (names) => [
          ...names,
          vaultTokenHeader.toLowerCase()
        ])
      )
      const { response, body } = yield* exchange
      if (response.status < 200 || response.status >= 300) {
        const now = yield* Clock.currentTimeMillis
        return yield* Effect.fail(
          classifyResponse(
            vaultProfile,
            context,
            { status: response.status, headers: response.headers, body },
            now
          )
        )
      }
      const json = parseJson(body)
      if (Either.isLeft(json))
        return yield* Effect.fail(notJson(call.operation, correlationId, response.status))
      return yield* Schema.decodeUnknown(call.schema, { errors: "all" })(json.right).pipe(
        Effect.mapError((error) => shapeError(call.operation, correlationId, error))
      )
    })

/** The default time one Vault call may take before it counts as a transient failure. */
export const defaultVaultTimeout = Duration.seconds(10)

// A scripted transport standing in for Vault in core's unit tests. Core cannot depend on the Vault
// simulator (dependencies point from simulators to core's tests' subjects, not back), and these tests
// need answers no real Vault gives (bodies that are not JSON, wrong shapes), so each test scripts them.
// The same SecretStore is exercised against the real simulator over HTTP in simulators/vault/test.
import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import { Effect, Layer } from "effect"

/** What the fake saw of one request. */
export interface SeenRequest {
  readonly method: string
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
}

/** A scripted answer: a status and a JSON value (or raw text), or a transport failure. */
export type Answer =
  | { readonly status: number; readonly json?: unknown; readonly text?: string }
  | "drop"
  | "hang"

/** A fake Vault transport that answers every request with `handler` and records what it saw. */
export const fakeVault = (handler: (request: SeenRequest) => Answer) => {
  const seen: SeenRequest[] = []
  const client = HttpClient.make((request, url) => {
    const raw = request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : undefined
    const entry: SeenRequest = {
      method: request.method,
      path: url.pathname,
      headers: request.headers,
      body: raw === undefined ? undefined : JSON.parse(raw)
    }
    seen.push(entry)
    const answer = handler(entry)
    if (answer === "drop")
      return Effect.fail(
        new HttpClientError.RequestError({ request, reason: "Transport", description: "connection reset" })
      )
    if (answer === "hang") return Effect.never
    const body = answer.text ?? JSON.stringify(answer.json ?? {})
    return Effect.succeed(
      HttpClientResponse.fromWeb(
        request,
        new Response(body, { status: answer.status, headers: { "content-type": "application/json" } })
      )
    )
  })
  return { seen, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

/** A KV v2 read answer carrying `data`. */
export const kv = (data: Record<string, unknown>): Answer => ({
  status: 200,
  json: {
    request_id: "r",
    lease_id: "",
    renewable: false,
    lease_duration: 0,
    data: { data, metadata: { version: 1 } }
  }
})

/** A login or renew-self answer. */
export const auth = (token: string, leaseSeconds: number, renewable = true): Answer => ({
  status: 200,
  json: { auth: { client_token: token, lease_duration: leaseSeconds, renewable, policies: ["default"] } }
})

/** Vault's error answer. */
export const errors = (status: number, ...messages: string[]): Answer => ({
  status,
  json: { errors: messages }
})

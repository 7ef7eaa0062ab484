// A small client for the control plane's HTTP API that keeps every answer it gets (status, headers,
// body), so the canary scan can read all of them afterwards.
import { randomUUID } from "node:crypto"

/** One answer of the API, as received. */
export interface ApiAnswer {
  readonly status: number
  readonly body: unknown
  readonly text: string
  readonly headers: string
  readonly correlationId: string
}

/** Calls the API with one key; every answer is passed to `record` unless `secretAnswer` says it holds a key. */
export const apiClient = (base: string, key: string, record: (text: string) => void) => {
  const call = async (
    method: string,
    path: string,
    options: { readonly body?: unknown; readonly secretAnswer?: boolean } = {}
  ): Promise<ApiAnswer> => {
    const correlationId = randomUUID()
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        "x-correlation-id": correlationId,
        ...(options.body !== undefined && { "content-type": "application/json" })
      },
      ...(options.body !== undefined && { body: JSON.stringify(options.body) })
    })
    const text = await response.text()
    const headers = [...response.headers.entries()].map(([k, v]) => `${k}: ${v}`).join("\n")
    // The one answer meant to carry a secret (a newly created API key) is not a leak; all others are scanned.
    if (options.secretAnswer !== true) record(`${method} ${path} -> ${response.status}\n${headers}\n${text}`)
    let body: unknown
    try {
      body = text === "" ? undefined : JSON.parse(text)
    } catch {
      body = undefined
    }
    return { status: response.status, body, text, headers, correlationId }
  }
  return call
}

/** The API client type. */
export type ApiClient = ReturnType<typeof apiClient>

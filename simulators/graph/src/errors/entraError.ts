/** One Entra ID token-endpoint error: OAuth `error`, the AADSTS number and its description. */
export interface EntraErrorFields {
  readonly status: number
  readonly error: string
  readonly aadsts: number
  readonly description: string
  readonly traceId: string
  readonly correlationId: string
  readonly timestamp: Date
}

const entraTimestamp = (date: Date): string => `${date.toISOString().slice(0, 19).replace("T", " ")}Z`

/**
 * Entra's OAuth error body: `error`, `error_description` (AADSTS code first, trace and correlation ids and
 * timestamp appended as Entra does), `error_codes`, `timestamp`, `trace_id`, `correlation_id`, `error_uri`.
 */
export const entraErrorBody = (fields: EntraErrorFields) => {
  const timestamp = entraTimestamp(fields.timestamp)
  return {
    error: fields.error,
    error_description:
      `AADSTS${fields.aadsts}: ${fields.description}\r\nTrace ID: ${fields.traceId}\r\n` +
      `Correlation ID: ${fields.correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [fields.aadsts],
    timestamp,
    trace_id: fields.traceId,
    correlation_id: fields.correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${fields.aadsts}`
  }
}

/** A JSON response carrying Entra's error body (no-store, as token answers are). */
export const entraErrorResponse = (
  fields: EntraErrorFields,
  headers: Readonly<Record<string, string>> = {}
): Response =>
  new Response(JSON.stringify(entraErrorBody(fields)), {
    status: fields.status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store, no-cache",
      "x-ms-request-id": fields.traceId,
      "client-request-id": fields.correlationId,
      ...headers
    }
  })

/** What goes into one Graph error body. */
export interface GraphErrorFields {
  readonly code: string
  readonly message: string
  readonly requestId: string
  /** The caller's `client-request-id`; Graph echoes the request id when the caller sent none. */
  readonly clientRequestId: string | undefined
  readonly date: Date
  /** Extra `innerError` fields (the throttling sample adds `code`, `message`, `status`). */
  readonly inner?: Readonly<Record<string, string>>
}

/** Graph's timestamp style in `innerError.date`: seconds precision, no zone suffix. */
export const graphDate = (date: Date): string => date.toISOString().slice(0, 19)

/** Graph's error body: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export const graphErrorBody = (fields: GraphErrorFields) => ({
  error: {
    code: fields.code,
    message: fields.message,
    innerError: {
      ...fields.inner,
      date: graphDate(fields.date),
      "request-id": fields.requestId,
      "client-request-id": fields.clientRequestId ?? fields.requestId
    }
  }
})

/** The correlation headers Graph puts on every answer. */
export const correlationHeaders = (
  requestId: string,
  clientRequestId: string | undefined
): Record<string, string> => ({
  "request-id": requestId,
  "client-request-id": clientRequestId ?? requestId
})

/** A JSON response with Graph's error body and correlation headers. */
export const graphErrorResponse = (
  status: number,
  fields: GraphErrorFields,
  headers: Readonly<Record<string, string>> = {}
): Response =>
  new Response(JSON.stringify(graphErrorBody(fields)), {
    status,
    headers: {
      "content-type": "application/json",
      "cache-control": "no-store",
      ...correlationHeaders(fields.requestId, fields.clientRequestId),
      ...headers
    }
  })

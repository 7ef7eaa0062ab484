/** One Azure Storage error: status, `x-ms-error-code` and message (plus an optional detail element). */
export interface AzureErrorFields {
  readonly status: number
  readonly code: string
  readonly message: string
  readonly requestId: string
  readonly date: Date
  /** `<AuthenticationErrorDetail>` for authentication failures. */
  readonly authenticationDetail?: string
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

/** Azure Storage's XML error document: `<Error><Code>…</Code><Message>…RequestId…Time…</Message>…</Error>`. */
export const azureErrorXml = (fields: AzureErrorFields): string => {
  const message = `${fields.message}\nRequestId:${fields.requestId}\nTime:${fields.date.toISOString()}`
  const detail =
    fields.authenticationDetail === undefined
      ? ""
      : `<AuthenticationErrorDetail>${escapeXml(fields.authenticationDetail)}</AuthenticationErrorDetail>`
  return `\uFEFF<?xml version="1.0" encoding="utf-8"?><Error><Code>${fields.code}</Code><Message>${escapeXml(message)}</Message>${detail}</Error>`
}

/** An Azure Storage error response with its headers (`x-ms-error-code`, `x-ms-request-id`, `x-ms-version`). */
export const azureErrorResponse = (
  fields: AzureErrorFields,
  headers: Readonly<Record<string, string>> = {}
): Response =>
  new Response(azureErrorXml(fields), {
    status: fields.status,
    headers: {
      "content-type": "application/xml",
      "x-ms-error-code": fields.code,
      "x-ms-request-id": fields.requestId,
      "x-ms-version": "2019-02-02",
      ...headers
    }
  })

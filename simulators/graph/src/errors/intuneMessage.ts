/** What an Intune-style nested error message says. */
export interface IntuneMessageFields {
  readonly message: string
  readonly activityId: string
  /** Intune's specific phrase (`CancelOnTimeout4EndExecuteAction`); empty when there is none. */
  readonly phrase?: string
  /** The backend service named in the URL and `ErrorSourceService`. */
  readonly service?: string
  readonly path?: string
}

/**
 * Intune's `message`: a JSON document serialised into the string, with `\r\n` line breaks and
 * `_version: 3`, as in the captured 500/503 bodies (examples/graph/error-intune-*.json).
 */
export const intuneNestedMessage = (fields: IntuneMessageFields): string => {
  const service = fields.service ?? "StatelessAppMetadataFEService"
  const phrase = fields.phrase ?? ""
  const url = `https://fef.msua06.manage.microsoft.com/${service}${fields.path ?? "/deviceAppManagement"}?api-version=5024-05-01`
  const text =
    `${fields.message} - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - ` +
    `Activity ID: ${fields.activityId} - Url: ${url}` +
    (phrase === "" ? "" : ` - CustomApiErrorPhrase: ${phrase}`)
  const document = {
    _version: 3,
    Message: text,
    CustomApiErrorPhrase: phrase,
    RetryAfter: null,
    ErrorSourceService: fields.service ?? "",
    HttpHeaders: "{}"
  }
  return JSON.stringify(document, null, 2).replace(/\n/g, "\r\n")
}

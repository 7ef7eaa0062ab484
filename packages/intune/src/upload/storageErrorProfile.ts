import type { ErrorProfile, FailedResponse, VendorDetail } from "@planes/core"

const element = (xml: string, name: string) =>
  xml.match(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`))?.[1]?.trim()

/** Reads Azure Storage's XML error (`<Error><Code>AuthenticationFailed</Code><Message>…`), first line only. */
export const storageErrorDetail = (response: FailedResponse): VendorDetail => {
  const code = element(response.body, "Code")
  const message = element(response.body, "Message")?.split(/\r?\n/)[0]
  return { ...(code !== undefined && { code }), ...(message !== undefined && { message }) }
}

/**
 * Azure Storage behind an upload URL. Its 403 `AuthenticationFailed` usually means the SAS expired: the
 * uploader renews the URL and tries once more rather than treating it as a refused principal.
 */
export const storageErrorProfile: ErrorProfile = { plane: "intune", detail: storageErrorDetail }

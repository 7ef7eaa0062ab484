import { reasonPhrase } from "@planes/sim-kit"

// The descriptions the Classic API's status page (a Restlet template) shows when no message is given.
const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: "The request could not be understood by the server due to malformed syntax",
  401: "The request requires user authentication",
  403: "The server understood the request, but is refusing to fulfill it",
  404: "The server has not found anything matching the request URI",
  405: "The method specified in the request is not allowed for the resource identified by the request URI",
  409: "The request could not be completed due to a conflict with the current state of the resource",
  413: "The server is refusing to process a request because the request entity is larger than the server is willing or able to process",
  500: "The server encountered an unexpected condition which prevented it from fulfilling the request",
  503: "The server is currently unable to handle the request due to a temporary overloading or maintenance of the server"
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

// RFC 2616 section of a status, as the template links it (409 -> sec10.4.10).
const rfcSection = (status: number): string =>
  status >= 500 ? `sec10.5.${status - 499}` : `sec10.4.${Math.max(1, status - 399)}`

/**
 * The Classic API's HTML "Status page": the reason phrase, then `Error: <message>` when there is a
 * message (409 `Error: Duplicate name`) or the status's stock description when there is none.
 */
export const statusPage = (status: number, message?: string): string => {
  const line =
    message === undefined || message === "" || message === reasonPhrase(status)
      ? (DESCRIPTIONS[status] ?? reasonPhrase(status))
      : `Error: ${message}`
  return `<html>
<head>
   <title>Status page</title>
</head>
<body style="font-family: sans-serif;">
<p style="font-size: 1.2em;font-weight: bold;margin: 1em 0px;">${escapeHtml(reasonPhrase(status))}</p>
<p>${escapeHtml(line)}</p>
<p>You can get technical details <a href="http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#${rfcSection(status)}">here</a>.<br>
Please continue your visit at our <a href="/">home page</a>.
</p>
</body>
</html>
`
}

/** A Classic API HTML error response. */
export const statusPageResponse = (
  status: number,
  message?: string,
  headers: Readonly<Record<string, string>> = {}
): Response =>
  new Response(statusPage(status, message), {
    status,
    headers: { "content-type": "text/html;charset=UTF-8", ...headers }
  })

import { defaultErrorCode, type ErrorContext, type ErrorFormatter } from "@planes/sim-kit"
import { azureErrorResponse } from "./azureError.js"
import { entraErrorResponse } from "./entraError.js"
import { graphErrorResponse } from "./graphErrorBody.js"
import { intuneNestedMessage } from "./intuneMessage.js"

/** Path prefix of the simulated Azure blob endpoint that upload URLs point at. */
export const STORAGE_PREFIX = "/_storage"

/** Whether a path is an Entra token endpoint (`/{tenant}/oauth2/v2.0/token`). */
export const isTokenPath = (path: string): boolean => /^\/[^/]+\/oauth2\/v2\.0\/token\/?$/.test(path)

/** Whether a path belongs to the simulated blob endpoint. */
export const isStoragePath = (path: string): boolean => path.startsWith(`${STORAGE_PREFIX}/`)

// The codes Intune puts on its 5xx answers; an injected fault that names its own code keeps it.
const intuneServerCodes: Readonly<Record<number, string>> = {
  500: "Unknown",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
  507: "InsufficientStorage"
}

const azureCodes: Readonly<Record<number, string>> = {
  404: "ResourceNotFound",
  429: "ServerBusy",
  500: "InternalError",
  503: "ServerBusy"
}

const storageError = (ctx: ErrorContext): Response =>
  azureErrorResponse({
    status: ctx.status,
    code: ctx.code === defaultErrorCode(ctx.status) ? (azureCodes[ctx.status] ?? ctx.code) : ctx.code,
    message: ctx.source === "not-found" ? "The specified resource does not exist." : ctx.message,
    requestId: ctx.requestId,
    date: ctx.date
  })

const tokenError = (ctx: ErrorContext): Response =>
  entraErrorResponse({
    status: ctx.status,
    error: ctx.status >= 500 || ctx.status === 429 ? "temporarily_unavailable" : "invalid_request",
    aadsts: ctx.status >= 500 || ctx.status === 429 ? 90033 : 900561,
    description:
      ctx.status >= 500 || ctx.status === 429
        ? "A transient error has occurred. Please try again."
        : ctx.message,
    traceId: ctx.requestId,
    correlationId: ctx.correlationId ?? ctx.requestId,
    timestamp: ctx.date
  })

const graphFields = (ctx: ErrorContext, code: string, message: string, inner?: Record<string, string>) => ({
  code,
  message,
  requestId: ctx.requestId,
  clientRequestId: ctx.correlationId,
  date: ctx.date,
  ...(inner === undefined ? {} : { inner })
})

const throttled = (ctx: ErrorContext): Response =>
  graphErrorResponse(
    429,
    graphFields(ctx, "TooManyRequests", "Please retry again later.", {
      code: "429",
      message: "Please retry after",
      status: "429"
    })
  )

const unmatched = (ctx: ErrorContext): Response => {
  const segments = ctx.c.req.path.split("/").filter((s) => s !== "")
  const [version] = segments
  if (version !== "v1.0" && version !== "beta") {
    return graphErrorResponse(400, graphFields(ctx, "BadRequest", `Invalid version: ${version ?? ""}`))
  }
  const segment = segments[segments.length - 1] ?? version
  return graphErrorResponse(
    400,
    graphFields(ctx, "BadRequest", `Resource not found for the segment '${segment}'.`)
  )
}

const serverError = (ctx: ErrorContext): Response => {
  const code =
    ctx.code === defaultErrorCode(ctx.status) ? (intuneServerCodes[ctx.status] ?? ctx.code) : ctx.code
  const message = intuneNestedMessage({
    message: ctx.source === "exception" ? "An internal server error has occurred" : ctx.message,
    activityId: ctx.requestId,
    path: ctx.c.req.path.replace(/^\/(v1\.0|beta)/, "")
  })
  return graphErrorResponse(ctx.status, graphFields(ctx, code, message))
}

/**
 * The kit's error formatter for this simulator: Azure XML on the blob endpoint, Entra's OAuth shape on
 * the token endpoint, and Graph's `{error:{code,message,innerError}}` everywhere else (throttling as in
 * Graph's throttling sample, 5xx with Intune's nested `_version: 3` message, unknown segments as 400).
 */
export const graphErrorFormatter: ErrorFormatter = (ctx) => {
  const path = ctx.c.req.path
  if (isStoragePath(path)) return storageError(ctx)
  if (isTokenPath(path)) return tokenError(ctx)
  if (ctx.source === "not-found") return unmatched(ctx)
  if (ctx.status === 429) return throttled(ctx)
  if (ctx.status >= 500) return serverError(ctx)
  return graphErrorResponse(ctx.status, graphFields(ctx, ctx.code, ctx.message))
}

import type { SimContext } from "@planes/sim-kit"
import { graphErrorResponse } from "./graphErrorBody.js"
import { intuneNestedMessage } from "./intuneMessage.js"

/** A Graph error answered from a handler, with the request's ids and the simulated date. */
export const graphError = (
  c: SimContext,
  status: number,
  code: string,
  message: string,
  headers: Readonly<Record<string, string>> = {}
): Response =>
  graphErrorResponse(
    status,
    {
      code,
      message,
      requestId: c.var.requestId,
      clientRequestId: c.var.correlationId,
      date: c.var.kit.clock.date()
    },
    headers
  )

/** Graph's plain 400 `BadRequest` naming what is wrong (OData validation answers look like this). */
export const badRequest = (c: SimContext, message: string): Response =>
  graphError(c, 400, "BadRequest", message)

/** A 400 with Intune's nested `_version: 3` message, as Intune's own validation answers. */
export const intuneBadRequest = (c: SimContext, message: string, phrase = ""): Response =>
  graphError(
    c,
    400,
    "BadRequest",
    intuneNestedMessage({
      message,
      phrase,
      activityId: c.var.requestId,
      path: c.req.path.replace(/^\/(v1\.0|beta)/, "")
    })
  )

/** Intune's 404 for an entity id that does not exist. */
export const resourceNotFound = (c: SimContext, what: string, id: string): Response =>
  graphError(
    c,
    404,
    "ResourceNotFound",
    intuneNestedMessage({
      message: `Resource not found: ${what} with id '${id}' does not exist`,
      activityId: c.var.requestId,
      path: c.req.path.replace(/^\/(v1\.0|beta)/, "")
    })
  )

/** Graph's answer to a path segment it cannot resolve (also used for version-only features). */
export const segmentNotFound = (c: SimContext, segment: string): Response =>
  badRequest(c, `Resource not found for the segment '${segment}'.`)

/** OData's answer to a property the type does not declare. */
export const unknownProperty = (c: SimContext, property: string, type: string): Response =>
  badRequest(
    c,
    `The property '${property}' does not exist on type '${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`
  )

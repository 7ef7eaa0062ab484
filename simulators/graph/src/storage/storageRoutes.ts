import type { SimContext, SimEnv } from "@planes/sim-kit"
import { Hono } from "hono"
import type { GraphContext } from "../context.js"
import { azureErrorResponse } from "../errors/azureError.js"
import { pathParam } from "../params.js"
import type { BlobRecord } from "./blobState.js"
import { isValidBlockId, parseBlockList } from "./blockList.js"
import { checkSas, SAS_VERSION } from "./sas.js"

const azure = (c: SimContext, status: number, code: string, message: string, authenticationDetail?: string) =>
  azureErrorResponse({
    status,
    code,
    message,
    requestId: c.var.requestId,
    date: c.var.kit.clock.date(),
    ...(authenticationDetail === undefined ? {} : { authenticationDetail })
  })

const created = (c: SimContext, extra: Record<string, string> = {}): Response =>
  new Response(null, {
    status: 201,
    headers: {
      "x-ms-request-id": c.var.requestId,
      "x-ms-version": SAS_VERSION,
      "x-ms-request-server-encrypted": "true",
      date: c.var.kit.clock.date().toUTCString(),
      ...extra
    }
  })

const emptyBlob = (): BlobRecord => ({ blocks: {}, committed: null, committedBlocks: [] })

const invalidQuery = (c: SimContext) =>
  azure(
    c,
    400,
    "InvalidQueryParameterValue",
    "Value for one of the query parameters specified in the request URI is invalid."
  )

/**
 * The simulated Azure blob endpoint upload URLs point at: Put Block (`comp=block&blockid=`), Put Block List
 * (`comp=blocklist`), Put Blob (`x-ms-blob-type: BlockBlob`) and Get Blob, each behind a SAS check that
 * answers Azure's 403 `AuthenticationFailed` XML for a tampered or expired URL.
 */
export const storageRoutes = (ctx: GraphContext): Hono<SimEnv> => {
  const routes = new Hono<SimEnv>()

  const authorize = (c: SimContext): Response | undefined => {
    const check = checkSas(
      ctx.storageSecret,
      pathParam(c, "container"),
      pathParam(c, "blob"),
      new URL(c.req.url).searchParams,
      ctx.kit.clock.now()
    )
    return check.ok
      ? undefined
      : azure(
          c,
          403,
          "AuthenticationFailed",
          "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.",
          check.detail
        )
  }

  const findBlob = (c: SimContext): BlobRecord | undefined =>
    ctx.stores.blobs.get(c.var.tenant)[pathParam(c, "blob")]

  const ensureBlob = (c: SimContext): BlobRecord => {
    const existing = findBlob(c)
    if (existing !== undefined) return existing
    const fresh = emptyBlob()
    ctx.stores.blobs.get(c.var.tenant)[pathParam(c, "blob")] = fresh
    return fresh
  }

  routes.put("/:container/:blob", async (c) => {
    const denied = authorize(c)
    if (denied !== undefined) return denied
    const comp = c.req.query("comp")
    if (comp === "block") {
      const blockId = c.req.query("blockid")
      if (blockId === undefined || !isValidBlockId(blockId)) return invalidQuery(c)
      const blob = ensureBlob(c)
      const other = Object.keys(blob.blocks)[0]
      if (other !== undefined && other.length !== blockId.length) {
        return azure(c, 400, "InvalidBlobOrBlock", "The specified blob or block content is invalid.")
      }
      blob.blocks[blockId] = new Uint8Array(await c.req.arrayBuffer())
      return created(c)
    }
    if (comp === "blocklist") {
      const entries = parseBlockList(await c.req.text())
      if (entries === undefined)
        return azure(c, 400, "InvalidXmlDocument", "XML specified is not syntactically valid.")
      const blob = ensureBlob(c)
      const parts: Uint8Array[] = []
      for (const entry of entries) {
        const bytes = blob.blocks[entry.id]
        if (bytes === undefined)
          return azure(c, 400, "InvalidBlockList", "The specified block list is invalid.")
        parts.push(bytes)
      }
      blob.committed = new Uint8Array(Buffer.concat(parts))
      blob.committedBlocks = entries.map((e) => e.id)
      // Uncommitted blocks not named in the list are discarded, as Azure does on commit.
      const kept: Record<string, Uint8Array> = {}
      entries.forEach((e, i) => {
        const bytes = parts[i]
        if (bytes !== undefined) kept[e.id] = bytes
      })
      blob.blocks = kept
      return created(c, {
        etag: `"0x${ctx.kit.newId().replace(/-/g, "").slice(0, 15).toUpperCase()}"`,
        "last-modified": ctx.kit.clock.date().toUTCString()
      })
    }
    if (comp !== undefined) return invalidQuery(c)
    if (c.req.header("x-ms-blob-type") !== "BlockBlob") {
      return azure(
        c,
        400,
        "MissingRequiredHeader",
        "An HTTP header that's mandatory for this request is not specified."
      )
    }
    const blob = ensureBlob(c)
    blob.committed = new Uint8Array(await c.req.arrayBuffer())
    blob.blocks = {}
    blob.committedBlocks = []
    return created(c)
  })

  routes.get("/:container/:blob", (c) => {
    const denied = authorize(c)
    if (denied !== undefined) return denied
    const committed = findBlob(c)?.committed ?? null
    if (committed === null) return azure(c, 404, "BlobNotFound", "The specified blob does not exist.")
    return new Response(Buffer.from(committed), {
      status: 200,
      headers: {
        "content-type": "application/octet-stream",
        "x-ms-blob-type": "BlockBlob",
        "x-ms-request-id": c.var.requestId
      }
    })
  })

  return routes
}

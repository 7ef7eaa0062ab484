import type { SimContext, SimEnv } from "@planes/sim-kit"
import { Hono } from "hono"
import { findApp, odataContext } from "../apps/appLookup.js"
import type { AppRecord, ContentVersion, FileRecord } from "../apps/appState.js"
import { settleFile } from "../apps/settle.js"
import { requireRoles } from "../auth/bearer.js"
import { appReadRoles, appWriteRoles } from "../auth/roles.js"
import { type GraphContext, originOf } from "../context.js"
import { decodeBody } from "../errors/decodeBody.js"
import { intuneBadRequest, resourceNotFound } from "../errors/respond.js"
import { pathParam } from "../params.js"
import { currentSettings } from "../state.js"
import { containerOf } from "../storage/sas.js"
import type { ApiVersion } from "../version.js"
import { renderContentVersion, renderFile, type UrlSigner } from "./contentRender.js"
import { CommitBody, ContentFileCreate, ContentVersionCreate, RenewBody } from "./contentSchemas.js"
import { commitFile, renewUpload } from "./fileActions.js"

type Found<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly response: Response }

/**
 * Content versions and files of an app, mounted under each documented path form
 * (`…/mobileApps/{id}/microsoft.graph.win32LobApp`, `…/microsoft.graph.mobileLobApp`, and without a cast).
 */
export const contentRoutes = (ctx: GraphContext, version: ApiVersion): Hono<SimEnv> => {
  const routes = new Hono<SimEnv>()

  const signer = (c: SimContext): UrlSigner => ({
    origin: originOf(ctx, c.req.url),
    secret: ctx.storageSecret,
    container: containerOf(c.var.tenant)
  })
  const context = (c: SimContext, fragment: string) =>
    odataContext(
      originOf(ctx, c.req.url),
      version,
      `deviceAppManagement/mobileApps('${c.req.param("appId")}')/${fragment}`
    )

  const app = (c: SimContext): Found<AppRecord> => {
    const found = findApp(ctx, c, pathParam(c, "appId"))
    return found.ok ? { ok: true, value: found.app } : found
  }
  const contentVersionOf = (c: SimContext): Found<{ app: AppRecord; cv: ContentVersion }> => {
    const a = app(c)
    if (!a.ok) return a
    const id = pathParam(c, "cv")
    const cv = a.value.contentVersions.find((v) => v.id === id)
    return cv === undefined
      ? { ok: false, response: resourceNotFound(c, "mobileAppContent", id) }
      : { ok: true, value: { app: a.value, cv } }
  }
  const file = (c: SimContext): Found<FileRecord> => {
    const v = contentVersionOf(c)
    if (!v.ok) return v
    const id = pathParam(c, "fileId")
    const f = v.value.cv.files.find((x) => x.id === id)
    return f === undefined
      ? { ok: false, response: resourceNotFound(c, "mobileAppContentFile", id) }
      : { ok: true, value: f }
  }

  routes.post("/contentVersions", requireRoles(ctx, appWriteRoles), async (c) => {
    const a = app(c)
    if (!a.ok) return a.response
    const body = await decodeBody(c, ContentVersionCreate, "microsoft.graph.mobileAppContent")
    if (!body.ok) return body.response
    const cv: ContentVersion = {
      id: String(a.value.nextContentVersion),
      createdAtMs: ctx.kit.clock.now(),
      files: []
    }
    a.value.nextContentVersion += 1
    a.value.contentVersions.push(cv)
    return c.json(
      { "@odata.context": context(c, "contentVersions/$entity"), ...renderContentVersion(cv.id) },
      201
    )
  })

  routes.get("/contentVersions", requireRoles(ctx, appReadRoles), (c) => {
    const a = app(c)
    if (!a.ok) return a.response
    return c.json({
      "@odata.context": context(c, "contentVersions"),
      value: a.value.contentVersions.map((v) => renderContentVersion(v.id))
    })
  })

  routes.get("/contentVersions/:cv", requireRoles(ctx, appReadRoles), (c) => {
    const v = contentVersionOf(c)
    if (!v.ok) return v.response
    return c.json({
      "@odata.context": context(c, "contentVersions/$entity"),
      ...renderContentVersion(v.value.cv.id)
    })
  })

  routes.post("/contentVersions/:cv/files", requireRoles(ctx, appWriteRoles), async (c) => {
    const v = contentVersionOf(c)
    if (!v.ok) return v.response
    const body = await decodeBody(c, ContentFileCreate, "microsoft.graph.mobileAppContentFile")
    if (!body.ok) return body.response
    const now = ctx.kit.clock.now()
    const settings = currentSettings(ctx.stores)
    const id = ctx.kit.newId()
    const f: FileRecord = {
      id,
      name: body.value.name,
      size: body.value.size,
      sizeEncrypted: body.value.sizeEncrypted,
      manifest: body.value.manifest ?? null,
      isDependency: body.value.isDependency ?? false,
      createdAtMs: now,
      uploadState: "azureStorageUriRequestPending",
      transition: { atMs: now + settings.sasDelayMs, to: "azureStorageUriRequestSuccess" },
      blob: `${id}.intunewin.bin`,
      sasExpiresAtMs: null,
      isCommitted: false,
      commitFailure: null
    }
    settleFile(f, now, settings)
    v.value.cv.files.push(f)
    return c.json(
      {
        "@odata.context": context(c, `contentVersions('${v.value.cv.id}')/files/$entity`),
        ...renderFile(f, signer(c))
      },
      201
    )
  })

  routes.get("/contentVersions/:cv/files", requireRoles(ctx, appReadRoles), (c) => {
    const v = contentVersionOf(c)
    if (!v.ok) return v.response
    return c.json({
      "@odata.context": context(c, `contentVersions('${v.value.cv.id}')/files`),
      value: v.value.cv.files.map((f) => renderFile(f, signer(c)))
    })
  })

  routes.get("/contentVersions/:cv/files/:fileId", requireRoles(ctx, appReadRoles), (c) => {
    const f = file(c)
    if (!f.ok) return f.response
    return c.json({
      "@odata.context": context(c, `contentVersions('${c.req.param("cv")}')/files/$entity`),
      ...renderFile(f.value, signer(c))
    })
  })

  routes.post("/contentVersions/:cv/files/:fileId/commit", requireRoles(ctx, appWriteRoles), async (c) => {
    const f = file(c)
    if (!f.ok) return f.response
    const body = await decodeBody(c, CommitBody, "microsoft.graph.mobileAppContentFile.commit")
    if (!body.ok) return body.response
    const blob = ctx.stores.blobs.get(c.var.tenant)[f.value.blob]?.committed ?? null
    const problem = commitFile(
      f.value,
      blob,
      body.value.fileEncryptionInfo,
      ctx.kit.clock.now(),
      currentSettings(ctx.stores)
    )
    return problem === undefined ? c.body(null, 204) : intuneBadRequest(c, problem, "InvalidUploadState")
  })

  routes.post(
    "/contentVersions/:cv/files/:fileId/renewUpload",
    requireRoles(ctx, appWriteRoles),
    async (c) => {
      const f = file(c)
      if (!f.ok) return f.response
      const body = await decodeBody(c, RenewBody, "microsoft.graph.mobileAppContentFile.renewUpload")
      if (!body.ok) return body.response
      const problem = renewUpload(f.value, ctx.kit.clock.now(), currentSettings(ctx.stores))
      return problem === undefined ? c.body(null, 204) : intuneBadRequest(c, problem, "InvalidUploadState")
    }
  )

  return routes
}

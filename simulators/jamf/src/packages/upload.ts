import { createHash } from "node:crypto"
import { DEFAULT_TENANT } from "@planes/sim-kit"
import { Hono } from "hono"
import { requirePrivilege } from "../auth/authenticate.js"
import { PRIVILEGES } from "../auth/privileges.js"
import { type JamfContext, type JamfEnv, originOf } from "../context.js"
import { apiError } from "../errors/api-error.js"
import { addHistory, findVisiblePackage, packageNotFound } from "./routes.js"

/** The SHA3-512 of a file, lowercase hex, as Jamf reports it in `hashValue`. */
export const sha3512 = (bytes: Uint8Array): string => createHash("sha3-512").update(bytes).digest("hex")

/**
 * `POST /api/v1/packages/{id}/upload`: one multipart part named `file`. The bytes go to the simulated
 * cloud distribution point at once; `hashType`/`hashValue` (SHA3_512) appear only after the configured
 * hash delay on the simulated clock, so a client must poll as it must against Jamf Cloud.
 */
export const uploadRoutes = (ctx: JamfContext): Hono<JamfEnv> => {
  const app = new Hono<JamfEnv>()

  app.post("/:id/upload", requirePrivilege(PRIVILEGES.updatePackages), async (c) => {
    const id = c.req.param("id")
    const packages = ctx.stores.packages.get(DEFAULT_TENANT)
    const pkg = findVisiblePackage(ctx, c, packages, id)
    if (pkg === undefined) return packageNotFound(c, id)
    if (!/^multipart\/form-data/i.test(c.req.header("content-type") ?? "")) {
      return apiError(
        c,
        400,
        "INVALID_FIELD",
        "Expected a multipart/form-data body with a part named file",
        "file"
      )
    }
    const form = await c.req.parseBody({ all: true }).catch(() => undefined)
    if (form === undefined) {
      return apiError(c, 400, "INVALID_FIELD", "The multipart body could not be read", "file")
    }
    const part = form.file
    if (!(part instanceof File)) {
      return apiError(c, 400, "INVALID_FIELD", "Exactly one file part named file is required", "file")
    }
    const settings = ctx.settings(c.var.tenant)
    if (part.size > settings.maxUploadBytes) {
      return apiError(
        c,
        413,
        "PAYLOAD_TOO_LARGE",
        `The file exceeds ${settings.maxUploadBytes} bytes`,
        "file"
      )
    }
    const bytes = new Uint8Array(await part.arrayBuffer())
    const now = ctx.kit.clock.now()
    pkg.upload = {
      fileName: part.name === "" ? pkg.fileName : part.name,
      size: bytes.byteLength,
      sha3512: sha3512(bytes),
      uploadedAtMs: now,
      hashReadyAtMs: now + settings.hashDelayMs
    }
    ctx.stores.files.update(DEFAULT_TENANT, (files) => ({
      ...files,
      [String(pkg.id)]: Buffer.from(bytes).toString("base64")
    }))
    addHistory(packages, c, pkg.id, `File ${pkg.upload.fileName} uploaded`, now)
    return c.json({ id: String(pkg.id), href: `${originOf(ctx, c)}/api/v1/packages/${pkg.id}` }, 201)
  })

  return app
}

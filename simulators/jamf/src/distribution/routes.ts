import { DEFAULT_TENANT } from "@planes/sim-kit"
import { Hono } from "hono"
import { requirePrivilege } from "../auth/authenticate.js"
import { PRIVILEGES } from "../auth/privileges.js"
import { list } from "../classic/doc.js"
import { classicResponse } from "../classic/respond.js"
import type { JamfContext, JamfEnv } from "../context.js"
import { apiError } from "../errors/api-error.js"
import { applyListQuery, isQueryProblem, parseListQuery } from "../query/list-query.js"

/**
 * Distribution points of a Jamf Cloud instance: the cloud distribution point (JCDS 2), which serves
 * every uploaded package once hashed, and no file-share distribution points.
 */
export const distributionRoutes = (ctx: JamfContext): Hono<JamfEnv> => {
  const app = new Hono<JamfEnv>()

  app.get("/api/v1/cloud-distribution-point", requirePrivilege(PRIVILEGES.readCloudDistributionPoint), (c) =>
    c.json({ cdnType: "JAMF_CLOUD", master: true, hasConnectionSucceeded: true, message: "" })
  )

  app.get("/api/v1/jcds/files", requirePrivilege(PRIVILEGES.readCloudDistributionPoint), (c) => {
    const now = ctx.kit.clock.now()
    const files = ctx.stores.packages.get(DEFAULT_TENANT).packages.flatMap((p) =>
      p.upload !== null && now >= p.upload.hashReadyAtMs
        ? [
            {
              fileName: p.upload.fileName,
              length: p.upload.size,
              md5: null,
              region: "us-east-1",
              sha3: p.upload.sha3512
            }
          ]
        : []
    )
    return c.json(files)
  })

  app.get("/api/v1/distribution-points", requirePrivilege(PRIVILEGES.readDistributionPoints), (c) => {
    const query = parseListQuery(c.req.queries(), {
      fields: new Set(["id", "name"]),
      defaultSort: "id:asc",
      filterable: true
    })
    if (isQueryProblem(query)) return apiError(c, 400, query.code, query.description, query.field)
    return c.json(applyListQuery([], query))
  })

  app.get("/JSSResource/distributionpoints", requirePrivilege(PRIVILEGES.readDistributionPoints), (c) =>
    classicResponse(c, "distribution_points", list("distribution_point", []))
  )

  return app
}

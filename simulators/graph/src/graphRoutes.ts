import type { SimEnv } from "@planes/sim-kit"
import { Hono } from "hono"
import { appRoutes } from "./apps/appRoutes.js"
import { assignmentRoutes } from "./assignments/assignmentRoutes.js"
import { relationshipRoutes } from "./assignments/relationshipRoutes.js"
import { contentRoutes } from "./content/contentRoutes.js"
import type { GraphContext } from "./context.js"
import { deviceRoutes } from "./devices/deviceRoutes.js"
import { reportRoutes } from "./reports/reportRoutes.js"
import type { ApiVersion } from "./version.js"

/** Every Graph route of one version (mounted at `/v1.0` and `/beta`); beta-only routes only on beta. */
export const graphRoutes = (ctx: GraphContext, version: ApiVersion): Hono<SimEnv> => {
  const routes = new Hono<SimEnv>()
  const apps = new Hono<SimEnv>()
  apps.route("/", appRoutes(ctx, version))
  apps.route("/", assignmentRoutes(ctx, version))
  if (version === "beta") apps.route("/", relationshipRoutes(ctx))
  const content = contentRoutes(ctx, version)
  for (const cast of ["", "/microsoft.graph.win32LobApp", "/microsoft.graph.mobileLobApp"]) {
    apps.route(`/mobileApps/:appId${cast}`, content)
  }
  routes.route("/deviceAppManagement", apps)
  const management = new Hono<SimEnv>()
  management.route("/", deviceRoutes(ctx, version))
  management.route("/", reportRoutes(ctx, version))
  routes.route("/deviceManagement", management)
  return routes
}

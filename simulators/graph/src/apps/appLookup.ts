import type { SimContext } from "@planes/sim-kit"
import type { GraphContext } from "../context.js"
import { resourceNotFound } from "../errors/respond.js"
import { currentSettings } from "../state.js"
import type { AppRecord, AppsState } from "./appState.js"
import { settleApps } from "./settle.js"

/** The tenant's apps, brought up to the simulated now. */
export const tenantApps = (ctx: GraphContext, c: SimContext): AppsState => {
  const state = ctx.stores.apps.get(c.var.tenant)
  settleApps(state, ctx.kit.clock.now(), currentSettings(ctx.stores))
  return state
}

/** An app of the request's tenant by id, or Intune's 404. */
export const findApp = (
  ctx: GraphContext,
  c: SimContext,
  appId: string
): { readonly ok: true; readonly app: AppRecord } | { readonly ok: false; readonly response: Response } => {
  const app = tenantApps(ctx, c).apps[appId]
  return app === undefined
    ? { ok: false, response: resourceNotFound(c, "mobileApp", appId) }
    : { ok: true, app }
}

/** The OData context URL of a path on a version (`…/v1.0/$metadata#deviceAppManagement/mobileApps`). */
export const odataContext = (origin: string, version: string, fragment: string): string =>
  `${origin}/${version}/$metadata#${fragment}`

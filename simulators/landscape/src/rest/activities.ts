import type { SimEnv } from "@planes/sim-kit"
import { Schema } from "effect"
import { Hono } from "hono"
import { activityIndex } from "../activities/activity-index.js"
import { activityById } from "../activities/new-activity.js"
import { reapplyActivities } from "../activities/reapply.js"
import { renderRestActivity } from "../activities/render.js"
import type { AccountContext } from "../context.js"
import type { LandscapeDeps } from "../deps.js"
import { fail } from "../errors/failure.js"
import { guarded } from "../errors/formatter.js"
import { queryActivities } from "../legacy/actions/activities.js"
import type { Activity } from "../state/schemas.js"
import { decodeInput } from "../util/decode.js"
import { restPage } from "./paging.js"
import { pathId, RestPaging, readJson, restCaller } from "./request.js"

const childrenOf = (ctx: AccountContext, a: Activity): readonly Activity[] =>
  a.type === "ActivityGroup"
    ? (activityIndex(ctx.stores.activities.get(ctx.account).items).byParent.get(a.id) ?? [])
    : []

const Reapply = Schema.Struct({
  activity_ids: Schema.NonEmptyArray(Schema.Number.pipe(Schema.int(), Schema.positive()))
})

/** `GET /activities` (query, limit, offset), `GET /activities/{id}`, `POST /activities/reapply`. */
export const activityRoutes = (deps: LandscapeDeps): Hono<SimEnv> => {
  const app = new Hono<SimEnv>()
  app.get(
    "/activities",
    guarded((c) => {
      const ctx = restCaller(deps, c, false)
      const q = decodeInput(
        Schema.Struct({ ...RestPaging.fields, query: Schema.optional(Schema.String) }),
        c.req.query()
      )
      return c.json(
        restPage(c, queryActivities(ctx, q.query), q, (a) => renderRestActivity(ctx, a, childrenOf(ctx, a)))
      )
    })
  )
  app.post(
    "/activities/reapply",
    guarded(async (c) => {
      const ctx = restCaller(deps, c, true)
      const body = await readJson(c, Reapply)
      return c.json(reapplyActivities(ctx, body.activity_ids))
    })
  )
  app.get(
    "/activities/:id",
    guarded((c) => {
      const ctx = restCaller(deps, c, false)
      const id = pathId(c, "id", "Activity")
      const a = activityById(ctx, id) ?? fail("UnknownActivity", `Unknown activity: ${id}`, 404)
      return c.json(renderRestActivity(ctx, a, childrenOf(ctx, a)))
    })
  )
  return app
}

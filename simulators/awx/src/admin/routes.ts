import { readAdminBody, type SimEnv } from "@planes/sim-kit"
import { Schema } from "effect"
import type { Hono } from "hono"
import type { Deps } from "../http/deps.js"
import { settingsOf } from "../http/deps.js"
import { eventsProcessed, statusAt } from "../jobs/lifecycle.js"
import type { TokenRecord } from "../state/records.js"
import { applySettingsPatch, SettingsPatch } from "../state/settings.js"
import { TENANT } from "../state/stores.js"

/** Body of `POST /_sim/awx/tokens/expire`: which tokens (by value, by user, or both; at least one). */
const ExpireTokens = Schema.Struct({
  token: Schema.optional(Schema.NonEmptyString),
  username: Schema.optional(Schema.NonEmptyString)
}).pipe(
  Schema.filter((b) => b.token !== undefined || b.username !== undefined, {
    message: () => "name a token or a username"
  })
)

/** Prefix of the AWX simulator's own admin routes. */
export const AWX_ADMIN = "/_sim/awx"

/**
 * AWX admin routes on the app: `GET/PUT /_sim/awx/settings` (lifecycle timings, failure rates, basic
 * auth, token lifetimes, playbooks), `POST /_sim/awx/tokens/expire` (end tokens' lifetime now) and
 * `GET /_sim/awx/jobs` (every job's status and timeline at the current simulated time, for tests that
 * want to know when to look).
 */
export const registerAdminRoutes = (app: Hono<SimEnv>, deps: Deps): void => {
  app.get(`${AWX_ADMIN}/settings`, (c) => c.json(settingsOf(deps)))
  app.put(`${AWX_ADMIN}/settings`, async (c) => {
    const body = await readAdminBody(c, SettingsPatch)
    if (!body.ok) return body.response
    const next = applySettingsPatch(settingsOf(deps), body.value)
    deps.stores.settings.set(TENANT, next)
    return c.json(next)
  })
  // Ends tokens' lifetime now, as if their `expires` had come: by value (a seeded or created token), or
  // every token of a user (one the client obtained itself). The vendor's own revocation is DELETE tokens/{id}/.
  app.post(`${AWX_ADMIN}/tokens/expire`, async (c) => {
    const body = await readAdminBody(c, ExpireTokens)
    if (!body.ok) return body.response
    const { token, username } = body.value
    const user = deps.stores.users.get(TENANT).find((u) => u.username === username)
    const matches = (t: TokenRecord) =>
      (token === undefined || t.token === token) && (username === undefined || t.user === user?.id)
    const now = deps.kit.clock.now()
    const expired = deps.stores.tokens.get(TENANT).filter(matches).length
    if (expired === 0) return c.json({ error: "not_found", message: "no token matches" }, 404)
    deps.stores.tokens.update(TENANT, (all) =>
      all.map((t) => (matches(t) ? { ...t, expires_ms: Math.min(t.expires_ms, now) } : t))
    )
    return c.json({ expired })
  })
  app.get(`${AWX_ADMIN}/jobs`, (c) => {
    const now = deps.kit.clock.now()
    return c.json({
      jobs: deps.stores.jobs.get(TENANT).map((job) => ({
        id: job.id,
        job_template: job.job_template,
        status: statusAt(job, now),
        event_processing_finished: eventsProcessed(job, now),
        timeline: {
          created: new Date(job.created_ms).toISOString(),
          pending: new Date(job.pending_ms).toISOString(),
          waiting: new Date(job.waiting_ms).toISOString(),
          running: new Date(job.running_ms).toISOString(),
          finished: new Date(job.canceled_ms ?? job.finished_ms).toISOString(),
          events: new Date(job.events_ms).toISOString()
        },
        hosts: job.hosts
      }))
    })
  })
}

import { readAdminBody, type SimEnv } from "@planes/sim-kit"
import type { Hono } from "hono"
import type { Deps } from "../http/deps.js"
import { settingsOf } from "../http/deps.js"
import { eventsProcessed, statusAt } from "../jobs/lifecycle.js"
import { applySettingsPatch, SettingsPatch } from "../state/settings.js"
import { TENANT } from "../state/stores.js"

/** Prefix of the AWX simulator's own admin routes. */
export const AWX_ADMIN = "/_sim/awx"

/**
 * AWX admin routes on the app: `GET/PUT /_sim/awx/settings` (lifecycle timings, failure rates, basic
 * auth, token lifetime, playbooks) and `GET /_sim/awx/jobs` (every job's status and timeline at the
 * current simulated time, for tests that want to know when to look).
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

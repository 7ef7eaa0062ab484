import { describe, expect, it } from "vitest"
import { publish, setup } from "./helpers.js"

// Every filterable field of every list view, as AWX names them.
const FIELDS: Record<string, readonly string[]> = {
  "/api/v2/tokens/": ["id", "user", "scope", "description", "application"],
  "/api/v2/organizations/": ["id", "name", "description"],
  "/api/v2/users/": ["id", "username", "email"],
  "/api/v2/inventories/": ["id", "name", "description", "organization", "organization__name"],
  "/api/v2/hosts/": ["id", "name", "description", "inventory", "inventory__name", "enabled"],
  "/api/v2/projects/": [
    "id",
    "name",
    "description",
    "organization",
    "organization__name",
    "scm_type",
    "scm_url",
    "status"
  ],
  "/api/v2/projects/1/project_updates/": ["id"],
  "/api/v2/job_templates/": [
    "id",
    "name",
    "description",
    "organization",
    "organization__name",
    "project",
    "project__name",
    "inventory",
    "playbook",
    "job_type",
    "created",
    "modified"
  ],
  "/api/v2/jobs/": [
    "id",
    "name",
    "description",
    "status",
    "failed",
    "job_template",
    "job_template__name",
    "unified_job_template",
    "inventory",
    "project",
    "playbook",
    "job_type",
    "launch_type",
    "limit",
    "created_by",
    "created_by__username",
    "created",
    "started",
    "finished",
    "event_processing_finished"
  ],
  "/api/v2/jobs/1/job_events/": [
    "id",
    "counter",
    "event",
    "failed",
    "changed",
    "host",
    "host_name",
    "task",
    "stdout",
    "play",
    "start_line",
    "end_line"
  ],
  "/api/v2/jobs/1/job_host_summaries/": [
    "id",
    "host",
    "host_name",
    "failed",
    "ok",
    "changed",
    "failures",
    "dark"
  ],
  "/api/v2/hosts/1/job_host_summaries/": ["id"]
}

describe("every list field filters and sorts", () => {
  it("answers 200 for field__isnull and order_by on each field", async () => {
    const ctx = setup()
    await publish(ctx)
    await ctx.call("POST", "/api/v2/tokens/", { body: { application: 1 } })
    await ctx.call("POST", "/api/v2/job_templates/1/launch/", { body: {} })
    ctx.advance(60_000)
    await ctx.call("POST", "/api/v2/job_templates/1/launch/", { body: {} })
    ctx.advance(2_500)
    for (const [path, fields] of Object.entries(FIELDS)) {
      for (const field of fields) {
        const filtered = await ctx.call("GET", `${path}?${field}__isnull=false`)
        expect(filtered.status, `${path} ${field}`).toBe(200)
        const sorted = await ctx.call("GET", `${path}?order_by=-${field},id`)
        expect(sorted.status, `${path} order ${field}`).toBe(200)
        expect(sorted.json.count).toBeGreaterThan(0)
      }
    }
  })
})

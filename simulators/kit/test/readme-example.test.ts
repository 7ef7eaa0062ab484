import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { createSimulator, type ErrorFormatter } from "../src/index.js"

// The README's example simulator, kept compiling and working here.
const awxError: ErrorFormatter = ({ status, message }) =>
  new Response(JSON.stringify({ detail: message }), {
    status,
    headers: { "content-type": "application/json" }
  })

const createAwxSimulator = (options: { seed?: number } = {}) => {
  const sim = createSimulator({ name: "awx", errorFormatter: awxError, ...options })
  const Jobs = Schema.Struct({ jobs: Schema.mutable(Schema.Array(Schema.Struct({ id: Schema.Number }))) })
  const jobs = sim.kit.stores.register("jobs", Jobs, () => ({ jobs: [] }))
  sim.app.post("/api/v2/job_templates/:id/launch/", (c) => {
    const state = jobs.get(c.var.tenant)
    const job = { id: state.jobs.length + 1 }
    state.jobs.push(job)
    return c.json({ job: job.id, id: job.id }, 201)
  })
  sim.app.get("/api/v2/jobs/:id/", (c) => {
    const job = jobs.get(c.var.tenant).jobs.find((j) => j.id === Number(c.req.param("id")))
    return job === undefined ? c.var.kit.error(c, { status: 404, message: "Not found." }) : c.json(job)
  })
  return sim
}

describe("README example", () => {
  it("runs", async () => {
    const { app } = createAwxSimulator({ seed: 1 })
    expect((await app.request("/api/v2/job_templates/7/launch/", { method: "POST" })).status).toBe(201)
    expect(await (await app.request("/api/v2/jobs/1/")).json()).toEqual({ id: 1 })
    expect(await (await app.request("/api/v2/jobs/2/")).json()).toEqual({ detail: "Not found." })
    expect(await (await app.request("/api/v2/nope/")).json()).toEqual({
      detail: "No route matches GET /api/v2/nope/"
    })
  })
})

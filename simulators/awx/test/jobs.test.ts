import { describe, expect, it } from "vitest"
import { type Json, publish, setup } from "./helpers.js"

const launch = async (
  ctx: ReturnType<typeof setup>,
  body: Record<string, unknown> = {},
  template: Record<string, unknown> = {}
) => {
  const { template: jt } = await publish(ctx, template)
  const res = await ctx.call("POST", `/api/v2/job_templates/${jt.id}/launch/`, { body })
  return res.json
}

describe("job lifecycle", () => {
  it("moves new → pending → waiting → running → successful over simulated time", async () => {
    const ctx = setup({
      settings: {
        lifecycle: { newMs: 500, pendingMs: 1000, waitingMs: 1000, runningMs: 4000, eventProcessingMs: 2000 }
      }
    })
    const job = await launch(ctx)
    const seen: string[] = [job.status]
    for (const step of [500, 1000, 1000, 4000]) {
      ctx.advance(step)
      const now = await ctx.call("GET", `/api/v2/jobs/${job.id}/`)
      seen.push(now.json.status)
    }
    expect(seen).toEqual(["new", "pending", "waiting", "running", "successful"])
    const done = await ctx.call("GET", `/api/v2/jobs/${job.id}/`)
    expect(done.json).toMatchObject({ failed: false, elapsed: 4, event_processing_finished: false })
    expect(done.json.started).toMatch(/^2026-01-05T09:00:12\.500000Z$/)
    expect(done.json.finished).toMatch(/^2026-01-05T09:00:16\.500000Z$/)
    ctx.advance(2000)
    expect((await ctx.call("GET", `/api/v2/jobs/${job.id}/`)).json.event_processing_finished).toBe(true)
  })

  it("draws per-host outcomes from the seed: same seed, same outcomes; unreachable hosts count as dark", async () => {
    const outcomes = async (seed: number) => {
      const ctx = setup({
        seed,
        fleetSize: 20,
        settings: { outcomes: { failureRate: 0.25, unreachableRate: 0.15 } }
      })
      const job = await launch(ctx)
      ctx.advance(60_000)
      const status = (await ctx.call("GET", `/api/v2/jobs/${job.id}/`)).json.status
      const sums = (await ctx.call("GET", `/api/v2/jobs/${job.id}/job_host_summaries/?page_size=200`)).json
        .results
      return {
        status,
        rows: sums.map((s: Json) => `${s.host_name}:${s.ok}/${s.changed}/${s.failures}/${s.dark}`)
      }
    }
    const a = await outcomes(42)
    const b = await outcomes(42)
    const c = await outcomes(43)
    expect(a).toEqual(b)
    expect(a.rows).not.toEqual(c.rows)
    expect(a.status).toBe("failed")
    expect(a.rows.some((r: string) => r.endsWith("/0/1"))).toBe(true)
    expect(a.rows.some((r: string) => r.endsWith("/1/0"))).toBe(true)
  })

  it("pins host behaviour from the seed and ends in error by errorRate", async () => {
    const ctx = setup()
    ctx.sim.seed({
      inventories: [
        { name: "Fleet", hosts: [{ name: "bad.example", behaviour: "failed", platform: "rhel-9" }] }
      ]
    })
    const job = await launch(ctx, { limit: "bad.example" })
    ctx.advance(60_000)
    const done = (await ctx.call("GET", `/api/v2/jobs/${job.id}/`)).json
    expect(done.status).toBe("failed")
    const failedOnly = await ctx.call("GET", `/api/v2/jobs/${job.id}/job_host_summaries/?failed=true`)
    expect(failedOnly.json.results[0]).toMatchObject({ host_name: "bad.example", failures: 1, failed: true })
    const err = setup({ settings: { outcomes: { errorRate: 1 } } })
    const errored = await launch(err)
    err.advance(60_000)
    const e = (await err.call("GET", `/api/v2/jobs/${errored.id}/`)).json
    expect(e).toMatchObject({ status: "error", failed: true, job_explanation: "Job terminated due to error" })
  })

  it("matches limits by group, host glob, intersection, exclusion and regex", async () => {
    const ctx = setup({ fleetSize: 20 })
    const hostsFor = async (limit: string) => {
      const job = await ctx.call("POST", "/api/v2/job_templates/1/launch/", { body: { limit } })
      ctx.advance(60_000)
      const rows = (await ctx.call("GET", `/api/v2/jobs/${job.json.id}/job_host_summaries/?page_size=200`))
        .json.results
      return rows.map((r: Json) => r.host_name as string)
    }
    await publish(ctx)
    const all = await hostsFor("")
    expect(all).toHaveLength(20)
    const ubuntu = await hostsFor("ubuntu")
    expect(ubuntu.every((n: string) => n.startsWith("ubuntu-"))).toBe(true)
    expect(await hostsFor("ubuntu-*")).toEqual(ubuntu)
    const ring1 = await hostsFor("ring1")
    const both = await hostsFor("ring1:&ubuntu")
    expect(both.every((n: string) => ring1.includes(n) && ubuntu.includes(n))).toBe(true)
    expect(await hostsFor("all,!ubuntu")).toHaveLength(20 - ubuntu.length)
    expect(await hostsFor("~^ubuntu")).toEqual(ubuntu)
    expect(await hostsFor("~(")).toEqual([])
    expect(await hostsFor("nothing-matches")).toEqual([])
  })
})

describe("events and host summaries", () => {
  it("are empty until event_processing_finished, then complete", async () => {
    const ctx = setup()
    const job = await launch(ctx)
    ctx.advance(7_000)
    expect((await ctx.call("GET", `/api/v2/jobs/${job.id}/`)).json).toMatchObject({
      status: "successful",
      event_processing_finished: false
    })
    expect((await ctx.call("GET", `/api/v2/jobs/${job.id}/job_events/`)).json.count).toBe(0)
    expect((await ctx.call("GET", `/api/v2/jobs/${job.id}/job_host_summaries/`)).json.count).toBe(0)
    expect((await ctx.call("GET", `/api/v2/jobs/${job.id}/stdout/?format=txt`)).text).toBe("")
    ctx.advance(2_000)
    const events = await ctx.call("GET", `/api/v2/jobs/${job.id}/job_events/?page_size=200`)
    const names = events.json.results.map((e: Json) => e.event)
    expect(names[0]).toBe("playbook_on_start")
    expect(names.at(-1)).toBe("playbook_on_stats")
    expect(events.json.results.map((e: Json) => e.counter)).toEqual(
      names.map((_: string, i: number) => i + 1)
    )
    const sums = await ctx.call("GET", `/api/v2/jobs/${job.id}/job_host_summaries/`)
    expect(sums.json.count).toBe(12)
    expect(Object.keys(sums.json.results[0])).toEqual(
      expect.arrayContaining([
        "host",
        "host_name",
        "constructed_host",
        "ok",
        "changed",
        "failures",
        "dark",
        "skipped",
        "ignored",
        "rescued",
        "processed",
        "failed"
      ])
    )
    const limited = await ctx.call("GET", `/api/v2/jobs/${job.id}/job_events/?limit=3`)
    expect(Object.keys(limited.json)).toEqual(["results"])
    expect(limited.json.results).toHaveLength(3)
    expect((await ctx.call("GET", `/api/v2/jobs/${job.id}/job_events/?limit=3&colour=x`)).status).toBe(400)
    const ok = await ctx.call(
      "GET",
      `/api/v2/jobs/${job.id}/job_events/?event=runner_on_ok&host_name=${sums.json.results[0].host_name}`
    )
    expect(ok.json.count).toBe(3)
    const stdout = await ctx.call("GET", `/api/v2/jobs/${job.id}/stdout/?format=txt`)
    expect(stdout.text).toContain("PLAY RECAP")
    const json = await ctx.call("GET", `/api/v2/jobs/${job.id}/stdout/?format=json`)
    expect(json.json.content).toContain("TASK [")
    const perHost = await ctx.call("GET", `/api/v2/hosts/${sums.json.results[0].host}/job_host_summaries/`)
    expect(perHost.json.count).toBe(1)
    expect((await ctx.call("GET", "/api/v2/hosts/999/job_host_summaries/")).status).toBe(404)
    for (const sub of ["", "job_events/", "job_host_summaries/", "stdout/", "cancel/", "relaunch/"]) {
      expect((await ctx.call("GET", `/api/v2/jobs/999/${sub}`)).status).toBe(404)
    }
  })

  it("show failed and unreachable hosts with their events", async () => {
    const ctx = setup()
    ctx.sim.seed({
      inventories: [
        {
          name: "Fleet",
          hosts: [
            { name: "down.example", behaviour: "unreachable" },
            { name: "fail.example", behaviour: "failed" }
          ]
        }
      ]
    })
    const job = await launch(ctx, { limit: "down.example,fail.example" })
    ctx.advance(60_000)
    const failed = await ctx.call("GET", `/api/v2/jobs/${job.id}/job_events/?failed=true`)
    expect(failed.json.results.map((e: Json) => e.event).sort()).toEqual([
      "runner_on_failed",
      "runner_on_unreachable"
    ])
    const dark = await ctx.call("GET", `/api/v2/jobs/${job.id}/job_host_summaries/?dark=1`)
    expect(dark.json.results[0].host_name).toBe("down.example")
  })
})

describe("relaunch and cancel", () => {
  it("relaunches on the failed hosts only (201, new job limited to them, same extra_vars)", async () => {
    const ctx = setup()
    ctx.sim.seed({
      inventories: [
        {
          name: "Fleet",
          hosts: [
            { name: "x1.example", behaviour: "failed" },
            { name: "x2.example", behaviour: "unreachable" }
          ]
        }
      ]
    })
    const job = await launch(ctx, { extra_vars: { pkg_name: "curl" } })
    const early = await ctx.call("POST", `/api/v2/jobs/${job.id}/relaunch/`, { body: { hosts: "failed" } })
    expect(early).toMatchObject({
      status: 400,
      json: { hosts: "Wait until job finishes before retrying on failed hosts." }
    })
    ctx.advance(7_000)
    const noStats = await ctx.call("POST", `/api/v2/jobs/${job.id}/relaunch/`, { body: { hosts: "failed" } })
    expect(noStats.json).toEqual({ hosts: "Cannot retry on failed hosts, playbook stats not available." })
    ctx.advance(2_000)
    expect((await ctx.call("GET", `/api/v2/jobs/${job.id}/relaunch/`)).json.retry_counts).toEqual({
      all: 14,
      failed: 2
    })
    const re = await ctx.call("POST", `/api/v2/jobs/${job.id}/relaunch/`, { body: { hosts: "failed" } })
    expect(re.status).toBe(201)
    expect(re.json).toMatchObject({
      job: re.json.id,
      launch_type: "relaunch",
      limit: "x1.example,x2.example",
      extra_vars: '{"pkg_name": "curl"}'
    })
    expect(re.json.related.source_job).toBe(`/api/v2/jobs/${job.id}/`)
    const all = await ctx.call("POST", `/api/v2/jobs/${job.id}/relaunch/`, { body: {} })
    expect(all.json.limit).toBe("")
    expect(
      (await ctx.call("POST", `/api/v2/jobs/${job.id}/relaunch/`, { body: { hosts: "some" } })).json
    ).toEqual({
      hosts: ['"some" is not a valid choice.']
    })
    expect((await ctx.call("POST", "/api/v2/jobs/999/relaunch/", { body: {} })).status).toBe(404)
  })

  it("refuses to relaunch failed hosts of a job without any", async () => {
    const ctx = setup()
    const job = await launch(ctx)
    ctx.advance(60_000)
    const res = await ctx.call("POST", `/api/v2/jobs/${job.id}/relaunch/`, { body: { hosts: "failed" } })
    expect(res.json).toEqual({ hosts: "Cannot relaunch because previous job had 0 failed hosts." })
    await ctx.call("DELETE", "/api/v2/job_templates/1/")
    const gone = await ctx.call("POST", `/api/v2/jobs/${job.id}/relaunch/`, { body: {} })
    expect(gone.status).toBe(400)
  })

  it("cancels an active job with 202 and answers 405 once it has finished", async () => {
    const ctx = setup()
    const job = await launch(ctx)
    expect((await ctx.call("GET", `/api/v2/jobs/${job.id}/cancel/`)).json).toEqual({ can_cancel: true })
    ctx.advance(1_500)
    const cancel = await ctx.call("POST", `/api/v2/jobs/${job.id}/cancel/`)
    expect(cancel.status).toBe(202)
    expect(cancel.text).toBe("")
    const canceled = (await ctx.call("GET", `/api/v2/jobs/${job.id}/`)).json
    expect(canceled).toMatchObject({ status: "canceled", failed: false, started: null })
    expect(canceled.canceled_on).not.toBeNull()
    const again = await ctx.call("POST", `/api/v2/jobs/${job.id}/cancel/`)
    expect(again).toMatchObject({ status: 405, json: { detail: 'Method "POST" not allowed.' } })
    expect((await ctx.call("GET", `/api/v2/jobs/${job.id}/cancel/`)).json).toEqual({ can_cancel: false })
    ctx.advance(60_000)
    const retry = await ctx.call("POST", `/api/v2/jobs/${job.id}/relaunch/`, { body: { hosts: "failed" } })
    expect(retry.json.hosts).toBe("Cannot retry on failed hosts, playbook stats not available.")
    const second = await ctx.call("POST", "/api/v2/job_templates/1/launch/", { body: {} })
    ctx.advance(60_000)
    expect((await ctx.call("POST", `/api/v2/jobs/${second.json.id}/cancel/`)).status).toBe(405)
    expect((await ctx.call("POST", "/api/v2/jobs/999/cancel/")).status).toBe(404)
  })
})

describe("allow_simultaneous", () => {
  it("keeps a second launch of the same template pending until the first has finished", async () => {
    const ctx = setup()
    const { template } = await publish(ctx)
    const first = await ctx.call("POST", `/api/v2/job_templates/${template.id}/launch/`, { body: {} })
    const second = await ctx.call("POST", `/api/v2/job_templates/${template.id}/launch/`, { body: {} })
    ctx.advance(6_000)
    expect((await ctx.call("GET", `/api/v2/jobs/${first.json.id}/`)).json.status).toBe("running")
    expect((await ctx.call("GET", `/api/v2/jobs/${second.json.id}/`)).json.status).toBe("pending")
    ctx.advance(1_500)
    expect((await ctx.call("GET", `/api/v2/jobs/${first.json.id}/`)).json.status).toBe("successful")
    expect((await ctx.call("GET", `/api/v2/jobs/${second.json.id}/`)).json.status).toBe("waiting")
    expect((await ctx.call("GET", "/api/v2/unified_jobs/?order_by=-id")).json.results[0].id).toBe(
      second.json.id
    )
  })

  it("runs launches side by side when the template allows it", async () => {
    const ctx = setup()
    const { template } = await publish(ctx, { allow_simultaneous: true })
    const first = await ctx.call("POST", `/api/v2/job_templates/${template.id}/launch/`, { body: {} })
    const second = await ctx.call("POST", `/api/v2/job_templates/${template.id}/launch/`, { body: {} })
    ctx.advance(2_500)
    expect((await ctx.call("GET", `/api/v2/jobs/${first.json.id}/`)).json.status).toBe("running")
    expect((await ctx.call("GET", `/api/v2/jobs/${second.json.id}/`)).json.status).toBe("running")
  })
})

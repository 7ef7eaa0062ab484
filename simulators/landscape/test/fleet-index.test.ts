import { describe, expect, it } from "vitest"
import { advance, json, legacy, login, makeSim, rest } from "./fixtures.js"

type Activity = { id: number; computer_id: number | null; parent_id: number | null; activity_status: string }
type Page<T> = { count: number; next: string | null; results: T[] }

const MIN = 60_000
const everyComputer = "tag:server OR tag:laptop"

const activities = async (sim: ReturnType<typeof makeSim>, token: string, query: string) =>
  json<Page<Activity>>(
    (await rest(sim, token, "GET", `/api/v2/activities?limit=1000&query=${encodeURIComponent(query)}`)).body
  ).results

describe("fleets of generated computers and their activities", () => {
  it("seeds a generated fleet larger than 10,000 computers", async () => {
    const sim = makeSim({ fleetSize: 0 })
    const seeded = await sim.app.request("/_sim/seed", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ fleetSize: 20_000 })
    })
    expect(seeded.status).toBe(200)
    const token = await login(sim)
    const page = json<Page<{ id: number }>>(
      (
        await rest(
          sim,
          token,
          "GET",
          `/api/v2/computers?limit=1&offset=19999&query=${encodeURIComponent(everyComputer)}`
        )
      ).body
    )
    expect(page.count).toBe(20_000)
    expect(page.results.map((c) => c.id)).toEqual([20_000])
  })

  it("selects a group's children of some computers, reapplied ones included, as a full scan does", async () => {
    const sim = makeSim({ fleetSize: 300 })
    await sim.app.request("/_sim/landscape/settings", {
      method: "PUT",
      body: JSON.stringify({ failureRate: 0.3, exchangeIntervalSeconds: 0 })
    })
    const installed = await legacy(sim, "InstallPackages", { query: everyComputer, "packages.1": "curl" })
    expect(installed.status).toBe(200)
    const group = json<Activity>(installed.body)
    advance(sim, 10 * MIN)
    const token = await login(sim)
    await rest(sim, token, "POST", "/api/v2/activities/reapply", { activity_ids: [group.id] })
    advance(sim, 10 * MIN)
    const ids = Array.from({ length: 40 }, (_, i) => 101 + i)
    const some = `computer:"${ids.map((id) => `id:${id}`).join(" OR ")}"`
    // A term every match needs (parent-id:, computer:) is answered from the index ...
    const indexed = await activities(sim, token, `parent-id:${group.id} ${some}`)
    // ... and the same selection written as an OR of itself has no such term, so every activity is scanned.
    const scanned = await activities(
      sim,
      token,
      `parent-id:${group.id} ${some} OR parent-id:${group.id} ${some}`
    )
    expect(indexed).toEqual(scanned)
    expect(new Set(indexed.map((a) => a.computer_id))).toEqual(new Set(ids))
    // Failed children were reapplied as second children of the same computers.
    expect(indexed.length).toBeGreaterThan(ids.length)
    expect(indexed.every((a) => a.parent_id === group.id)).toBe(true)
  })
})

import { describe, expect, it } from "vitest"
import { advance, json, legacy, makeSim, signedRequest } from "./fixtures.js"

type Activity = { id: number; activity_status: string; computer_id: number | null }

describe("CancelActivities", () => {
  it("cancels activities not yet delivered, by group or child, and answers their ids", async () => {
    const sim = makeSim()
    const group = json<Activity>(
      (
        await legacy(sim, "InstallPackages", {
          query: "id:1 OR id:2 OR id:3",
          "packages.1": "curl",
          deliver_after: "2025-01-02T00:00:00Z"
        })
      ).body
    )
    const kids = json<Activity[]>(
      (await legacy(sim, "GetActivities", { query: `parent-id:${group.id}` })).body
    )
    const one = await legacy(sim, "CancelActivities", { query: `id:${kids[0]?.id}` })
    expect(one).toEqual({ status: 200, body: [kids[0]?.id] })
    const rest = await legacy(sim, "CancelActivities", { query: `id:${group.id}` })
    expect(rest.body).toEqual([kids[1]?.id, kids[2]?.id])
    advance(sim, 2 * 24 * 3_600_000)
    const after = json<Activity[]>(
      (await legacy(sim, "GetActivities", { query: `id:${group.id} OR parent-id:${group.id}` })).body
    )
    expect(after.map((a) => a.activity_status)).toEqual(["canceled", "canceled", "canceled", "canceled"])
  })

  it("refuses with 400 and `id => message` lines when any selected one is under way, changing nothing", async () => {
    const sim = makeSim()
    const group = json<Activity>(
      (await legacy(sim, "InstallPackages", { query: "id:1 OR id:2", "packages.1": "curl" })).body
    )
    advance(sim, 10 * 60_000)
    const late = json<Activity>(
      (
        await legacy(sim, "InstallPackages", {
          query: "id:3",
          "packages.1": "curl",
          deliver_after: "2025-02-01T00:00:00Z"
        })
      ).body
    )
    const res = await sim.app.request(
      signedRequest(sim, "CancelActivities", { query: `type:ChangePackagesRequest` })
    )
    expect(res.status).toBe(400)
    const text = await res.text()
    expect(text.split("\n")).toHaveLength(2)
    expect(text).toMatch(/^\d+ => Activity \d+ is succeeded and cannot be canceled$/m)
    const lateKids = json<Activity[]>(
      (await legacy(sim, "GetActivities", { query: `parent-id:${late.id}` })).body
    )
    expect(lateKids[0]?.activity_status).toBe("scheduled")
    expect(group.id).toBeLessThan(late.id)
  })
})

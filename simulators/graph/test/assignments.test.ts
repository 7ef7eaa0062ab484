import { describe, expect, it } from "vitest"
import { publishApp } from "./support/publish.js"
import { appBody, arr, call, json, makeSim, obj, type Sim, tokenFor } from "./support/sim.js"

const group = (groupId: string, intent = "required", extra: Record<string, unknown> = {}) => ({
  "@odata.type": "#microsoft.graph.mobileAppAssignment",
  intent,
  target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId, ...extra },
  settings: { "@odata.type": "#microsoft.graph.win32LobAppAssignmentSettings", notifications: "showAll" }
})

const setup = async (version: "v1.0" | "beta" = "v1.0") => {
  const sim = makeSim()
  const token = await tokenFor(sim)
  const appId = await publishApp(sim, token, version)
  return { sim, token, appId, base: `/${version}/deviceAppManagement/mobileApps/${appId}` }
}

const assignments = async (sim: Sim, token: string, base: string) =>
  arr((await json(await call(sim, "GET", `${base}/assignments`, { token }))).value).map(obj)

describe("assignments", () => {
  it("replaces the whole list with /assign and keeps ids of unchanged targets", async () => {
    const { sim, token, base } = await setup()
    expect(
      (
        await call(sim, "POST", `${base}/assign`, {
          token,
          body: { mobileAppAssignments: [group("g1"), group("g2")] }
        })
      ).status
    ).toBe(204)
    const first = await assignments(sim, token, base)
    expect(first.map((a) => obj(a.target).groupId)).toEqual(["g1", "g2"])
    expect(first[0]).not.toHaveProperty("source")
    expect(obj(first[0]?.target)).not.toHaveProperty("deviceAndAppManagementAssignmentFilterId")
    await call(sim, "POST", `${base}/assign`, {
      token,
      body: { mobileAppAssignments: [group("g2"), group("g3", "uninstall")] }
    })
    const second = await assignments(sim, token, base)
    expect(second.map((a) => obj(a.target).groupId)).toEqual(["g2", "g3"])
    expect(second[0]?.id).toBe(first[1]?.id)
    const dup = await call(sim, "POST", `${base}/assign`, {
      token,
      body: { mobileAppAssignments: [group("g1"), group("g1", "available")] }
    })
    expect(dup.status).toBe(400)
    const noGroup = await call(sim, "POST", `${base}/assign`, {
      token,
      body: {
        mobileAppAssignments: [
          { intent: "required", target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget" } }
        ]
      }
    })
    expect(noGroup.status).toBe(400)
    expect(
      (await call(sim, "POST", `${base}/assign`, { token, body: { mobileAppAssignments: [] } })).status
    ).toBe(204)
    expect(await assignments(sim, token, base)).toEqual([])
  })

  it("adds one assignment at a time, refuses a duplicate group, and gets, patches and deletes it", async () => {
    const { sim, token, base } = await setup()
    const created = await call(sim, "POST", `${base}/assignments`, { token, body: group("g1") })
    expect(created.status).toBe(201)
    const a = await json(created)
    expect(a).toMatchObject({
      intent: "required",
      target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: "g1" }
    })
    const again = await call(sim, "POST", `${base}/assignments`, { token, body: group("g1", "available") })
    expect(again.status).toBe(400)
    expect(String(obj((await json(again)).error).message)).toContain("already has an assignment")
    await call(sim, "POST", `${base}/assignments`, {
      token,
      body: { intent: "required", target: { "@odata.type": "microsoft.graph.allDevicesAssignmentTarget" } }
    })
    expect((await assignments(sim, token, base)).length).toBe(2)
    const one = await call(sim, "GET", `${base}/assignments/${String(a.id)}`, { token })
    expect((await json(one)).id).toBe(a.id)
    const patched = await call(sim, "PATCH", `${base}/assignments/${String(a.id)}`, {
      token,
      body: { intent: "uninstall" }
    })
    expect(patched.status).toBe(200)
    expect((await json(patched)).intent).toBe("uninstall")
    const clash = await call(sim, "PATCH", `${base}/assignments/${String(a.id)}`, {
      token,
      body: { target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } }
    })
    expect(clash.status).toBe(400)
    const retarget = await call(sim, "PATCH", `${base}/assignments/${String(a.id)}`, {
      token,
      body: {
        target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: "g9" },
        settings: null
      }
    })
    expect((await json(retarget)).settings).toBeNull()
    const badTarget = await call(sim, "PATCH", `${base}/assignments/${String(a.id)}`, {
      token,
      body: { target: { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget" } }
    })
    expect(badTarget.status).toBe(400)
    expect((await call(sim, "DELETE", `${base}/assignments/${String(a.id)}`, { token })).status).toBe(204)
    expect((await call(sim, "GET", `${base}/assignments/${String(a.id)}`, { token })).status).toBe(404)
    expect((await call(sim, "DELETE", `${base}/assignments/${String(a.id)}`, { token })).status).toBe(404)
    const badPost = await call(sim, "POST", `${base}/assignments`, {
      token,
      body: { intent: "required", target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget" } }
    })
    expect(badPost.status).toBe(400)
    const badType = await call(sim, "POST", `${base}/assignments`, {
      token,
      body: { intent: "required", target: { "@odata.type": "#microsoft.graph.somethingElse" } }
    })
    expect(badType.status).toBe(400)
  })

  it("refuses to assign an app that is not published", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const created = await json(
      await call(sim, "POST", "/v1.0/deviceAppManagement/mobileApps", { token, body: appBody() })
    )
    const base = `/v1.0/deviceAppManagement/mobileApps/${String(created.id)}`
    for (const [path, body] of [
      [`${base}/assign`, { mobileAppAssignments: [group("g1")] }],
      [`${base}/assignments`, group("g1")]
    ] as const) {
      const res = await call(sim, "POST", path, { token, body })
      expect(res.status).toBe(400)
      const message = String(obj((await json(res)).error).message)
      expect(message).toContain("notPublished")
      expect(message).toContain('"_version": 3')
    }
    expect(
      (
        await call(sim, "POST", "/v1.0/deviceAppManagement/mobileApps/nope/assign", {
          token,
          body: { mobileAppAssignments: [] }
        })
      ).status
    ).toBe(404)
    expect(
      (
        await call(sim, "POST", "/v1.0/deviceAppManagement/mobileApps/nope/assignments", {
          token,
          body: group("g")
        })
      ).status
    ).toBe(404)
    expect(
      (await call(sim, "GET", "/v1.0/deviceAppManagement/mobileApps/nope/assignments", { token })).status
    ).toBe(404)
  })

  it("accepts an assignment filter on beta and rejects it on v1.0", async () => {
    const filter = {
      deviceAndAppManagementAssignmentFilterId: "f-1",
      deviceAndAppManagementAssignmentFilterType: "include"
    }
    const beta = await setup("beta")
    const ok = await call(beta.sim, "POST", `${beta.base}/assignments`, {
      token: beta.token,
      body: { ...group("g1", "required", filter), source: "direct" }
    })
    expect(ok.status).toBe(201)
    expect(obj((await json(ok)).target)).toMatchObject(filter)
    const missingId = await call(beta.sim, "POST", `${beta.base}/assignments`, {
      token: beta.token,
      body: group("g2", "required", { deviceAndAppManagementAssignmentFilterType: "exclude" })
    })
    expect(missingId.status).toBe(400)
    const v1 = await setup("v1.0")
    const refused = await call(v1.sim, "POST", `${v1.base}/assignments`, {
      token: v1.token,
      body: group("g1", "required", filter)
    })
    expect(refused.status).toBe(400)
    expect(String(obj((await json(refused)).error).message)).toContain(
      "The property 'deviceAndAppManagementAssignmentFilterId' does not exist on type 'microsoft.graph.groupAssignmentTarget'"
    )
    const assign = await call(v1.sim, "POST", `${v1.base}/assign`, {
      token: v1.token,
      body: { mobileAppAssignments: [group("g1", "required", filter)] }
    })
    expect(assign.status).toBe(400)
  })
})

describe("updateRelationships (beta)", () => {
  it("sets supersedence after validating targets, and is not a v1.0 action", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const oldId = await publishApp(sim, token, "beta")
    const newId = await publishApp(sim, token, "beta")
    const base = "/beta/deviceAppManagement/mobileApps"
    const rel = (targetId: string, extra: Record<string, unknown> = { supersedenceType: "update" }) => ({
      relationships: [{ "@odata.type": "#microsoft.graph.mobileAppSupersedence", targetId, ...extra }]
    })
    expect(
      (await call(sim, "POST", `${base}/${newId}/updateRelationships`, { token, body: rel(oldId) })).status
    ).toBe(204)
    const listed = await json(await call(sim, "GET", `${base}/${newId}/relationships`, { token }))
    expect(arr(listed.value).map(obj)[0]).toMatchObject({
      targetId: oldId,
      supersedenceType: "update",
      targetDisplayName: "7-Zip 24.08"
    })
    const app = await json(await call(sim, "GET", `${base}/${newId}`, { token }))
    expect(app.supersedingAppCount).toBe(1)
    const self = await call(sim, "POST", `${base}/${newId}/updateRelationships`, { token, body: rel(newId) })
    expect(self.status).toBe(400)
    expect(
      (await call(sim, "POST", `${base}/${newId}/updateRelationships`, { token, body: rel("missing") }))
        .status
    ).toBe(400)
    expect(
      (await call(sim, "POST", `${base}/${oldId}/updateRelationships`, { token, body: rel(newId) })).status
    ).toBe(400)
    expect(
      (await call(sim, "POST", `${base}/${newId}/updateRelationships`, { token, body: rel(oldId, {}) }))
        .status
    ).toBe(400)
    const twice = { relationships: [...rel(oldId).relationships, ...rel(oldId).relationships] }
    expect(
      (await call(sim, "POST", `${base}/${newId}/updateRelationships`, { token, body: twice })).status
    ).toBe(400)
    const dependency = {
      relationships: [{ "@odata.type": "#microsoft.graph.mobileAppDependency", targetId: oldId }]
    }
    expect(
      (await call(sim, "POST", `${base}/${newId}/updateRelationships`, { token, body: dependency })).status
    ).toBe(400)
    const dep = {
      relationships: [
        {
          "@odata.type": "#microsoft.graph.mobileAppDependency",
          targetId: oldId,
          dependencyType: "autoInstall"
        }
      ]
    }
    expect(
      (await call(sim, "POST", `${base}/${newId}/updateRelationships`, { token, body: dep })).status
    ).toBe(204)
    const deps = await json(await call(sim, "GET", `${base}/${newId}/relationships`, { token }))
    expect(arr(deps.value).map(obj)[0]).toMatchObject({ dependencyType: "autoInstall" })
    expect(
      (
        await call(sim, "POST", `${base}/${newId}/updateRelationships`, {
          token,
          body: { relationships: [] }
        })
      ).status
    ).toBe(204)
    expect(
      (await call(sim, "POST", `${base}/nope/updateRelationships`, { token, body: { relationships: [] } }))
        .status
    ).toBe(404)
    expect((await call(sim, "GET", `${base}/nope/relationships`, { token })).status).toBe(404)
    const v1 = await call(sim, "POST", `/v1.0/deviceAppManagement/mobileApps/${newId}/updateRelationships`, {
      token,
      body: rel(oldId)
    })
    expect(v1.status).toBe(400)
    expect(obj((await json(v1)).error).message).toBe(
      "Resource not found for the segment 'updateRelationships'."
    )
  })
})

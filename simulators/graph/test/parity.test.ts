import { readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { encryptPayload } from "./support/payload.js"
import { publishApp } from "./support/publish.js"
import { admin, advance, appBody, arr, call, json, makeSim, obj, type Sim, tokenFor } from "./support/sim.js"

// Parity with the documented payloads: the repository's vendor examples (shared/apis/examples/graph, each
// with its .src.txt provenance), read where they live rather than copied.
const dir = fileURLToPath(new URL("../../../contracts/vendor-examples/graph/", import.meta.url))
const example = (name: string): Record<string, unknown> =>
  obj(JSON.parse(readFileSync(`${dir}${name}`, "utf8")))

/** Keys the simulator may add beyond a documented example (present in the 2026 CSDL or OData framing). */
const allowedExtra = new Set(["@odata.context", "allowedArchitectures", "isDependency", "client-request-id"])

/** Every documented key is present, recursively; extra keys only from the allowed list. */
const expectShape = (actual: unknown, documented: unknown, path = "$"): void => {
  if (Array.isArray(documented)) {
    expect(Array.isArray(actual), path).toBe(true)
    if (documented.length > 0 && Array.isArray(actual) && actual.length > 0)
      expectShape(actual[0], documented[0], `${path}[0]`)
    return
  }
  if (typeof documented !== "object" || documented === null) return
  const a = obj(actual)
  const d = obj(documented)
  for (const key of Object.keys(d)) {
    expect(Object.keys(a), `${path} lacks ${key}`).toContain(key)
    expectShape(a[key], d[key], `${path}.${key}`)
  }
  for (const key of Object.keys(a)) {
    if (!(key in d)) expect(allowedExtra.has(key), `${path} has undocumented ${key}`).toBe(true)
  }
}

const APPS = "/deviceAppManagement/mobileApps"

const contentFile = async (sim: Sim, token: string) => {
  const app = await json(await call(sim, "POST", `/v1.0${APPS}`, { token, body: appBody() }))
  const appId = String(app.id)
  const cv = await call(sim, "POST", `/v1.0${APPS}/${appId}/microsoft.graph.win32LobApp/contentVersions`, {
    token,
    body: {}
  })
  return {
    appId,
    cvPath: `/v1.0${APPS}/${appId}/microsoft.graph.win32LobApp/contentVersions/${String((await json(cv)).id)}`
  }
}

type Runner = (sim: Sim, token: string, body: Record<string, unknown>) => Promise<void>

const requests: Record<string, Runner> = {
  "win32lobapp-create.request.json": async (sim, token, body) => {
    const res = await call(sim, "POST", `/v1.0${APPS}`, { token, body })
    expect(res.status).toBe(201)
    expectShape(await json(res), example("win32lobapp-create.response.json"))
  },
  "mobileappcontentfile-create.docsample.request.json": async (sim, token, body) => {
    const { cvPath } = await contentFile(sim, token)
    const res = await call(sim, "POST", `${cvPath}/files`, { token, body })
    expect(res.status).toBe(201)
    expectShape(await json(res), example("mobileappcontentfile-create.docsample.response.json"))
  },
  "mobileappcontentfile-create.win32.composed.request.json": async (sim, token, body) => {
    const { cvPath } = await contentFile(sim, token)
    const res = await call(sim, "POST", `${cvPath}/files`, { token, body })
    expect(res.status).toBe(201)
    expectShape(await json(res), example("mobileappcontentfile-create.docsample.response.json"))
  },
  "mobileappcontentfile-commit.request.json": async (sim, token, body) => {
    const { cvPath } = await contentFile(sim, token)
    const file = await json(
      await call(sim, "POST", `${cvPath}/files`, { token, body: { name: "a", size: 4, sizeEncrypted: 64 } })
    )
    advance(sim, 2_000)
    const res = await call(sim, "POST", `${cvPath}/files/${String(file.id)}/commit`, { token, body })
    expect(res.status).toBe(204)
    advance(sim, 5_000)
    // The documented values are placeholders, so Intune's verification fails them.
    expect(
      (await json(await call(sim, "GET", `${cvPath}/files/${String(file.id)}`, { token }))).uploadState
    ).toBe("commitFileFailed")
  },
  "win32lobapp-commit-content-version.patch.request.json": async (sim, token, body) => {
    const { appId, cvPath } = await contentFile(sim, token)
    const payload = encryptPayload()
    const file = await json(
      await call(sim, "POST", `${cvPath}/files`, {
        token,
        body: { name: "a", size: payload.plainSize, sizeEncrypted: payload.bytes.length }
      })
    )
    advance(sim, 2_000)
    const sas = String(
      (await json(await call(sim, "GET", `${cvPath}/files/${String(file.id)}`, { token }))).azureStorageUri
    )
    await call(sim, "PUT", sas, {
      body: new Uint8Array(payload.bytes),
      headers: { "x-ms-blob-type": "BlockBlob" }
    })
    await call(sim, "POST", `${cvPath}/files/${String(file.id)}/commit`, {
      token,
      body: { fileEncryptionInfo: payload.info }
    })
    advance(sim, 5_000)
    expect((await call(sim, "PATCH", `/v1.0${APPS}/${appId}`, { token, body })).status).toBe(204)
  },
  "mobileapp-assign.request.json": async (sim, token, body) => {
    const appId = await publishApp(sim, token)
    expect((await call(sim, "POST", `/v1.0${APPS}/${appId}/assign`, { token, body })).status).toBe(204)
    const listed = await json(await call(sim, "GET", `/v1.0${APPS}/${appId}/assignments`, { token }))
    expectShape(listed, example("mobileappassignment-list.response.json"))
  },
  "mobileappassignment-group-required-with-filter.composed.request.json": async (sim, token, body) => {
    const appId = await publishApp(sim, token, "beta")
    const res = await call(sim, "POST", `/beta${APPS}/${appId}/assignments`, { token, body })
    expect(res.status).toBe(201)
    const created = await json(res)
    expect(created).toMatchObject({ intent: "required", source: "direct", target: obj(body.target) })
  },
  "mobileapp-updaterelationships.docsample.request.json": async (sim, token, body) => {
    const target = await publishApp(sim, token, "beta")
    const source = await publishApp(sim, token, "beta")
    const relationships = arr(body.relationships).map((r) => ({ ...obj(r), targetId: target }))
    const res = await call(sim, "POST", `/beta${APPS}/${source}/updateRelationships`, {
      token,
      body: { relationships }
    })
    expect(res.status).toBe(204)
  },
  "mobileapp-updaterelationships.supersedence.composed.request.json": async (sim, token, body) => {
    const target = await publishApp(sim, token, "beta")
    const source = await publishApp(sim, token, "beta")
    const relationships = arr(body.relationships).map((r) => ({ ...obj(r), targetId: target }))
    expect(
      (
        await call(sim, "POST", `/beta${APPS}/${source}/updateRelationships`, {
          token,
          body: { relationships }
        })
      ).status
    ).toBe(204)
  },
  "getdeviceinstallstatusreport.request.json": async (sim, token, body) => {
    const appId = await publishApp(sim, token)
    await call(sim, "POST", `/v1.0${APPS}/${appId}/assign`, {
      token,
      body: {
        mobileAppAssignments: [
          { intent: "required", target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } }
        ]
      }
    })
    const res = await call(sim, "POST", "/beta/deviceManagement/reports/getDeviceInstallStatusReport", {
      token,
      body: { ...body, filter: `(ApplicationId eq '${appId}')` }
    })
    expect(res.status).toBe(200)
    const report = await json(res)
    expect(report.TotalRowCount).toBe(40)
    expect(arr(report.Schema).map((s) => obj(s).Column)).toEqual(body.select)
    expect(arr(arr(report.Values)[0]).length).toBe(arr(body.select).length)
  },
  "exportjob-create.request.json": async (sim, token, body) => {
    const res = await call(sim, "POST", "/beta/deviceManagement/reports/exportJobs", { token, body })
    expect(res.status).toBe(201)
    const created = await json(res)
    expectShape(created, example("exportjob-create.response.json"))
    expect(created.status).toBe("notStarted")
    advance(sim, 60_000)
    const done = await json(
      await call(sim, "GET", `/beta/deviceManagement/reports/exportJobs('${String(created.id)}')`, { token })
    )
    expectShape(done, example("exportjob-completed.response.json"))
    expect(done.status).toBe("completed")
  }
}

describe("parity with documented Graph payloads", () => {
  it("covers every documented request example", () => {
    const documented = readdirSync(dir).filter((f) => f.endsWith(".request.json"))
    expect(Object.keys(requests).sort()).toEqual(documented.sort())
  })

  for (const [name, run] of Object.entries(requests)) {
    it(`accepts ${name}`, async () => {
      const sim = makeSim()
      const token = await tokenFor(sim)
      await run(sim, token, example(name))
    })
  }

  it("answers content versions, tokens, throttling, Intune 500s and nextLinks in the documented shapes", async () => {
    const sim = makeSim({
      throttle: { enabled: true },
      settings: { appPageCap: 1, listConsistencyDelayMs: 0 }
    })
    const token = await tokenFor(sim)
    const app = await json(await call(sim, "POST", `/v1.0${APPS}`, { token, body: appBody() }))
    const cv = await json(
      await call(sim, "POST", `/v1.0${APPS}/${String(app.id)}/contentVersions`, { token, body: {} })
    )
    expectShape(cv, example("mobileappcontent-create.response.json"))
    const tokenRes = await call(sim, "POST", "/tenant-a/oauth2/v2.0/token", {
      body: "grant_type=client_credentials&client_id=client-a&client_secret=test-secret-value&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
    })
    expectShape(await json(tokenRes), example("token-response.client-credentials.json"))
    await call(sim, "POST", `/v1.0${APPS}`, { token, body: appBody() })
    const paged = await json(await call(sim, "GET", `/v1.0${APPS}?$top=5`, { token }))
    expect(String(paged["@odata.nextLink"])).toMatch(
      /^http:\/\/localhost\/v1\.0\/deviceAppManagement\/mobileApps\?\$top=5&\$skiptoken=/
    )
    expectShape({ "@odata.nextLink": paged["@odata.nextLink"] }, example("paging-nextlink.fragment.json"))
    await admin(sim, "POST", "/faults", { trigger: { kind: "once" }, effect: { kind: "http", status: 500 } })
    const fault = await json(await call(sim, "GET", `/v1.0${APPS}`, { token }))
    expectShape(fault, example("error-intune-500-unknown.json"))
    expect(Object.keys(obj(JSON.parse(String(obj(fault.error).message)))).sort()).toEqual(
      Object.keys(obj(JSON.parse(String(obj(example("error-intune-500-unknown.json").error).message)))).sort()
    )
    await admin(sim, "PUT", "/graph/throttle", { windowScale: 1 })
    for (let i = 0; i < 100; i++) await call(sim, "POST", `/v1.0${APPS}`, { token, body: appBody() })
    const throttled = await json(await call(sim, "POST", `/v1.0${APPS}`, { token, body: appBody() }))
    expectShape(throttled, example("error-429-throttled.json"))
  })
})

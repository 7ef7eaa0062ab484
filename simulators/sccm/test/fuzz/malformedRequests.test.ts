import { brokenTexts, fuzzRuns, fuzzTimeout, jsonMutations, xmlMutations } from "@planes/core/testing"
import fc from "fast-check"
import { describe, expect, it, vi } from "vitest"
import { createApp, createCollection, example, harness, type Json, sdmXml } from "../helpers.js"

// Properties run 500 cases in `npm test` and 10,000 in `npm run fuzz`: the timeout grows with them.
vi.setConfig({ testTimeout: fuzzTimeout(100) })

const runs = { numRuns: fuzzRuns() }

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

// AdminService's OData error body: {"error": {"code": "...", "message": "..."}}.
const isODataError = (body: unknown): boolean => {
  if (body === null || typeof body !== "object" || !("error" in body)) return false
  const error = body.error
  return (
    error !== null &&
    typeof error === "object" &&
    "code" in error &&
    typeof error.code === "string" &&
    "message" in error &&
    typeof error.message === "string"
  )
}

const mutatedJson = (body: unknown) =>
  fc.oneof(
    fc.constantFrom(...jsonMutations(body)).map((m) => JSON.stringify(m.apply(body)) ?? ""),
    fc
      .tuple(fc.constantFrom(...brokenTexts(JSON.stringify(body))), fc.nat())
      .map(([broken, cut]) => broken(cut))
  )

describe("SCCM simulator under malformed requests (property)", () => {
  it("answers mutated AdminService bodies with its OData 4xx error or success, never a 5xx", async () => {
    const h = await harness()
    const app = await createApp(h, { description: "planes-key:fuzz" })
    const collection = await createCollection(h, "Fuzz", "select * from SMS_R_System where Name like 'WS-%'")
    const [group] = h.sim.stores.fleet.get("default").groups
    const pkg = String(app.PackageID)
    const writes: ReadonlyArray<{ path: string; body: unknown }> = [
      { path: "/AdminService/wmi/SMS_Application", body: { SDMPackageXML: sdmXml({ n: 7 }) } },
      { path: "/AdminService/wmi/SMS_Collection", body: example("wmi-sms_collection.create.request.json") },
      {
        path: `/AdminService/wmi/SMS_Collection('${collection}')/AdminService.AddMembershipRule`,
        body: example("wmi-sms_collection.addmembershiprule.request.json")
      },
      {
        path: "/AdminService/wmi/SMS_ApplicationAssignment",
        body: {
          ...(example("wmi-sms_applicationassignment.create.composed.request.json") as Json),
          AssignedCIs: [app.CI_ID],
          AppModelID: app.ModelID,
          TargetCollectionID: collection
        }
      },
      {
        path: `/AdminService/wmi/SMS_ContentPackage('${pkg}')/AdminService.AddDistributionPointGroup`,
        body: { DistributionPointGroup: [group?.GroupID] }
      },
      {
        path: `/AdminService/wmi/SMS_DistributionPointGroup('${String(group?.GroupID)}')/AdminService.RemovePackages`,
        body: example("wmi-sms_distributionpointgroup.removepackages.request.json")
      },
      {
        path: `/AdminService/wmi/SMS_Application(${String(app.CI_ID)})/AdminService.SetIsExpired`,
        body: example("wmi-sms_application.setisexpired.request.json")
      },
      {
        path: "/AdminService/wmi/SMS_ClientOperation.InitiateClientOperation",
        body: example("wmi-sms_clientoperation.initiateclientoperation.request.json")
      },
      {
        path: `/AdminService/v1.0/Application(${String(app.CI_ID)})/AdminService.InstallApplication`,
        body: example("v1-application-installapplication.request.json")
      }
    ]
    // The SDM package XML travels inside JSON: mutate the document itself too.
    const sdm = sdmXml({ n: 8 })
    const sdmBodies = fc
      .oneof(
        fc.constantFrom(...xmlMutations(sdm)).map((m) => m.apply()),
        fc.tuple(fc.constantFrom(...brokenTexts(sdm)), fc.nat()).map(([broken, cut]) => broken(cut))
      )
      .map((xml) => ({
        path: "/AdminService/wmi/SMS_Application",
        raw: JSON.stringify({ SDMPackageXML: xml })
      }))
    const requests = fc.oneof(
      fc.constantFrom(...writes).chain(({ path, body }) => mutatedJson(body).map((raw) => ({ path, raw }))),
      sdmBodies
    )
    await fc.assert(
      fc.asyncProperty(requests, async ({ path, raw }) => {
        const res = await h.call("POST", path, raw)
        const text = await res.text()
        expect(res.status, `${path} ${raw.slice(0, 300)} -> ${text.slice(0, 300)}`).toBeLessThan(500)
        if (res.status >= 400) expect(isODataError(parse(text)), text.slice(0, 200)).toBe(true)
      }),
      runs
    )
  })

  it("answers bad OData query options with its OData 4xx error or rows, never a 5xx", async () => {
    const h = await harness()
    await createApp(h)
    const lists = fc.constantFrom(
      "/AdminService/wmi/SMS_Application",
      "/AdminService/wmi/SMS_Collection",
      "/AdminService/wmi/SMS_R_System",
      "/AdminService/wmi/SMS_ApplicationAssignment",
      "/AdminService/wmi/SMS_AppDeploymentAssetDetails",
      "/AdminService/wmi/SMS_PackageStatus",
      "/AdminService/v1.0/Device"
    )
    const name = fc.constantFrom("$filter", "$select", "$top", "$skip", "$orderby", "$skiptoken", "$count")
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom(
        "-1",
        "0",
        "abc",
        "",
        "'",
        "Name eq",
        "CI_ID eq 'x'",
        "startswith(Name,",
        "x".repeat(10_000)
      )
    )
    await fc.assert(
      fc.asyncProperty(lists, fc.array(fc.tuple(name, value), { maxLength: 3 }), async (path, params) => {
        const query = new URLSearchParams(params).toString()
        const res = await h.call("GET", `${path}?${query}`)
        const text = await res.text()
        expect(res.status, `${path}?${query.slice(0, 200)} -> ${text.slice(0, 200)}`).toBeLessThan(500)
        if (res.status >= 400) expect(isODataError(parse(text)), text.slice(0, 200)).toBe(true)
      }),
      runs
    )
  })
})

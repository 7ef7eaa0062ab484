import { describe, expect, it } from "vitest"
import { createApp, type Harness, harness, type Json, rowsOf } from "./helpers.js"

const MIN = 60_000
const settings = { policyDelayMs: MIN, installDurationMs: 3 * MIN, failureRate: 0.3, pageSize: 7 }

// A required deployment of a new application to All Systems (SMS00001, every device of the site).
const deployToAll = async (h: Harness): Promise<number> => {
  const app = await createApp(h, { description: "planes-key:index" })
  const res = await h.post("/AdminService/wmi/SMS_ApplicationAssignment", {
    AssignmentName: "to all",
    AssignedCIs: [app.CI_ID],
    TargetCollectionID: "SMS00001"
  })
  if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`)
  return Number(((await res.json()) as Json).AssignmentID)
}

// Every row of a list, following @odata.nextLink as a client does.
const allPages = async (h: Harness, first: string): Promise<Json[]> => {
  const rows: Json[] = []
  let next: string | undefined = first
  while (next !== undefined) {
    const page = await h.get(next)
    rows.push(...rowsOf(page))
    const link = page["@odata.nextLink"]
    next = typeof link === "string" ? `${new URL(link).pathname}${new URL(link).search}` : undefined
  }
  return rows
}

describe("SMS_AppDeploymentAssetDetails by deployment", () => {
  it("pages a deployment's rows in MachineID order, the same rows the generic query answers", async () => {
    const h = await harness({ settings, devices: 40 })
    const id = await deployToAll(h)
    h.advance(10 * MIN)
    const base = "/AdminService/wmi/SMS_AppDeploymentAssetDetails"
    // `AssignmentID eq N` ordered by MachineID is answered from the deployment's own rows ...
    const indexed = await allPages(h, `${base}?$filter=AssignmentID eq ${id}&$orderby=MachineID`)
    // ... and a filter the index does not take scans every row: both must agree, page for page.
    const scanned = await allPages(
      h,
      `${base}?$filter=AssignmentID eq ${id} and MachineID gt 0&$orderby=MachineID`
    )
    expect(indexed).toHaveLength(40)
    expect(indexed).toEqual(scanned)
    const machines = indexed.map((r) => Number(r.MachineID))
    expect(machines).toEqual([...machines].sort((a, b) => a - b))
    expect(new Set(indexed.map((r) => r.AppStatusType)).size).toBeGreaterThan(1)
    // $top and $skip hold on the indexed path too.
    const slice = rowsOf(
      await h.get(`${base}?$filter=AssignmentID eq ${id}&$orderby=MachineID&$skip=5&$top=3`)
    )
    expect(slice).toEqual(indexed.slice(5, 8))
  })

  it("follows a reseeded fleet: the deployment's rows are those of the new devices", async () => {
    const h = await harness({ settings, devices: 12 })
    const id = await deployToAll(h)
    const rows = () =>
      allPages(h, `/AdminService/wmi/SMS_AppDeploymentAssetDetails?$filter=AssignmentID eq ${id}`)
    expect(await rows()).toHaveLength(12)
    await h.admin("POST", "/_sim/seed", { devices: 20 })
    expect(await rows()).toHaveLength(20)
    await h.admin("POST", "/_sim/seed", { devices: 5 })
    expect(await rows()).toHaveLength(5)
  })
})

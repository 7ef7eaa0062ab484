import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { intentKey } from "@planes/core"
import { golden } from "@planes/core/testing"
import { XMLValidator } from "fast-xml-parser"
import { describe, expect, it } from "vitest"
import {
  groupDescription,
  groupName,
  parseCriteria,
  smartGroupBody,
  staticGroupBody
} from "../../src/mapping/group.js"
import {
  applicationOf,
  packageBody,
  packageName,
  packageNotes,
  readPackageNotes
} from "../../src/mapping/package.js"
import {
  describePolicyProblem,
  logFlushXml,
  planPolicy,
  policyName,
  policyXml,
  repointXml
} from "../../src/mapping/policy.js"
import {
  assignmentInput,
  assignmentIntent,
  decodeAssignment,
  decodePackage,
  packageInput,
  packageIntent
} from "../fixtures.js"

const here = dirname(fileURLToPath(import.meta.url))
const goldenFile = (name: string) => join(here, "__golden__", name)
const expectGolden = (name: string, actual: unknown) => {
  const { expected, actual: text } = golden(goldenFile(name), actual)
  expect(text).toBe(expected)
}

const key = intentKey(assignmentIntent)
const pkg = { id: "232", name: "PowerShell 7.4.1" }
const group = { id: "17", name: groupName(key) }
const plan = (input = assignmentIntent, hints = {}) => {
  const planned = planPolicy(input, hints)
  if (planned._tag !== "Plan") throw new Error("expected a plan")
  return planned.plan
}

describe("package mapping", () => {
  it("maps an intent to the Jamf Pro API package body", () => {
    expectGolden("package.json", packageBody(packageIntent, intentKey(packageIntent), {}, "-1"))
  })

  it("takes category and priority from hints, reboot from the intent", () => {
    const forced = decodePackage({ ...packageInput, restart: "force", description: undefined })
    const body = packageBody(forced, intentKey(forced), { categoryId: "7", priority: 3 }, "-1")
    expect(body).toMatchObject({
      categoryId: "7",
      priority: 3,
      rebootRequired: true,
      info: "Microsoft PowerShell 7.4.1"
    })
  })

  it("writes notes that read back, and names records by name and version", () => {
    const notes = packageNotes(intentKey(packageIntent), "Power Shell; x", "7.4.1", "PowerShell.app")
    expect(notes).not.toMatch(/["]/)
    expect(readPackageNotes(notes)).toEqual({
      key: intentKey(packageIntent),
      name: "Power Shell; x",
      version: "7.4.1",
      application: "PowerShell.app"
    })
    expect(readPackageNotes("someone else's notes")).toBeUndefined()
    expect(readPackageNotes(null)).toBeUndefined()
    expect(readPackageNotes(`key=${intentKey(packageIntent)} package=%E0%A4%A`)?.name).toBe("%E0%A4%A")
    expect(packageName("PowerShell", "7.4.1")).toBe("PowerShell 7.4.1")
  })

  it("finds the application bundle a package installs from its detection rules", () => {
    expect(applicationOf(packageIntent)).toBe("PowerShell.app")
    const named = decodePackage({
      ...packageInput,
      detection: [{ _tag: "file", path: "/Applications", name: "Firefox.app", check: "exists" }]
    })
    expect(applicationOf(named)).toBe("Firefox.app")
    const none = decodePackage({ ...packageInput, detection: [{ _tag: "package", packageName: "x" }] })
    expect(applicationOf(none)).toBeUndefined()
    const noApp = decodePackage({
      ...packageInput,
      detection: [{ _tag: "file", path: "/usr/local/bin", name: "pwsh", check: "exists" }]
    })
    expect(applicationOf(noApp)).toBeUndefined()
  })
})

describe("policy mapping", () => {
  it("maps a required assignment to a Classic policy document", () => {
    const xml = policyXml(assignmentIntent, key, plan(), pkg, group)
    expect(XMLValidator.validate(xml)).toBe(true)
    expectGolden("policy.required.xml", xml)
  })

  it("maps an available assignment to a Self Service policy", () => {
    const available = decodeAssignment({ ...assignmentInput, intent: "available", schedule: undefined })
    const xml = policyXml(available, intentKey(available), plan(available, { trigger: "pwsh" }), pkg, group)
    expectGolden("policy.available.xml", xml)
  })

  it("keeps retries to Once per computer and escapes names", () => {
    const ongoing = plan(assignmentIntent, { frequency: "Ongoing", action: "Cache" })
    const xml = policyXml(assignmentIntent, key, ongoing, { id: "x1", name: "A & <B>" }, group)
    expect(xml).toMatch(/<retry_event>none<\/retry_event>\s*<retry_attempts>-1<\/retry_attempts>/)
    expect(xml).toContain("<name>A &amp; &lt;B&gt;</name>")
    expect(xml).toContain("<id>x1</id>")
  })

  it("names the policy from package, intent and key", () => {
    expect(policyName(assignmentIntent, key)).toBe(`PowerShell 7.4.1 required (planes ${key})`)
  })

  it("refuses uninstall, deadlines and spread windows with words a person can act on", () => {
    for (const [change, tag] of [
      [{ intent: "uninstall" }, "Uninstall"],
      [{ schedule: { deadline: "2026-12-03T18:00:00Z" } }, "Deadline"],
      [{ schedule: { spreadMinutes: 60 } }, "Spread"]
    ] as const) {
      const planned = planPolicy(decodeAssignment({ ...assignmentInput, ...change }), {})
      expect(planned).toEqual({ _tag: "Problem", problem: { _tag: tag } })
      if (planned._tag === "Problem") expect(describePolicyProblem(planned.problem)).toMatch(/Jamf/)
    }
  })

  it("repoints a policy at another package, and flushes logs per computer", () => {
    expectGolden("policy.repoint.xml", repointXml({ id: "233", name: "PowerShell 7.4.0" }, "Install"))
    expectGolden("logflush.xml", logFlushXml("42", ["1", "2"]))
  })
})

describe("group mapping", () => {
  it("maps devices to a static group and criteria to a smart group", () => {
    const description = groupDescription(key, "PowerShell", "7.4.1")
    expectGolden("group.static.json", staticGroupBody(groupName(key), description, ["12", "34"]))
    const criteria = parseCriteria(
      JSON.stringify([
        { name: "Operating System Version", searchType: "greater than or equal", value: "14.0" },
        {
          name: "Model",
          searchType: "like",
          value: "MacBook",
          andOr: "or",
          openingParen: true,
          closingParen: true
        }
      ])
    )
    if (criteria._tag !== "Right") throw new Error("criteria should parse")
    expectGolden("group.smart.json", smartGroupBody(groupName(key), description, criteria.right))
  })

  it("says what is wrong with a query that is not criteria", () => {
    expect(parseCriteria("[]")).toMatchObject({ _tag: "Left" })
    expect(parseCriteria('[{"name":"Model"}]')).toMatchObject({
      _tag: "Left",
      left: expect.stringContaining("searchType")
    })
    expect(parseCriteria("not json")).toMatchObject({ _tag: "Left" })
  })
})

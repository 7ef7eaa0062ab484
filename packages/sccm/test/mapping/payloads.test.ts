import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import { intentKey } from "@planes/core"
import { golden } from "@planes/core/testing"
import { collectionBody, membershipRuleBody, sameRule } from "../../src/mapping/collection.js"
import { deploymentBody, intentOf } from "../../src/mapping/deployment.js"
import { assignmentIntent, packageIntent } from "../support/intents.js"

const goldenFile = (name: string) => fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url))
const example = (name: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL(`../../../../contracts/vendor-examples/sccm/${name}`, import.meta.url)),
      "utf8"
    )
  )

const pkg = packageIntent("1.2.3")
const application = { ciId: 16777301, modelId: 16777300, name: "Contoso Widget 1.2.3" }

const body = (intent: ReturnType<typeof assignmentIntent>) =>
  deploymentBody({
    key: intentKey(intent),
    intent: intent.intent,
    schedule: intent.schedule,
    application,
    collectionId: "ABC00012"
  })

describe("the deployment payloads", () => {
  const required = assignmentIntent(pkg, { _tag: "group", id: "ABC00012" }, "required", {
    schedule: { start: "2030-01-01T00:00:00Z", deadline: "2030-01-02T08:00:00+02:00", spreadMinutes: 30 }
  })
  const available = assignmentIntent(pkg, { _tag: "group", id: "ABC00012" }, "available")
  const uninstall = assignmentIntent(pkg, { _tag: "group", id: "ABC00012" }, "uninstall", {
    schedule: { start: "2030-01-01T00:00:00Z" }
  })

  it.each([
    ["required", required],
    ["available", available],
    ["uninstall", uninstall]
  ])("%s", (name, intent) => {
    const { expected, actual } = golden(goldenFile(`deployment.${name}.json`), body(intent))
    expect(actual).toBe(expected)
  })

  it("has every property of the documented create request, with the same types", () => {
    const documented = example("wmi-sms_applicationassignment.create.composed.request.json")
    const ours: Record<string, unknown> = body(required)
    for (const [name, value] of Object.entries(documented)) {
      expect(ours, name).toHaveProperty(name)
      expect(typeof ours[name], name).toBe(typeof value)
    }
  })

  it("reads its intent back from a deployment row", () => {
    for (const intent of [required, available, uninstall]) {
      const b = body(intent)
      expect(intentOf(b)).toBe(intent.intent)
    }
  })
})

describe("the collection payloads", () => {
  const intent = assignmentIntent(pkg, { _tag: "query", query: "select * from SMS_R_System" })

  it("the collection, with the key in its Comment", () => {
    const made = collectionBody(intent, intentKey(intent), "SMS00001")
    const { expected, actual } = golden(goldenFile("collection.json"), made)
    expect(actual).toBe(expected)
    expect(Object.keys(made).sort()).toEqual(
      Object.keys(example("wmi-sms_collection.create.request.json")).sort()
    )
  })

  it("membership rules, in the documented shape", () => {
    const direct = membershipRuleBody({ _tag: "direct", resourceId: 16777219, name: "WS-0001" })
    expect(Object.keys(direct.collectionRule).sort()).toEqual(
      Object.keys(
        example("wmi-sms_collection.addmembershiprule.request.json").collectionRule as object
      ).sort()
    )
    const query = membershipRuleBody({ _tag: "query", query: "select * from SMS_R_System" })
    const { expected, actual } = golden(goldenFile("membershipRules.json"), [direct, query])
    expect(actual).toBe(expected)
  })

  it("recognises rules that already exist", () => {
    const direct = { _tag: "direct" as const, resourceId: 1, name: "a" }
    const query = { _tag: "query" as const, query: "select 1 " }
    expect(sameRule(direct, { "@odata.type": "#AdminService.SMS_CollectionRuleDirect", ResourceID: 1 })).toBe(
      true
    )
    expect(sameRule(direct, { "@odata.type": "#AdminService.SMS_CollectionRuleDirect", ResourceID: 2 })).toBe(
      false
    )
    expect(
      sameRule(query, { "@odata.type": "#AdminService.SMS_CollectionRuleQuery", QueryExpression: "select 1" })
    ).toBe(true)
    expect(
      sameRule(query, { "@odata.type": "#AdminService.SMS_CollectionRuleQuery", QueryExpression: null })
    ).toBe(false)
    expect(sameRule(query, { "@odata.type": "#AdminService.SMS_CollectionRuleDirect", ResourceID: 1 })).toBe(
      false
    )
  })
})

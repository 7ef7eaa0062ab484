import { describe, expect, it } from "vitest"
import { parseClassicXml } from "../src/index.js"
import { arr, example, makeSim, packageBody } from "./helpers.js"

const smartGroupXml = (name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<computer_group>
  <name>${name}</name>
  <is_smart>true</is_smart>
  <site><id>-1</id><name>None</name></site>
  <criteria>
    <size>2</size>
    <criterion><name>Operating System</name><priority>0</priority><and_or>and</and_or><search_type>not like</search_type><value>server</value><opening_paren>false</opening_paren><closing_paren>false</closing_paren></criterion>
    <criterion><name>Application Title</name><priority>1</priority><and_or>and</and_or><search_type>is not</search_type><value>Server.app</value><opening_paren>false</opening_paren><closing_paren>false</closing_paren></criterion>
  </criteria>
</computer_group>`

const keysDeep = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.length === 0 ? [] : [keysDeep(value[0])]
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keysDeep(v)]))
  }
  return typeof value
}

describe("Classic computer groups", () => {
  it("round-trips a smart group in XML and answers the documented JSON shape", async () => {
    const { call, xml } = await makeSim()
    const created = await xml(
      "POST",
      "/JSSResource/computergroups/id/0",
      smartGroupXml("All Managed Clients")
    )
    expect(created.status).toBe(201)
    expect(created.headers.get("content-type")).toMatch(/text\/xml/)
    expect(created.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><computer_group><id>1</id></computer_group>'
    )
    const read = await call("GET", "/JSSResource/computergroups/id/1")
    const parsed = parseClassicXml(read.text)
    expect(parsed).toMatchObject({
      ok: true,
      root: "computer_group",
      value: {
        id: "1",
        name: "All Managed Clients",
        is_smart: "true",
        criteria: [
          { name: "Operating System", search_type: "not like", value: "server", priority: "0" },
          { name: "Application Title", search_type: "is not", value: "Server.app", priority: "1" }
        ]
      }
    })
    expect(read.text).toContain("<criteria><size>2</size><criterion>")
    const json = await call("GET", "/JSSResource/computergroups/name/All%20Managed%20Clients", {
      headers: { accept: "application/json" }
    })
    const documented = JSON.parse(example("classic_computer_group.json")) as unknown
    expect(keysDeep(json.json)).toEqual(keysDeep(documented))
    expect(json.json.computer_group?.computers).toHaveLength(10)
    expect(json.json.computer_group?.site).toEqual({ id: -1, name: "None" })
  })

  it("answers Jamf's 409 HTML page for a duplicate name, 404 and 400 pages", async () => {
    const { call, xml } = await makeSim()
    await xml("POST", "/JSSResource/computergroups/id/0", smartGroupXml("Ring 1"))
    const dup = await xml("POST", "/JSSResource/computergroups/id/0", smartGroupXml("ring 1"))
    expect(dup.status).toBe(409)
    expect(dup.headers.get("content-type")).toMatch(/text\/html/)
    const documented = example("classic_409_conflict.html")
    expect(dup.text).toBe(documented.replace("Error: Duplicate serial number", "Error: Duplicate name"))
    const missing = await call("GET", "/JSSResource/computergroups/id/99")
    expect(missing.status).toBe(404)
    expect(missing.text).toContain("<p>The server has not found anything matching the request URI</p>")
    expect(missing.text).toContain("rfc2616-sec10.html#sec10.4.5")
    for (const body of [
      "<computer_group><name>x</name>",
      "not xml",
      "",
      "<policy><name>x</name></policy>",
      "<a/><b/>"
    ]) {
      const bad = await xml("POST", "/JSSResource/computergroups/id/0", body)
      expect(bad.status, body).toBe(400)
      expect(bad.text, body).toContain("<title>Status page</title>")
    }
    const badValue = await xml(
      "POST",
      "/JSSResource/computergroups/id/0",
      "<computer_group><name>x</name><is_smart>maybe</is_smart></computer_group>"
    )
    expect(badValue.status).toBe(400)
    expect(badValue.text).toContain("Error: Problem with is_smart")
    const noName = await xml(
      "POST",
      "/JSSResource/computergroups/id/0",
      "<computer_group><is_smart>false</is_smart></computer_group>"
    )
    expect(noName.status).toBe(409)
    const badCriterion = await xml(
      "POST",
      "/JSSResource/computergroups/id/0",
      "<computer_group><name>c</name><is_smart>true</is_smart><criteria><criterion><name>Shoe Size</name><search_type>is</search_type></criterion></criteria></computer_group>"
    )
    expect(badCriterion.status).toBe(409)
    expect(badCriterion.text).toContain("Unsupported criterion")
  })

  it("keeps static group members, matches computers by id, name or serial, updates and deletes", async () => {
    const { sim, call, xml } = await makeSim()
    const [first, second] = sim.stores.fleet.get("default").computers
    const created = await xml(
      "POST",
      "/JSSResource/computergroups/id/0",
      `<computer_group><name>Pilot</name><is_smart>false</is_smart><computers><computer><id>${first?.id}</id></computer><computer><serial_number>${second?.serialNumber}</serial_number></computer></computers></computer_group>`
    )
    expect(created.status).toBe(201)
    const read = await call("GET", "/JSSResource/computergroups/id/1", {
      headers: { accept: "application/json" }
    })
    expect(arr(read.json.computer_group?.computers).map((m) => m.id)).toEqual([first?.id, second?.id])
    const unmatched = await xml(
      "PUT",
      "/JSSResource/computergroups/id/1",
      "<computer_group><computers><computer><id>999</id></computer></computers></computer_group>"
    )
    expect(unmatched.status).toBe(409)
    expect(unmatched.text).toContain("Error: Unable to match computer")
    const renamed = await xml(
      "PUT",
      "/JSSResource/computergroups/name/Pilot",
      `<computer_group><name>Pilot 2</name><computers><computer><name>${first?.name}</name></computer></computers></computer_group>`
    )
    expect(renamed.status).toBe(201)
    const list = await call("GET", "/JSSResource/computergroups")
    expect(list.text).toContain(
      "<computer_groups><size>1</size><computer_group><id>1</id><name>Pilot 2</name><is_smart>false</is_smart>"
    )
    expect((await xml("PUT", "/JSSResource/computergroups/id/9", "<computer_group/>")).status).toBe(404)
    await xml("POST", "/JSSResource/computergroups/id/0", smartGroupXml("Other"))
    expect(
      (
        await xml(
          "PUT",
          "/JSSResource/computergroups/id/1",
          "<computer_group><name>other</name></computer_group>"
        )
      ).status
    ).toBe(409)
    expect((await call("DELETE", "/JSSResource/computergroups/id/1")).text).toContain(
      "<computer_group><id>1</id></computer_group>"
    )
    expect((await call("DELETE", "/JSSResource/computergroups/name/Other")).status).toBe(200)
    expect((await call("DELETE", "/JSSResource/computergroups/id/1")).status).toBe(404)
  })

  it("checks smart and static privileges by the body", async () => {
    const { sim, xml, tokenFor, call } = await makeSim()
    sim.seed({
      clients: [
        {
          clientId: "static-only",
          clientSecret: "s",
          privileges: ["Create Static Computer Groups", "Read Static Computer Groups"]
        }
      ]
    })
    const token = await tokenFor("static-only", "s")
    const smart = await call("POST", "/JSSResource/computergroups/id/0", {
      token,
      raw: smartGroupXml("S"),
      headers: { "content-type": "text/xml" }
    })
    expect(smart.status).toBe(403)
    await xml("POST", "/JSSResource/computergroups/id/0", smartGroupXml("S"))
    expect(
      (await call("PUT", "/JSSResource/computergroups/id/1", { token, raw: "<computer_group/>" })).status
    ).toBe(403)
    expect((await call("DELETE", "/JSSResource/computergroups/id/1", { token })).status).toBe(403)
  })
})

describe("Classic policies", () => {
  const setUp = async () => {
    const env = await makeSim()
    const pkg = await env.call("POST", "/api/v1/packages", {
      body: packageBody("powershell-7.4.1-osx-x64.pkg")
    })
    await env.xml("POST", "/JSSResource/computergroups/id/0", smartGroupXml("Ring 1 - Pilot"))
    const policyXml = example("classic_policy_install.xml")
      .replace("<id>232</id>", `<id>${pkg.json.id}</id>`)
      .replace("<id>17</id>", "<id>1</id>")
    return { ...env, policyXml }
  }

  it("creates the documented policy and reads it back in XML and JSON", async () => {
    const { call, xml, policyXml } = await setUp()
    const created = await xml("POST", "/JSSResource/policies/id/0", policyXml)
    expect(created.status).toBe(201)
    expect(created.text).toBe('<?xml version="1.0" encoding="UTF-8"?><policy><id>1</id></policy>')
    const read = parseClassicXml((await call("GET", "/JSSResource/policies/id/1")).text)
    expect(read).toMatchObject({
      ok: true,
      value: {
        general: {
          id: "1",
          name: "Install PowerShell 7.4.1",
          enabled: "true",
          trigger_checkin: "true",
          trigger_other: "install-powershell",
          frequency: "Once per computer",
          retry_event: "check-in",
          retry_attempts: "3",
          category: { id: "-1", name: "No category assigned" },
          site: { id: "-1", name: "NONE" }
        },
        scope: { all_computers: "false", computer_groups: [{ id: "1", name: "Ring 1 - Pilot" }] },
        package_configuration: {
          packages: [
            { id: "1", name: "powershell-7.4.1-osx-x64.pkg", action: "Install", fut: "false", feu: "false" }
          ],
          distribution_point: "default"
        },
        maintenance: { recon: "true" }
      }
    })
    const json = await call("GET", "/JSSResource/policies/name/Install%20PowerShell%207.4.1", {
      headers: { accept: "application/json" }
    })
    expect(json.json.policy?.package_configuration?.packages).toEqual([
      {
        id: 1,
        name: "powershell-7.4.1-osx-x64.pkg",
        action: "Install",
        fut: false,
        feu: false,
        update_autorun: false
      }
    ])
    const subset = await call("GET", "/JSSResource/policies/id/1/subset/General&Scope")
    expect(Object.keys((parseClassicXml(subset.text) as { value: object }).value)).toEqual([
      "general",
      "scope"
    ])
    const byName = await call(
      "GET",
      "/JSSResource/policies/name/Install%20PowerShell%207.4.1/subset/PackageConfiguration"
    )
    expect(byName.text).toContain("<package_configuration><packages><size>1</size>")
    expect((await call("GET", "/JSSResource/policies")).text).toContain(
      "<policies><size>1</size><policy><id>1</id><name>Install PowerShell 7.4.1</name></policy></policies>"
    )
  })

  it("answers 409 for duplicates and bad references, and merges updates keeping the scope", async () => {
    const { call, xml, policyXml } = await setUp()
    await xml("POST", "/JSSResource/policies/id/0", policyXml)
    const dup = await xml("POST", "/JSSResource/policies/id/0", policyXml)
    expect(dup.status).toBe(409)
    expect(dup.text).toContain("<p>Error: Duplicate name</p>")
    for (const [body, message] of [
      ["<policy><general><enabled>true</enabled></general></policy>", "Policy name is required"],
      [
        "<policy><general><name>a</name><frequency>Sometimes</frequency></general></policy>",
        "Invalid frequency"
      ],
      [
        "<policy><general><name>a</name><retry_event>never</retry_event></general></policy>",
        "Invalid retry_event"
      ],
      [
        "<policy><general><name>a</name><retry_attempts>11</retry_attempts></general></policy>",
        "retry_attempts"
      ],
      [
        "<policy><general><name>a</name></general><package_configuration><packages><package><id>77</id></package></packages></package_configuration></policy>",
        "Problem with package"
      ],
      [
        "<policy><general><name>a</name></general><package_configuration><packages><package><id>1</id><action>Dance</action></package></packages></package_configuration></policy>",
        "Invalid package action"
      ],
      [
        "<policy><general><name>a</name></general><scope><computers><computer><id>999</id></computer></computers></scope></policy>",
        "Unable to match computer"
      ],
      [
        "<policy><general><name>a</name></general><scope><computer_groups><computer_group><name>nope</name></computer_group></computer_groups></scope></policy>",
        "Problem with computer group"
      ],
      [
        "<policy><general><name>a</name></general><scope><exclusions><computers><computer><id>999</id></computer></computers></exclusions></scope></policy>",
        "Unable to match computer"
      ],
      [
        "<policy><general><name>a</name></general><scope><exclusions><computer_groups><computer_group><id>9</id></computer_group></computer_groups></exclusions></scope></policy>",
        "Problem with computer group"
      ]
    ] as const) {
      const r = await xml("POST", "/JSSResource/policies/id/0", body)
      expect(r.status, body).toBe(409)
      expect(r.text, body).toContain(message)
    }
    // Rollback: point the policy at another package, keep its scope.
    await call("POST", "/api/v1/packages", { body: packageBody("powershell-7.4.0-osx-x64.pkg") })
    const rolled = await xml(
      "PUT",
      "/JSSResource/policies/id/1",
      "<policy><package_configuration><packages><package><name>powershell-7.4.0-osx-x64.pkg</name><action>Cache</action></package></packages></package_configuration></policy>"
    )
    expect(rolled.status).toBe(201)
    const after = await call("GET", "/JSSResource/policies/id/1", { headers: { accept: "application/json" } })
    expect(after.json.policy?.package_configuration?.packages?.[0]).toMatchObject({ id: 2, action: "Cache" })
    expect(after.json.policy?.scope?.computer_groups).toEqual([{ id: 1, name: "Ring 1 - Pilot" }])
    const refused = await xml(
      "PUT",
      "/JSSResource/policies/id/1",
      "<policy><general><frequency>Never</frequency></general></policy>"
    )
    expect(refused.status).toBe(409)
    expect(
      (await xml("PUT", "/JSSResource/policies/id/1", "<policy><general><name> </name></general></policy>"))
        .status
    ).toBe(409)
    await xml("POST", "/JSSResource/policies/id/0", "<policy><general><name>second</name></general></policy>")
    expect(
      (
        await xml(
          "PUT",
          "/JSSResource/policies/name/second",
          "<policy><general><name>Install PowerShell 7.4.1</name></general></policy>"
        )
      ).status
    ).toBe(409)
    const selfService = await xml(
      "PUT",
      "/JSSResource/policies/name/second",
      "<policy><general><category><name>Apps</name></category><site><id>-1</id></site></general><self_service><use_for_self_service>true</use_for_self_service></self_service><scope><all_computers>true</all_computers><exclusions><computers/></exclusions></scope></policy>"
    )
    expect(selfService.status).toBe(201)
    const second = await call("GET", "/JSSResource/policies/id/2/subset/General&SelfService", {
      headers: { accept: "application/json" }
    })
    expect(second.json.policy?.general).toMatchObject({
      trigger: "USER_INITIATED",
      category: { id: -1, name: "Apps" }
    })
    expect(second.json.policy?.self_service?.use_for_self_service).toBe(true)
    expect((await xml("PUT", "/JSSResource/policies/id/9", "<policy/>")).status).toBe(404)
    expect(
      (
        await xml(
          "PUT",
          "/JSSResource/policies/id/1",
          "<policy><general><enabled>yes</enabled></general></policy>"
        )
      ).status
    ).toBe(400)
    expect((await call("GET", "/JSSResource/policies/id/abc")).status).toBe(404)
    expect((await call("DELETE", "/JSSResource/policies/name/second")).status).toBe(200)
    expect((await call("DELETE", "/JSSResource/policies/id/1")).text).toContain("<policy><id>1</id></policy>")
    expect((await call("DELETE", "/JSSResource/policies/id/1")).status).toBe(404)
  })

  it("drops a deleted group from policy scopes", async () => {
    const { call, xml, policyXml } = await setUp()
    await xml(
      "POST",
      "/JSSResource/policies/id/0",
      policyXml.replace(
        "<exclusions>\n      <computer_groups/>",
        "<exclusions><computer_groups><computer_group><id>1</id></computer_group></computer_groups>"
      )
    )
    await call("DELETE", "/JSSResource/computergroups/id/1")
    const after = await call("GET", "/JSSResource/policies/id/1", { headers: { accept: "application/json" } })
    expect(after.json.policy?.scope?.computer_groups).toEqual([])
    expect(after.json.policy?.scope?.exclusions?.computer_groups).toEqual([])
  })
})

describe("Jamf Pro API computer groups", () => {
  it("creates, lists, reads and deletes smart and static groups; membership follows the fleet", async () => {
    const { sim, call } = await makeSim()
    const smart = await call("POST", "/api/v2/computer-groups/smart-groups", {
      body: {
        name: "Sonoma",
        criteria: [{ name: "Operating System Version", searchType: "like", value: "14." }],
        siteId: "-1"
      }
    })
    expect(smart.status).toBe(201)
    expect(smart.json).toEqual({ id: "1", href: "http://localhost/api/v2/computer-groups/smart-groups/1" })
    const dup = await call("POST", "/api/v2/computer-groups/smart-groups", { body: { name: "sonoma" } })
    expect(dup.json.errors?.[0]).toMatchObject({ code: "DUPLICATE_FIELD", field: "name" })
    const sonoma = sim.stores.fleet
      .get("default")
      .computers.filter((m) => m.osVersion.startsWith("14."))
      .map((m) => m.id)
    expect((await call("GET", "/api/v2/computer-groups/smart-group-membership/1")).json).toEqual({
      members: sonoma
    })
    const list = await call("GET", "/api/v2/computer-groups/smart-groups?page=0&page-size=100")
    expect(list.json).toEqual({
      totalCount: 1,
      results: [{ id: "1", name: "Sonoma", description: "", siteId: "-1", membershipCount: sonoma.length }]
    })
    expect((await call("GET", "/api/v2/computer-groups/smart-groups/1")).json.criteria).toHaveLength(1)
    const stat = await call("POST", "/api/v2/computer-groups/static-groups", {
      body: { name: "Two", assignments: ["1", 2] }
    })
    expect(stat.status).toBe(201)
    expect((await call("GET", "/api/v2/computer-groups/static-groups/2")).json).toMatchObject({
      assignments: ["1", "2"],
      membershipCount: 2
    })
    expect((await call("GET", "/api/v2/computer-groups/static-groups")).json.totalCount).toBe(1)
    const bad = await call("POST", "/api/v2/computer-groups/static-groups", {
      body: { name: "Bad", assignments: ["999"] }
    })
    expect(bad.json.errors?.[0]).toMatchObject({ code: "INVALID_ID", field: "assignments" })
    const empty = await call("POST", "/api/v2/computer-groups/static-groups", { body: { name: " " } })
    expect(empty.json.errors?.[0]).toMatchObject({ code: "INVALID_FIELD", field: "name" })
    const badCriterion = await call("POST", "/api/v2/computer-groups/smart-groups", {
      body: { name: "X", criteria: [{ name: "Model", searchType: "sounds like" }] }
    })
    expect(badCriterion.json.errors?.[0]).toMatchObject({ field: "criteria" })
    const badAndOr = await call("POST", "/api/v2/computer-groups/smart-groups", {
      body: { name: "Y", criteria: [{ name: "Model", searchType: "is", andOr: "xor" }] }
    })
    expect(badAndOr.status).toBe(400)
    expect((await call("GET", "/api/v2/computer-groups/smart-groups?sort=nope")).status).toBe(400)
    expect((await call("POST", "/api/v2/computer-groups/static-groups", { body: { nope: 1 } })).status).toBe(
      400
    )
    expect((await call("DELETE", "/api/v2/computer-groups/static-groups/2")).status).toBe(204)
    expect((await call("DELETE", "/api/v2/computer-groups/smart-groups/1")).status).toBe(204)
    expect((await call("GET", "/api/v2/computer-groups/smart-groups/1")).status).toBe(404)
    expect((await call("GET", "/api/v2/computer-groups/static-groups/2")).status).toBe(404)
    expect((await call("GET", "/api/v2/computer-groups/smart-group-membership/1")).status).toBe(404)
    expect((await call("DELETE", "/api/v2/computer-groups/smart-groups/1")).status).toBe(404)
  })
})

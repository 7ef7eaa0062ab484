import { readdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { parseClassicXml } from "../src/index.js"
import { example, makeSim, packageBody } from "./helpers.js"

const here = dirname(fileURLToPath(import.meta.url))

// The shape of a JSON value: keys and leaf types, first array element only.
const shape = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])]
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
  }
  return typeof value
}

// Splits a documented raw HTTP request into request line, headers and body.
const rawRequest = (text: string) => {
  const normalised = text.replace(/\r?\n/g, "\r\n")
  const split = normalised.indexOf("\r\n\r\n")
  const head = normalised.slice(0, split).split("\r\n")
  const [method = "", path = ""] = (head[0] ?? "").split(" ")
  const headers = Object.fromEntries(
    head
      .slice(1)
      .map((line) => [
        line.slice(0, line.indexOf(":")).toLowerCase(),
        line.slice(line.indexOf(":") + 1).trim()
      ])
  )
  return { method, path, headers, body: normalised.slice(split + 4) }
}

/** Each documented example and the check that the simulator accepts or answers it. */
const checks: Record<string, () => Promise<void>> = {
  "oauth_token_request.txt": async () => {
    const { sim } = await makeSim()
    sim.seed({
      clients: [
        {
          clientId: "6cabf059-21c9-44d6-bbde-02898f7430dd",
          clientSecret: "dzmsPks-FwXpks80jhQGZZrAV3H2_ER0NAk91RE-xOBZvfghd98EM1hF9msfkanl",
          privileges: []
        }
      ]
    })
    const request = rawRequest(example("oauth_token_request.txt"))
    const r = await sim.app.request(request.path, {
      method: request.method,
      headers: { "content-type": request.headers["content-type"] ?? "" },
      body: request.body.trim()
    })
    expect(r.status).toBe(200)
    expect(shape(await r.json())).toEqual(shape(JSON.parse(example("oauth_token_response.json"))))
  },
  "oauth_token_response.json": async () => checks["oauth_token_request.txt"]?.(),
  "bearer_token_response.json": async () => {
    const { sim } = await makeSim()
    const r = await sim.app.request("/api/v1/auth/token", {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from("alice:pw").toString("base64")}` }
    })
    expect(shape(await r.json())).toEqual(shape(JSON.parse(example("bearer_token_response.json"))))
  },
  "package_create_request.json": async () => {
    const { call } = await makeSim()
    const r = await call("POST", "/api/v1/packages", {
      raw: example("package_create_request.json"),
      headers: { "content-type": "application/json" }
    })
    expect(r.status).toBe(201)
    expect(shape(r.json)).toEqual(shape(JSON.parse(example("package_create_response.json"))))
  },
  "package_create_response.json": async () => checks["package_create_request.json"]?.(),
  "jamf_pro_api_error_duplicate.json": async () => {
    const { call } = await makeSim()
    await call("POST", "/api/v1/packages", { body: packageBody("same.pkg") })
    const r = await call("POST", "/api/v1/packages", { body: packageBody("same.pkg") })
    const documented = JSON.parse(example("jamf_pro_api_error_duplicate.json")) as { errors: object[] }
    expect(shape(r.json)).toEqual(shape(documented))
    expect(r.json).toMatchObject({
      httpStatus: 400,
      errors: [{ code: "DUPLICATE_FIELD", field: "packageName", id: "0" }]
    })
  },
  "package_upload_multipart.txt": async () => {
    const { call } = await makeSim()
    await call("POST", "/api/v1/packages", { body: packageBody("powershell-7.4.1-osx-x64.pkg") })
    const request = rawRequest(example("package_upload_multipart.txt"))
    const r = await call(request.method, request.path.replace("/232/", "/1/"), {
      raw: request.body,
      headers: { "content-type": request.headers["content-type"] ?? "", accept: "application/json" }
    })
    expect(r.status).toBe(201)
    expect(shape(r.json)).toEqual(shape(JSON.parse(example("package_create_response.json"))))
  },
  "rsql_and_paging_examples.txt": async () => {
    const { call } = await makeSim()
    const lines = example("rsql_and_paging_examples.txt")
      .split("\n")
      .filter((l) => l.startsWith("GET "))
    expect(lines).toHaveLength(3)
    for (const line of lines) {
      const r = await call("GET", line.slice(4).trim())
      expect(r.status, line).toBe(200)
      expect(Object.keys(r.json).sort(), line).toEqual(["results", "totalCount"])
    }
  },
  "classic_computer_group.json": async () => {
    const { call, xml } = await makeSim()
    const documented = JSON.parse(example("classic_computer_group.json")) as {
      computer_group: {
        name: string
        is_smart: boolean
        criteria: Record<string, string | number | boolean>[]
      }
    }
    const group = documented.computer_group
    const criteria = group.criteria
      .map(
        (c) =>
          `<criterion>${Object.entries(c)
            .map(([k, v]) => `<${k}>${v}</${k}>`)
            .join("")}</criterion>`
      )
      .join("")
    const created = await xml(
      "POST",
      "/JSSResource/computergroups/id/0",
      `<computer_group><name>${group.name}</name><is_smart>${group.is_smart}</is_smart><criteria>${criteria}</criteria></computer_group>`
    )
    expect(created.status).toBe(201)
    const read = await call("GET", "/JSSResource/computergroups/id/1", {
      headers: { accept: "application/json" }
    })
    expect(shape(read.json)).toEqual(shape(documented))
    expect(read.json.computer_group?.criteria).toEqual(group.criteria)
  },
  "classic_policy_install.xml": async () => {
    const { call, xml } = await makeSim()
    await call("POST", "/api/v1/packages", { body: packageBody("powershell-7.4.1-osx-x64.pkg") })
    await xml(
      "POST",
      "/JSSResource/computergroups/id/0",
      "<computer_group><name>Ring 1 - Pilot</name><is_smart>true</is_smart></computer_group>"
    )
    const body = example("classic_policy_install.xml")
      .replace("<id>232</id>", "<id>1</id>")
      .replace("<id>17</id>", "<id>1</id>")
    const created = await xml("POST", "/JSSResource/policies/id/0", body)
    expect(created.status).toBe(201)
    expect(parseClassicXml(created.text)).toEqual({ ok: true, root: "policy", value: { id: "1" } })
    const sent = parseClassicXml(body)
    const read = parseClassicXml((await call("GET", "/JSSResource/policies/id/1")).text)
    if (!sent.ok || !read.ok) throw new Error("unparseable")
    // Every element the example sends comes back with the same value.
    const contains = (whole: unknown, part: unknown): void => {
      if (typeof part !== "object" || part === null) {
        expect(whole).toBe(part)
      } else if (Array.isArray(part)) {
        for (const [i, p] of part.entries()) contains((whole as unknown[])[i], p)
      } else {
        for (const [k, v] of Object.entries(part)) contains((whole as Record<string, unknown>)[k], v)
      }
    }
    contains(read.value, {
      ...(sent.value as object),
      scope: { all_computers: "false", computer_groups: [{ id: "1", name: "Ring 1 - Pilot" }] }
    })
  },
  "classic_logflush_request.xml": async () => {
    const { call, xml } = await makeSim()
    await xml("POST", "/JSSResource/policies/id/0", "<policy><general><name>one</name></general></policy>")
    await xml("POST", "/JSSResource/policies/id/0", "<policy><general><name>two</name></general></policy>")
    const r = await call("DELETE", "/JSSResource/logflush", {
      raw: example("classic_logflush_request.xml"),
      headers: { "content-type": "text/xml" }
    })
    expect(r.status).toBe(200)
  },
  "classic_409_conflict.html": async () => {
    const { xml } = await makeSim()
    await xml("POST", "/JSSResource/policies/id/0", "<policy><general><name>same</name></general></policy>")
    const r = await xml(
      "POST",
      "/JSSResource/policies/id/0",
      "<policy><general><name>same</name></general></policy>"
    )
    expect(r.status).toBe(409)
    expect(r.text).toBe(
      example("classic_409_conflict.html").replace("Duplicate serial number", "Duplicate name")
    )
  }
}

describe("parity with the documented Jamf examples", () => {
  const files = readdirSync(join(here, "../../../contracts/vendor-examples/jamf")).filter(
    (f) => !f.endsWith(".src.txt")
  )

  it("has a check for every documented example", () => {
    expect(files.filter((f) => checks[f] === undefined)).toEqual([])
  })

  for (const file of files) {
    it(file, async () => {
      await checks[file]?.()
    })
  }
})

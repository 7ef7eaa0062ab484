import { describe, expect, it } from "vitest"
import { publish, setup } from "./helpers.js"

const POSTS = [
  "/api/v2/tokens/",
  "/api/v2/users/1/personal_tokens/",
  "/api/v2/organizations/",
  "/api/v2/inventories/",
  "/api/v2/inventories/1/hosts/",
  "/api/v2/hosts/",
  "/api/v2/projects/",
  "/api/v2/job_templates/",
  "/api/v2/job_templates/1/launch/",
  "/api/v2/jobs/1/relaunch/"
]

const BODIES: ReadonlyArray<{ raw: string; type?: string }> = [
  { raw: "{not json" },
  { raw: "[1,2,3]" },
  { raw: "null" },
  { raw: '"text"' },
  { raw: "42" },
  { raw: "a=b", type: "text/plain" },
  {
    raw: '{"name": {"nested": true}, "organization": "one", "inventory": [1], "project": true, "playbook": 5, "extra_vars": 7, "limit": [], "hosts": 3, "scope": 9, "description": false, "enabled": "perhaps", "variables": 3}'
  },
  {
    raw: '{"name": null, "organization": null, "project": null, "extra_vars": null, "inventory": null, "hosts": null, "credentials": null, "application": "x"}'
  }
]

describe("malformed requests", () => {
  it("answer AWX's 400 (or 415) bodies on every create route, never a 500", async () => {
    const ctx = setup()
    await publish(ctx)
    await ctx.call("POST", "/api/v2/job_templates/1/launch/", { body: {} })
    for (const path of POSTS) {
      for (const { raw, type } of BODIES) {
        const res = await ctx.call("POST", path, {
          raw,
          headers: { "content-type": type ?? "application/json" }
        })
        // A personal token's `application` is read-only and nulls of unknown keys are ignored: that one creates.
        const expected =
          path.includes("personal_tokens") && raw.includes('"application": "x"') ? [201] : [400, 415]
        expect(expected, `${path} ${raw} -> ${res.status} ${res.text}`).toContain(res.status)
        expect(typeof res.json).toBe("object")
      }
    }
  })

  it("words parse errors and wrong media types as DRF does", async () => {
    const { call } = setup()
    const parse = await call("POST", "/api/v2/organizations/", {
      raw: "{oops",
      headers: { "content-type": "application/json" }
    })
    expect(parse.status).toBe(400)
    expect(parse.json.detail).toMatch(/^JSON parse error - /)
    const list = await call("POST", "/api/v2/organizations/", {
      raw: "[]",
      headers: { "content-type": "application/json" }
    })
    expect(list.json).toEqual({ __all__: ["Invalid data. Expected a dictionary, but got list."] })
    const nil = await call("POST", "/api/v2/organizations/", {
      raw: "null",
      headers: { "content-type": "application/json" }
    })
    expect(nil.json).toEqual({ __all__: ["Invalid data. Expected a dictionary, but got NoneType."] })
    const media = await call("POST", "/api/v2/organizations/", {
      raw: "name=x",
      headers: { "content-type": "text/plain" }
    })
    expect(media).toMatchObject({
      status: 415,
      json: { detail: 'Unsupported media type "text/plain" in request.' }
    })
    const typed = await call("POST", "/api/v2/organizations/", { body: { name: true } })
    expect(typed.json).toEqual({ name: ["Not a valid string."] })
    const numeric = await call("POST", "/api/v2/organizations/", { body: { name: 12 } })
    expect(numeric.json.name).toBe("12")
    const empty = await call("POST", "/api/v2/organizations/", {
      raw: "",
      headers: { "content-type": "application/json" }
    })
    expect(empty.json).toEqual({ name: ["This field is required."] })
  })

  it("accepts numeric strings for ids and string booleans, as DRF does", async () => {
    const ctx = setup()
    await publish(ctx)
    const inv = await ctx.call("POST", "/api/v2/inventories/", { body: { name: "n", organization: "1" } })
    expect(inv.json.organization).toBe(1)
    const host = await ctx.call("POST", "/api/v2/hosts/", {
      body: { name: "h", inventory: "1", enabled: "false" }
    })
    expect(host.json.enabled).toBe(false)
    const bad = await ctx.call("POST", "/api/v2/hosts/", { body: { name: "h2", inventory: 1, enabled: 3 } })
    expect(bad.json).toEqual({ enabled: ["Must be a valid boolean."] })
  })
})

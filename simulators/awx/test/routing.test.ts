import { describe, expect, it } from "vitest"
import { setup } from "./helpers.js"

describe("API roots and routing", () => {
  it("serves the same resources at /api/v2/ and /api/controller/v2/, with links on the caller's root", async () => {
    const { call } = setup()
    const awx = await call("GET", "/api/v2/inventories/1/")
    const gateway = await call("GET", "/api/controller/v2/inventories/1/")
    expect(awx.status).toBe(200)
    expect(gateway.status).toBe(200)
    expect(awx.json.url).toBe("/api/v2/inventories/1/")
    expect(gateway.json.url).toBe("/api/controller/v2/inventories/1/")
    expect(gateway.json.name).toBe(awx.json.name)
  })

  it("answers 301 with the slash appended and the query kept, for every method", async () => {
    const { call } = setup()
    const get = await call("GET", "/api/v2/hosts?page_size=5&name__icontains=ubuntu")
    expect(get.status).toBe(301)
    expect(get.headers.get("location")).toBe("/api/v2/hosts/?page_size=5&name__icontains=ubuntu")
    const post = await call("POST", "/api/controller/v2/job_templates/3/launch", { body: {} })
    expect(post.status).toBe(301)
    expect(post.headers.get("location")).toBe("/api/controller/v2/job_templates/3/launch/")
    const bare = await call("GET", "/api")
    expect(bare.headers.get("location")).toBe("/api/")
  })

  it("lists versions at /api/ and resources at the root, both without credentials; ping is public", async () => {
    const { call } = setup()
    const versions = await call("GET", "/api/", { auth: null })
    expect(versions.json.current_version).toBe("/api/v2/")
    const root = await call("GET", "/api/controller/v2/", { auth: null })
    expect(root.json.job_templates).toBe("/api/controller/v2/job_templates/")
    const ping = await call("GET", "/api/v2/ping/", { auth: null })
    expect(ping.status).toBe(200)
    expect(ping.json.version).toBe("24.6.1")
    const config = await call("GET", "/api/v2/config/")
    expect(config.json.license_info.product_name).toBe("AWX")
  })

  it("reports the Automation Platform when configured so", async () => {
    const { call } = setup({ product: "aap", version: "4.6.0" })
    const versions = await call("GET", "/api/")
    expect(versions.json.current_version).toBe("/api/controller/v2/")
    const res = await call("GET", "/api/controller/v2/me/")
    expect(res.headers.get("x-api-product-name")).toBe("Red Hat Ansible Automation Platform")
    expect(res.headers.get("x-api-product-version")).toBe("4.6.0")
  })

  it("sets the X-API-* headers and the seed header", async () => {
    const { call } = setup()
    const res = await call("GET", "/api/v2/me/")
    expect(res.headers.get("x-api-product-name")).toBe("AWX")
    expect(res.headers.get("x-api-node")).toBe("awx-sim-node")
    expect(res.headers.get("x-api-request-id")).toMatch(/-/)
    expect(res.headers.get("x-api-time")).toMatch(/s$/)
    expect(res.headers.get("x-sim-seed")).toBe("42")
  })

  it("answers unknown routes and objects with DRF's 404 and other methods with 405", async () => {
    const { call } = setup()
    const route = await call("GET", "/api/v2/nothing_here/", { auth: null })
    expect(route).toMatchObject({ status: 404, json: { detail: "Not found." } })
    const object = await call("GET", "/api/v2/jobs/999/")
    expect(object).toMatchObject({ status: 404, json: { detail: "Not found." } })
    const named = await call("GET", "/api/v2/jobs/abc/")
    expect(named.status).toBe(404)
    const method = await call("DELETE", "/api/v2/jobs/")
    expect(method).toMatchObject({ status: 405, json: { detail: 'Method "DELETE" not allowed.' } })
  })

  it("keeps kit faults in AWX's shape", async () => {
    const { sim, call } = setup()
    await sim.app.request("/_sim/faults", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        match: { path: "/api/v2/jobs/" },
        trigger: { kind: "once" },
        effect: { kind: "http", status: 502, message: "Bad Gateway" }
      })
    })
    const res = await call("GET", "/api/v2/jobs/")
    expect(res).toMatchObject({ status: 502, json: { detail: "Bad Gateway" } })
  })
})

import { serve } from "@planes/sim-kit"
import { afterEach, describe, expect, it } from "vitest"
import { nodeCookieValue } from "../src/index.js"
import { type Loose, makeSim, packageBody } from "./helpers.js"

describe("cluster and sticky cookie", () => {
  it("sets the cookie naming the serving node on every answer", async () => {
    const { call } = await makeSim()
    const r = await call("GET", "/api/v1/packages")
    expect(r.headers.get("set-cookie")).toMatch(/^jpro-ingress=[0-9a-f]{32}; Path=\/; HttpOnly$/)
    const pinned = await call("GET", "/api/v1/packages", {
      headers: { cookie: `jpro-ingress=${nodeCookieValue(7, 1)}` }
    })
    expect(pinned.headers.get("set-cookie")).toContain(nodeCookieValue(7, 1))
  })

  it("hides a fresh write from other nodes until the replication lag passes; the cookie always sees it", async () => {
    const { sim, call, xml, advance } = await makeSim({ settings: { nodes: 3, replicationLagMs: 60_000 } })
    const cluster = (await sim.app.request("/_sim/jamf/cluster")).json() as Promise<Loose>
    const nodes = (await cluster).nodes as unknown as { cookie: string }[]
    const on = (node: number) => ({ cookie: `jpro-ingress=${nodes[node]?.cookie}` })
    const created = await call("POST", "/api/v1/packages", { body: packageBody("fresh.pkg"), headers: on(0) })
    expect(created.headers.get("set-cookie")).toContain(nodes[0]?.cookie)
    await xml(
      "POST",
      "/JSSResource/policies/id/0",
      "<policy><general><name>fresh</name></general></policy>",
      on(0)
    )
    await xml(
      "POST",
      "/JSSResource/computergroups/id/0",
      "<computer_group><name>fresh</name></computer_group>",
      on(0)
    )

    expect((await call("GET", "/api/v1/packages/1", { headers: on(0) })).status).toBe(200)
    expect((await call("GET", "/api/v1/packages/1", { headers: on(1) })).status).toBe(404)
    expect((await call("GET", "/api/v1/packages", { headers: on(2) })).json.totalCount).toBe(0)
    expect((await call("GET", "/JSSResource/policies/id/1", { headers: on(1) })).status).toBe(404)
    expect((await call("GET", "/JSSResource/computergroups/id/1", { headers: on(1) })).status).toBe(404)
    expect((await call("GET", "/JSSResource/policies/id/1", { headers: on(0) })).status).toBe(200)
    // The database has it: a create on a stale node is a duplicate, as JamfSync saw.
    const dup = await call("POST", "/api/v1/packages", { body: packageBody("fresh.pkg"), headers: on(1) })
    expect(dup.json.errors?.[0]).toMatchObject({ code: "DUPLICATE_FIELD" })

    // Without a cookie the balancer picks a node (seeded): some reads miss the write.
    const statuses = new Set<number>()
    for (let i = 0; i < 20; i++) statuses.add((await call("GET", "/api/v1/packages/1")).status)
    expect([...statuses].sort()).toEqual([200, 404])

    advance(60_000)
    expect((await call("GET", "/api/v1/packages/1", { headers: on(1) })).status).toBe(200)
    expect((await call("GET", "/JSSResource/policies/id/1", { headers: on(2) })).status).toBe(200)
  })
})

describe("connection limit", () => {
  let close: (() => Promise<void>) | undefined
  afterEach(async () => {
    await close?.()
    close = undefined
  })

  it("answers 503 beyond the configured concurrent requests per client, over a real socket", async () => {
    const { sim, call, token } = await makeSim({ settings: { connectionLimit: 2 } })
    await call("POST", "/api/v1/packages", { body: packageBody("slow.pkg") })
    const server = await serve(sim.app)
    close = server.close
    const boundary = "XyZ"
    const releases: (() => void)[] = []
    const slowUpload = () => {
      let release: () => void = () => undefined
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(
            new TextEncoder().encode(
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.pkg"\r\nContent-Type: application/octet-stream\r\n\r\nabc`
            )
          )
          release = () => {
            controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`))
            controller.close()
          }
        }
      })
      const response = fetch(`${server.url}/api/v1/packages/1/upload`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": `multipart/form-data; boundary=${boundary}`
        },
        body,
        duplex: "half"
      } as RequestInit)
      releases.push(() => release())
      return response
    }
    const uploads = [slowUpload(), slowUpload()]
    // Wait until both uploads are inside the simulator.
    for (
      let i = 0;
      i < 200 && Object.values(sim.connections.inFlight()).reduce((a, b) => a + b, 0) < 2;
      i++
    ) {
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(sim.connections.inFlight()).toEqual({ "client:admin-client": 2 })
    const refused = await fetch(`${server.url}/api/v1/packages`, {
      headers: { authorization: `Bearer ${token}` }
    })
    expect(refused.status).toBe(503)
    expect(await refused.json()).toEqual({
      httpStatus: 503,
      errors: [
        { code: "SERVICE_UNAVAILABLE", field: "", description: expect.stringContaining("limit 2"), id: "0" }
      ]
    })
    const classic = await fetch(`${server.url}/JSSResource/policies`, {
      headers: { authorization: `Bearer ${token}` }
    })
    expect(classic.status).toBe(503)
    expect(await classic.text()).toContain("Service Unavailable")
    for (const release of releases) release()
    expect((await Promise.all(uploads)).map((r) => r.status)).toEqual([201, 201])
    expect(
      (await fetch(`${server.url}/api/v1/packages`, { headers: { authorization: `Bearer ${token}` } })).status
    ).toBe(200)
    const admin = (await (await fetch(`${server.url}/_sim/jamf/connections`)).json()) as Loose
    expect(admin).toEqual({ inFlight: {}, rejected: { "client:admin-client": 2 } })
  })
})

describe("lost response", () => {
  it("applies a create whose reply is dropped, so a retry meets DUPLICATE_FIELD and one package exists", async () => {
    const { sim, token } = await makeSim()
    const server = await serve(sim.app)
    try {
      await sim.app.request("/_sim/faults", {
        method: "POST",
        body: JSON.stringify({
          match: { method: "POST", path: "/api/v1/packages" },
          trigger: { kind: "once" },
          effect: { kind: "lost" }
        })
      })
      const post = () =>
        fetch(`${server.url}/api/v1/packages`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(packageBody("once.pkg"))
        })
      await expect(post()).rejects.toThrow()
      const retry = await post()
      expect(retry.status).toBe(400)
      expect(((await retry.json()) as Loose).errors?.[0]?.code).toBe("DUPLICATE_FIELD")
      const state = sim.kit.snapshot().stores.packages as { default: { packages: { packageName: string }[] } }
      expect(state.default.packages.filter((p) => p.packageName === "once.pkg")).toHaveLength(1)
    } finally {
      await server.close()
    }
  })
})

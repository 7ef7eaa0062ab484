import { Agent, request as httpRequest } from "node:http"
import { describe, expect, it } from "vitest"
import { serve } from "../src/index.js"
import { makeSim } from "./fixtures.js"

describe("serve", () => {
  it("binds a free loopback port and closes despite an open keep-alive connection", async () => {
    const { app } = makeSim()
    const server = await serve(app, { port: 0 })
    expect(server.port).toBeGreaterThan(0)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    const agent = new Agent({ keepAlive: true })
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = httpRequest(`${server.url}/api/items`, { agent }, (res) => {
        res.resume()
        res.on("end", () => resolve(res.statusCode))
      })
      req.on("error", reject)
      req.end()
    })
    expect(status).toBe(200)
    // The agent keeps its socket open; close() must still resolve promptly.
    await server.close()
    agent.destroy()
    await expect(fetch(`${server.url}/api/items`)).rejects.toThrow()
  })

  it("brackets IPv6 hosts in the URL and rejects when the port is taken", async () => {
    const { app } = makeSim()
    const first = await serve(app)
    await expect(serve(app, { port: first.port })).rejects.toThrow(/EADDRINUSE/)
    await first.close()
    const v6 = await serve(app, { hostname: "::1" }).catch(() => undefined)
    if (v6 !== undefined) {
      expect(v6.url).toBe(`http://[::1]:${v6.port}`)
      await v6.close()
    }
  })
})

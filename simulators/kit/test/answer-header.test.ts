import { Hono } from "hono"
import { describe, expect, it } from "vitest"
import { setAnswerHeader } from "../src/index.js"

describe("setAnswerHeader", () => {
  it("adds headers to a finished answer in place, keeping its status and body, and appends on request", async () => {
    const app = new Hono()
    app.use("*", async (c, next) => {
      await next()
      setAnswerHeader(c, "x-sim-seed", "7")
      setAnswerHeader(c, "set-cookie", "a=1", { append: true })
      setAnswerHeader(c, "set-cookie", "b=2", { append: true })
    })
    app.get("/json", (c) => c.json({ ok: true }, 201))
    app.get("/raw", () => new Response("raw body", { status: 202 }))
    const json = await app.request("/json")
    expect(json.status).toBe(201)
    expect(json.headers.get("x-sim-seed")).toBe("7")
    expect(json.headers.getSetCookie()).toEqual(["a=1", "b=2"])
    expect(await json.json()).toEqual({ ok: true })
    const raw = await app.request("/raw")
    expect(raw.status).toBe(202)
    expect(raw.headers.get("x-sim-seed")).toBe("7")
    expect(await raw.text()).toBe("raw body")
  })

  it("falls back to Hono's c.header when the answer's headers are immutable", async () => {
    const app = new Hono()
    app.use("*", async (c, next) => {
      await next()
      setAnswerHeader(c, "x-sim-seed", "7")
    })
    // Response.redirect() carries immutable headers, as a fetched (proxied) answer does.
    app.get("/redirect", () => {
      const answer = Response.redirect("http://127.0.0.1/elsewhere", 302)
      expect(() => answer.headers.set("x-probe", "1")).toThrow(TypeError)
      return answer
    })
    const redirected = await app.request("/redirect")
    expect(redirected.status).toBe(302)
    expect(redirected.headers.get("location")).toBe("http://127.0.0.1/elsewhere")
    expect(redirected.headers.get("x-sim-seed")).toBe("7")
  })
})

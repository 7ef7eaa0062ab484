import { describe, expect, it } from "vitest"
import { compareVersions } from "../src/index.js"
import { json, login, makeSim, rest } from "./fixtures.js"

describe("Debian version order", () => {
  it("follows dpkg: epochs, tildes, letters before symbols, numeric runs", () => {
    const ordered = [
      "1.0~rc1",
      "1.0",
      "1.0-1",
      "1.0-1ubuntu1",
      "1.0-1ubuntu1.1",
      "1.0a",
      "1.0+dfsg",
      "1.2",
      "1.10",
      "1:0.1",
      "2:0"
    ]
    for (let i = 0; i < ordered.length - 1; i++) {
      const a = ordered[i] ?? ""
      const b = ordered[i + 1] ?? ""
      expect(compareVersions(a, b), `${a} < ${b}`).toBeLessThan(0)
      expect(compareVersions(b, a), `${b} > ${a}`).toBeGreaterThan(0)
    }
    expect(compareVersions("1.001", "1.1")).toBe(0)
    expect(compareVersions("x:1.0", "1.0")).toBe(compareVersions("1.0", "1.0"))
    expect(compareVersions("7.81.0-1ubuntu1.14", "7.81.0-1ubuntu1.16")).toBeLessThan(0)
  })
})

describe("REST package inventory", () => {
  type Row = {
    name: string
    status: string
    current_version: string | null
    available_version: string | null
  }
  type Pkg = { name: string; version: string; computers: { id: number; status: string }[] }

  it("lists a computer's packages with filters, and fleet packages by name", async () => {
    const sim = makeSim({ fleetSize: 0 })
    await sim.app.request("/_sim/landscape/computers", {
      method: "POST",
      body: JSON.stringify({
        computers: [
          { id: 1, packages: { curl: "7.81.0-1ubuntu1.14", jq: "1.6-2.1ubuntu3" }, held: ["jq"] },
          { id: 2 }
        ]
      })
    })
    const token = await login(sim)
    const get = async (q: string) =>
      json<{ results: Row[] }>((await rest(sim, token, "GET", `/api/v2/computers/1/packages${q}`)).body)
        .results
    expect((await get("?installed=true")).map((r) => [r.name, r.status])).toEqual([
      ["curl", "installed"],
      ["jq", "held"]
    ])
    expect((await get("?upgrade=true")).map((r) => [r.name, r.available_version])).toEqual([
      ["curl", "7.81.0-1ubuntu1.16"]
    ])
    expect((await get("?held=true")).map((r) => r.name)).toEqual(["jq"])
    expect((await get("?installed=false&search=ng")).map((r) => [r.name, r.status])).toEqual([
      ["nginx", "available"]
    ])
    expect((await get("?names=curl,jq&available=true")).map((r) => r.name)).toEqual(["curl", "jq"])
    const fleet = async (q: string) =>
      json<{ count: number; results: Pkg[] }>((await rest(sim, token, "GET", `/api/v2/packages${q}`)).body)
    const curl = await fleet("?names=curl")
    expect(curl.results.map((p) => [p.version, p.computers.map((c) => [c.id, c.status])])).toEqual([
      [
        "7.81.0-1ubuntu1.14",
        [
          [1, "installed"],
          [2, "available"]
        ]
      ],
      [
        "7.81.0-1ubuntu1.15",
        [
          [1, "available"],
          [2, "available"]
        ]
      ],
      [
        "7.81.0-1ubuntu1.16",
        [
          [1, "available"],
          [2, "available"]
        ]
      ]
    ])
    expect((await fleet("?names=jq&held=true")).results[0]?.computers).toContainEqual({
      id: 1,
      status: "held",
      current_version: "1.6-2.1ubuntu3",
      available_version: null
    })
    expect((await fleet("?query=id:2&installed=true")).count).toBe(0)
    expect((await fleet("?search=tmux&available=true&upgrade=false")).count).toBe(1)
  })
})

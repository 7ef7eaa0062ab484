import { brokenTexts, fuzzRuns, fuzzTimeout, jsonMutations } from "@planes/core/testing"
import fc from "fast-check"
import { describe, expect, it, vi } from "vitest"
import { LEGACY_ACTIONS } from "../../src/index.js"
import { ADMIN, example, legacy, login, makeSim } from "../fixtures.js"

// Properties run 500 cases in `npm test` and 10,000 in `npm run fuzz`: the timeout grows with them.
vi.setConfig({ testTimeout: fuzzTimeout(100) })

const runs = { numRuns: fuzzRuns() }

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

// Landscape's error body, legacy and REST alike: {"error": "<Code>", "message": "..."}.
const isLandscapeError = (body: unknown): boolean =>
  body !== null &&
  typeof body === "object" &&
  "error" in body &&
  typeof body.error === "string" &&
  "message" in body &&
  typeof body.message === "string"

const mutatedJson = (body: unknown) =>
  fc.oneof(
    fc.constantFrom(...jsonMutations(body)).map((m) => JSON.stringify(m.apply(body)) ?? ""),
    fc
      .tuple(fc.constantFrom(...brokenTexts(JSON.stringify(body))), fc.nat())
      .map(([broken, cut]) => broken(cut))
  )

const oddValue = fc.oneof(
  fc.string(),
  fc.constantFrom("", "-1", "0", "1e9", "abc", "id:", "tag:a OR", "(", "x".repeat(10_000), "ümlaut")
)

describe("Landscape simulator under malformed requests (property)", () => {
  it("answers every legacy action with random parameters with its 4xx error or success, never a 5xx", async () => {
    const sim = makeSim()
    const names = fc.constantFrom(
      "query",
      "name",
      "title",
      "search",
      "limit",
      "offset",
      "packages.1",
      "packages.2",
      "tags.1",
      "names.1",
      "pockets.1",
      "series",
      "distribution",
      "deliver_after",
      "deliver_delay_window",
      "activity_ids.1",
      "computer_ids.1",
      "all_computers",
      "with_network",
      "mode"
    )
    const calls = fc.tuple(
      fc.constantFrom(...Object.keys(LEGACY_ACTIONS)),
      fc.array(fc.tuple(names, oddValue), { maxLength: 5 })
    )
    await fc.assert(
      fc.asyncProperty(calls, async ([action, params]) => {
        const r = await legacy(sim, action, params)
        const shown = `${action} ${JSON.stringify(params).slice(0, 300)} -> ${JSON.stringify(r.body).slice(0, 200)}`
        expect(r.status, shown).toBeLessThan(500)
        if (r.status >= 400) expect(isLandscapeError(r.body), shown).toBe(true)
      }),
      runs
    )
  })

  it("answers mutated REST bodies and bad query parameters with its 4xx error or success, never a 5xx", async () => {
    const sim = makeSim()
    const token = await login(sim)
    const writes: ReadonlyArray<{ path: string; body: unknown }> = [
      {
        path: "/api/v2/login",
        body: { email: ADMIN.email, password: ADMIN.password, account: "standalone" }
      },
      { path: "/api/v2/packages", body: JSON.parse(example("rest_packages_action_request.json")) },
      {
        path: "/api/v2/computers/5/packages/installed",
        body: { package_name: "curl", package_version: "1.0" }
      },
      { path: "/api/v2/activities/reapply", body: { activity_ids: [1, 2] } }
    ]
    const posts = fc
      .constantFrom(...writes)
      .chain(({ path, body }) => mutatedJson(body).map((raw) => ({ method: "POST", path, raw })))
    const gets = fc
      .tuple(
        fc.constantFrom("/api/v2/computers", "/api/v2/activities", "/api/v2/computers/5/packages/installed"),
        fc.array(
          fc.tuple(fc.constantFrom("query", "limit", "offset", "search", "with_upgrades", "sort"), oddValue),
          {
            maxLength: 3
          }
        )
      )
      .map(([path, params]) => ({
        method: "GET",
        path: `${path}?${new URLSearchParams(params)}`,
        raw: undefined
      }))
    await fc.assert(
      fc.asyncProperty(fc.oneof(posts, gets), async ({ method, path, raw }) => {
        const res = await sim.app.request(path, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          ...(raw === undefined ? {} : { body: raw })
        })
        const text = await res.text()
        const shown = `${method} ${path.slice(0, 200)} ${raw?.slice(0, 200)} -> ${text.slice(0, 200)}`
        expect(res.status, shown).toBeLessThan(500)
        if (res.status >= 400) expect(isLandscapeError(parse(text)), shown).toBe(true)
      }),
      runs
    )
  })
})

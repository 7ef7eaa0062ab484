import { brokenTexts, fuzzRuns, fuzzTimeout, jsonMutations } from "@planes/core/testing"
import fc from "fast-check"
import { describe, expect, it, vi } from "vitest"
import { publish, setup } from "../helpers.js"

// Properties run 500 cases in `npm test` and 10,000 in `npm run fuzz`: the timeout grows with them.
vi.setConfig({ testTimeout: fuzzTimeout(100) })

const runs = { numRuns: fuzzRuns() }

// Valid bodies of AWX's write endpoints; each is mutated one field at a time, or broken as text.
const WRITES: ReadonlyArray<{ readonly path: string; readonly body: Record<string, unknown> }> = [
  { path: "/api/v2/organizations/", body: { name: "Org", description: "d" } },
  { path: "/api/v2/inventories/", body: { name: "Inv", organization: 1, variables: "{}" } },
  { path: "/api/v2/inventories/1/hosts/", body: { name: "h1", enabled: true, variables: "a: 1" } },
  {
    path: "/api/v2/projects/",
    body: {
      name: "p",
      organization: 1,
      scm_type: "git",
      scm_url: "https://git.example/p.git",
      scm_branch: "main"
    }
  },
  {
    path: "/api/v2/job_templates/",
    body: {
      name: "jt",
      project: 1,
      inventory: 1,
      playbook: "install_package.yml",
      ask_variables_on_launch: true,
      ask_limit_on_launch: true,
      extra_vars: "{}"
    }
  },
  { path: "/api/v2/job_templates/1/launch/", body: { extra_vars: { planes_key: "k" }, limit: "web1" } },
  { path: "/api/v2/jobs/1/relaunch/", body: { hosts: "failed" } },
  { path: "/api/v2/tokens/", body: { description: "t", scope: "write" } }
]

const bodies = fc.constantFrom(...WRITES).chain(({ path, body }) =>
  fc.oneof(
    fc.constantFrom(...jsonMutations(body)).map((m) => ({ path, raw: JSON.stringify(m.apply(body)) ?? "" })),
    fc
      .tuple(fc.constantFrom(...brokenTexts(JSON.stringify(body))), fc.nat())
      .map(([broken, cut]) => ({ path, raw: broken(cut) }))
  )
)

// DRF's error bodies: {"detail": "..."} or field -> [messages] (and "__all__" for the whole body).
const isDrfError = (json: unknown) =>
  json !== null &&
  typeof json === "object" &&
  !Array.isArray(json) &&
  Object.values(json).every(
    (v) =>
      typeof v === "string" ||
      (Array.isArray(v) && v.every((m) => typeof m === "string" || typeof m === "object"))
  )

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

describe("AWX simulator under malformed requests (property)", () => {
  it("answers every mutated or broken write body with a DRF 4xx body or success, never a 5xx", async () => {
    const ctx = setup()
    await publish(ctx)
    await ctx.call("POST", "/api/v2/job_templates/1/launch/", { body: {} })
    await fc.assert(
      fc.asyncProperty(bodies, async ({ path, raw }) => {
        const res = await ctx.call("POST", path, { raw, headers: { "content-type": "application/json" } })
        expect(res.status, `${path} ${raw.slice(0, 200)} -> ${res.text.slice(0, 200)}`).toBeLessThan(500)
        if (res.status >= 400) expect(isDrfError(parse(res.text)), res.text.slice(0, 200)).toBe(true)
      }),
      runs
    )
  })

  it("answers bad query parameters on every list with a DRF 4xx body or a page, never a 5xx", async () => {
    const ctx = setup()
    await publish(ctx)
    const lists = fc.constantFrom(
      "/api/v2/hosts/",
      "/api/v2/inventories/1/hosts/",
      "/api/v2/job_templates/",
      "/api/v2/jobs/",
      "/api/v2/projects/",
      "/api/v2/organizations/",
      "/api/v2/jobs/1/job_events/",
      "/api/v2/jobs/1/job_host_summaries/"
    )
    const name = fc.constantFrom(
      "page",
      "page_size",
      "order_by",
      "search",
      "name",
      "name__icontains",
      "id",
      "id__in",
      "not__id",
      "or__name",
      "created__gt",
      "host__name",
      "status__in",
      "chain__startswith"
    )
    const value = fc.oneof(fc.string(), fc.constantFrom("-1", "0", "1e9", "abc", "", "%", "x".repeat(10_000)))
    await fc.assert(
      fc.asyncProperty(lists, fc.array(fc.tuple(name, value), { maxLength: 4 }), async (path, params) => {
        const query = new URLSearchParams(params).toString()
        const res = await ctx.call("GET", `${path}?${query}`)
        expect(res.status, `${path}?${query.slice(0, 200)} -> ${res.text.slice(0, 200)}`).toBeLessThan(500)
        if (res.status >= 400) expect(isDrfError(parse(res.text)), res.text.slice(0, 200)).toBe(true)
      }),
      runs
    )
  })
})

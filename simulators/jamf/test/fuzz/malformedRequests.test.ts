import { brokenTexts, fuzzRuns, fuzzTimeout, jsonMutations, xmlMutations } from "@planes/core/testing"
import fc from "fast-check"
import { describe, expect, it, vi } from "vitest"
import { example, makeSim, packageBody } from "../helpers.js"

// Properties run 500 cases in `npm test` and 10,000 in `npm run fuzz`: the timeout grows with them.
vi.setConfig({ testTimeout: fuzzTimeout(100) })

const runs = { numRuns: fuzzRuns() }

const smartGroupXml = `<?xml version="1.0" encoding="UTF-8"?>
<computer_group><name>Ring 9</name><is_smart>true</is_smart><site><id>-1</id><name>None</name></site>
<criteria><size>1</size><criterion><name>Operating System</name><priority>0</priority><and_or>and</and_or><search_type>like</search_type><value>14.</value><opening_paren>false</opening_paren><closing_paren>false</closing_paren></criterion></criteria>
</computer_group>`

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

// The Jamf Pro API's error body: {"httpStatus": n, "errors": [{"code", "description", ...}]}.
const isProError = (body: unknown): boolean =>
  body !== null &&
  typeof body === "object" &&
  "httpStatus" in body &&
  typeof body.httpStatus === "number" &&
  "errors" in body &&
  Array.isArray(body.errors)

// The Classic API answers errors with its Tomcat status page in HTML.
const isClassicError = (text: string, contentType: string | null): boolean =>
  /text\/html/.test(contentType ?? "") && text.includes("<html>") && text.includes("<p>")

const mutatedJson = (body: unknown) =>
  fc.oneof(
    fc.constantFrom(...jsonMutations(body)).map((m) => JSON.stringify(m.apply(body)) ?? ""),
    fc
      .tuple(fc.constantFrom(...brokenTexts(JSON.stringify(body))), fc.nat())
      .map(([broken, cut]) => broken(cut))
  )

const mutatedXml = (xml: string) =>
  fc.oneof(
    fc.constantFrom(...xmlMutations(xml)).map((m) => m.apply()),
    fc.tuple(fc.constantFrom(...brokenTexts(xml)), fc.nat()).map(([broken, cut]) => broken(cut))
  )

describe("Jamf simulator under malformed requests (property)", () => {
  it("answers mutated Jamf Pro API bodies with its JSON 4xx errors or success, never a 5xx", async () => {
    const { call } = await makeSim({}, 4)
    await call("POST", "/api/v1/packages", { body: packageBody("seed.pkg") })
    const writes = [
      { method: "POST", path: "/api/v1/packages", body: packageBody("fuzz.pkg") },
      { method: "PUT", path: "/api/v1/packages/1", body: packageBody("seed.pkg") },
      {
        method: "POST",
        path: "/api/v2/computer-groups/smart-groups",
        body: {
          name: "S",
          criteria: [{ name: "Operating System Version", searchType: "like", value: "14." }],
          siteId: "-1"
        }
      },
      {
        method: "POST",
        path: "/api/v2/computer-groups/static-groups",
        body: { name: "T", assignments: ["1", "2"] }
      },
      { method: "POST", path: "/api/v1/packages/delete-multiple", body: { ids: ["999"] } }
    ]
    const requests = fc
      .constantFrom(...writes)
      .chain(({ method, path, body }) => mutatedJson(body).map((raw) => ({ method, path, raw })))
    await fc.assert(
      fc.asyncProperty(requests, async ({ method, path, raw }) => {
        const res = await call(method, path, { raw, headers: { "content-type": "application/json" } })
        expect(
          res.status,
          `${method} ${path} ${raw.slice(0, 200)} -> ${res.text.slice(0, 200)}`
        ).toBeLessThan(500)
        if (res.status >= 400) expect(isProError(parse(res.text)), res.text.slice(0, 200)).toBe(true)
      }),
      runs
    )
  })

  it("answers mutated or truncated Classic XML with its HTML 4xx page or success, never a 5xx", async () => {
    const { xml } = await makeSim({}, 4)
    const writes = [
      { method: "POST", path: "/JSSResource/computergroups/id/0", body: smartGroupXml },
      { method: "POST", path: "/JSSResource/policies/id/0", body: example("classic_policy_install.xml") },
      { method: "POST", path: "/JSSResource/logflush", body: example("classic_logflush_request.xml") }
    ]
    const requests = fc
      .constantFrom(...writes)
      .chain(({ method, path, body }) => mutatedXml(body).map((raw) => ({ method, path, raw })))
    await fc.assert(
      fc.asyncProperty(requests, async ({ method, path, raw }) => {
        const res = await xml(method, path, raw)
        expect(
          res.status,
          `${method} ${path} ${raw.slice(0, 300)} -> ${res.text.slice(0, 300)}`
        ).toBeLessThan(500)
        if (res.status >= 400) {
          expect(isClassicError(res.text, res.headers.get("content-type")), res.text.slice(0, 200)).toBe(true)
        }
      }),
      runs
    )
  })

  it("answers bad paging, sort and RSQL parameters with a JSON 4xx error or a page, never a 5xx", async () => {
    const { call } = await makeSim({}, 4)
    const lists = fc.constantFrom(
      "/api/v1/packages",
      "/api/v1/computers-inventory",
      "/api/v2/computer-groups/smart-groups",
      "/api/v2/computer-groups/static-groups"
    )
    const name = fc.constantFrom("page", "page-size", "sort", "filter", "section")
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom("-1", "0", "1e9", "abc", "", "name==", "id=in=(", "name:desc,,", "x".repeat(10_000))
    )
    await fc.assert(
      fc.asyncProperty(lists, fc.array(fc.tuple(name, value), { maxLength: 3 }), async (path, params) => {
        const query = new URLSearchParams(params).toString()
        const res = await call("GET", `${path}?${query}`)
        expect(res.status, `${path}?${query.slice(0, 200)} -> ${res.text.slice(0, 200)}`).toBeLessThan(500)
        if (res.status >= 400) expect(isProError(parse(res.text)), res.text.slice(0, 200)).toBe(true)
      }),
      runs
    )
  })
})

import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { brokenTexts, fuzzRuns, fuzzTimeout, jsonMutations } from "@planes/core/testing"
import fc from "fast-check"
import { describe, expect, it, vi } from "vitest"
import { appBody, call, json, makeSim, tokenFor } from "../support/sim.js"

// Properties run 500 cases in `npm test` and 10,000 in `npm run fuzz`: the timeout grows with them.
vi.setConfig({ testTimeout: fuzzTimeout(100) })

const runs = { numRuns: fuzzRuns() }
const example = (name: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL(`../../../../contracts/vendor-examples/graph/${name}`, import.meta.url)),
      "utf8"
    )
  )

const APPS = "/v1.0/deviceAppManagement/mobileApps"
const parse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

// Graph's error body: {"error": {"code": "...", "message": "..."}}.
const isGraphError = (body: unknown): boolean => {
  if (body === null || typeof body !== "object" || !("error" in body)) return false
  const error = body.error
  return (
    error !== null &&
    typeof error === "object" &&
    "code" in error &&
    typeof error.code === "string" &&
    "message" in error &&
    typeof error.message === "string"
  )
}

// Entra's token error body: {"error": "invalid_request", "error_description": "AADSTS...", ...}.
const isEntraError = (body: unknown): boolean =>
  body !== null &&
  typeof body === "object" &&
  "error" in body &&
  typeof body.error === "string" &&
  "error_description" in body &&
  typeof body.error_description === "string"

const mutatedOrBroken = (body: unknown) =>
  fc.oneof(
    fc.constantFrom(...jsonMutations(body)).map((m) => JSON.stringify(m.apply(body)) ?? ""),
    fc
      .tuple(fc.constantFrom(...brokenTexts(JSON.stringify(body))), fc.nat())
      .map(([broken, cut]) => broken(cut))
  )

describe("Graph simulator under malformed requests (property)", () => {
  it("answers mutated or broken write bodies with Graph's 4xx error body or success, never a 5xx", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const app = String((await json(await call(sim, "POST", APPS, { token, body: appBody() }))).id)
    const win32 = `${APPS}/${app}/microsoft.graph.win32LobApp`
    const cv = String(
      (await json(await call(sim, "POST", `${win32}/contentVersions`, { token, body: {} }))).id
    )
    const file = await json(
      await call(sim, "POST", `${win32}/contentVersions/${cv}/files`, {
        token,
        body: example("mobileappcontentfile-create.win32.composed.request.json")
      })
    )
    const writes: ReadonlyArray<{ method: string; path: string; body: unknown }> = [
      { method: "POST", path: APPS, body: appBody() },
      { method: "PATCH", path: `${APPS}/${app}`, body: { ...appBody(), displayName: "x", notes: "n" } },
      {
        method: "PATCH",
        path: `${APPS}/${app}`,
        body: example("win32lobapp-commit-content-version.patch.request.json")
      },
      { method: "POST", path: `${APPS}/${app}/assign`, body: example("mobileapp-assign.request.json") },
      {
        method: "POST",
        path: `${APPS}/${app}/assignments`,
        body: example("mobileappassignment-group-required-with-filter.composed.request.json")
      },
      {
        method: "POST",
        path: `${win32}/contentVersions/${cv}/files`,
        body: example("mobileappcontentfile-create.win32.composed.request.json")
      },
      {
        method: "POST",
        path: `${win32}/contentVersions/${cv}/files/${String(file.id)}/commit`,
        body: example("mobileappcontentfile-commit.request.json")
      },
      {
        method: "POST",
        path: "/v1.0/deviceManagement/reports/exportJobs",
        body: example("exportjob-create.request.json")
      },
      {
        method: "POST",
        path: "/beta/deviceManagement/reports/getDeviceInstallStatusReport",
        body: example("getdeviceinstallstatusreport.request.json")
      }
    ]
    const requests = fc
      .constantFrom(...writes)
      .chain(({ method, path, body }) => mutatedOrBroken(body).map((raw) => ({ method, path, raw })))
    await fc.assert(
      fc.asyncProperty(requests, async ({ method, path, raw }) => {
        const res = await call(sim, method, path, {
          token,
          body: raw,
          headers: { "content-type": "application/json" }
        })
        const text = await res.text()
        expect(res.status, `${method} ${path} ${raw.slice(0, 200)} -> ${text.slice(0, 200)}`).toBeLessThan(
          500
        )
        if (res.status >= 400) expect(isGraphError(parse(text)), text.slice(0, 200)).toBe(true)
      }),
      runs
    )
  })

  it("answers bad OData query options with Graph's 4xx error body or a page, never a 5xx", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    await call(sim, "POST", APPS, { token, body: appBody() })
    const lists = fc.constantFrom(
      APPS,
      "/beta/deviceAppManagement/mobileApps",
      "/v1.0/deviceManagement/managedDevices",
      "/beta/deviceManagement/managedDevices"
    )
    const name = fc.constantFrom(
      "$top",
      "$skip",
      "$skiptoken",
      "$filter",
      "$select",
      "$orderby",
      "$expand",
      "$count"
    )
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom("-1", "0", "1e9", "abc", "", "'", "displayName eq", "isof(", "x".repeat(10_000))
    )
    await fc.assert(
      fc.asyncProperty(lists, fc.array(fc.tuple(name, value), { maxLength: 3 }), async (path, params) => {
        const query = new URLSearchParams(params).toString()
        const res = await call(sim, "GET", `${path}?${query}`, { token })
        const text = await res.text()
        expect(res.status, `${path}?${query.slice(0, 200)} -> ${text.slice(0, 200)}`).toBeLessThan(500)
        if (res.status >= 400) expect(isGraphError(parse(text)), text.slice(0, 200)).toBe(true)
      }),
      runs
    )
  })

  it("answers malformed token requests with Entra's 4xx error body, never a 5xx", async () => {
    const sim = makeSim()
    const form = {
      grant_type: "client_credentials",
      client_id: "client-a",
      client_secret: "test-secret-value",
      scope: "https://graph.microsoft.com/.default"
    }
    const field = fc.constantFrom(
      ...Object.keys(form),
      "client_assertion",
      "client_assertion_type",
      "resource"
    )
    const value = fc.oneof(fc.string(), fc.constantFrom("", "x".repeat(100_000), "a.b.c", "%%%"))
    const bodies = fc.oneof(
      fc.tuple(field, fc.option(value, { nil: undefined })).map(([name, v]) => {
        const params = new URLSearchParams(form)
        if (v === undefined) params.delete(name)
        else params.set(name, v)
        return params.toString()
      }),
      fc
        .tuple(fc.constantFrom(...brokenTexts(new URLSearchParams(form).toString())), fc.nat())
        .map(([broken, cut]) => broken(cut))
    )
    await fc.assert(
      fc.asyncProperty(bodies, async (raw) => {
        const res = await call(sim, "POST", "/tenant-a/oauth2/v2.0/token", {
          body: raw,
          headers: { "content-type": "application/x-www-form-urlencoded" }
        })
        const text = await res.text()
        expect(res.status, `${raw.slice(0, 200)} -> ${text.slice(0, 200)}`).toBeLessThan(500)
        if (res.status >= 400) expect(isEntraError(parse(text)), text.slice(0, 200)).toBe(true)
      }),
      runs
    )
  })
})

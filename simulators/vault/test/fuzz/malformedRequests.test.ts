import { brokenTexts, fuzzRuns, fuzzTimeout, jsonMutations } from "@planes/core/testing"
import fc from "fast-check"
import { describe, expect, it, vi } from "vitest"
import { makeSim } from "../helpers.js"

// Properties run 500 cases in `npm test` and 10,000 in `npm run fuzz`: the timeout grows with them.
vi.setConfig({ testTimeout: fuzzTimeout(100) })

const runs = { numRuns: fuzzRuns() }

// Vault's error body: {"errors": ["..."]} (possibly empty, as for a 404 of a missing secret).
const isVaultError = (body: unknown): boolean =>
  body !== null &&
  typeof body === "object" &&
  "errors" in body &&
  Array.isArray(body.errors) &&
  body.errors.every((e) => typeof e === "string")

const mutatedJson = (body: unknown) =>
  fc.oneof(
    fc.constantFrom(...jsonMutations(body)).map((m) => JSON.stringify(m.apply(body)) ?? ""),
    fc
      .tuple(fc.constantFrom(...brokenTexts(JSON.stringify(body))), fc.nat())
      .map(([broken, cut]) => broken(cut))
  )

describe("Vault simulator under malformed requests (property)", () => {
  it("answers mutated KV writes, AppRole logins and reads with Vault's 4xx errors or success, never a 5xx", async () => {
    const { sim, call } = makeSim()
    sim.seed({
      secrets: [{ path: "secret/planes/intune", data: { client_secret: "fake-intune" } }],
      policies: [
        { name: "writer", paths: { "secret/data/planes/*": ["create", "update", "read", "delete"] } }
      ],
      tokens: [{ id: "t-writer", policies: ["writer"] }],
      approles: [{ name: "intune", roleId: "role-intune", secretIds: ["sid-intune"], policies: ["writer"] }]
    })
    const writes: ReadonlyArray<{ method: string; path: string; body: unknown }> = [
      {
        method: "POST",
        path: "/v1/secret/data/planes/fuzz",
        body: { data: { a: "b" }, options: { cas: 0 } }
      },
      { method: "PUT", path: "/v1/secret/data/planes/intune", body: { data: { client_secret: "x" } } },
      {
        method: "POST",
        path: "/v1/auth/approle/login",
        body: { role_id: "role-intune", secret_id: "sid-intune" }
      },
      { method: "POST", path: "/v1/auth/token/renew-self", body: { increment: "1h" } }
    ]
    const writeRequests = fc
      .constantFrom(...writes)
      .chain(({ method, path, body }) => mutatedJson(body).map((raw) => ({ method, path, raw })))
    const odd = fc.oneof(fc.string(), fc.constantFrom("-1", "abc", "", "%", "x".repeat(10_000)))
    const reads = fc
      .tuple(
        fc.constantFrom("/v1/secret/data/planes/intune", "/v1/secret/data/planes/none", "/v1/kv/data/x"),
        odd
      )
      .map(([path, version]) => ({
        method: "GET",
        path: `${path}?${new URLSearchParams({ version })}`,
        raw: undefined
      }))
    await fc.assert(
      fc.asyncProperty(fc.oneof(writeRequests, reads), async ({ method, path, raw }) => {
        const res = await call(method, path, { token: "t-writer", ...(raw === undefined ? {} : { raw }) })
        const shown = `${method} ${path.slice(0, 200)} ${raw?.slice(0, 200)} -> ${JSON.stringify(res.json).slice(0, 200)}`
        expect(res.status, shown).toBeLessThan(500)
        if (res.status >= 400) expect(isVaultError(res.json), shown).toBe(true)
      }),
      runs
    )
  })
})

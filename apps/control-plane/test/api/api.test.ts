import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { openApiDocument } from "../../src/http/openapi.js"
import {
  adminKey,
  client,
  intuneSettings,
  packArtifact,
  startControlPlane,
  startSimulator
} from "../support/harness.js"

// The API over real HTTP: the control plane on a free port, driving two Intune targets on one Graph
// simulator: `intune` (a writer) and `intune-reader` (an app registration that may only read, so every
// write is refused with a 403, which the plane reports as a policy error).

let sim: Awaited<ReturnType<typeof startSimulator>>
let cp: Awaited<ReturnType<typeof startControlPlane>>
let api: ReturnType<typeof client>
let v1: Awaited<ReturnType<typeof packArtifact>>
let v2: Awaited<ReturnType<typeof packArtifact>>
let operator: string
let viewer: string
let groupId: string

beforeAll(async () => {
  sim = await startSimulator()
  cp = await startControlPlane(
    [
      { name: "intune", plane: "intune", settings: intuneSettings("") },
      { name: "intune-reader", plane: "intune", settings: intuneSettings("", true) }
    ].map((t) => ({ ...t, settings: { ...t.settings, authorityUrl: sim.url, graphUrl: sim.url } }))
  )
  api = client(cp.url)
  v1 = await packArtifact("Fabrikam Agent", "1.0.0")
  v2 = await packArtifact("Fabrikam Agent", "2.0.0")
  const { devices } = await sim.admin<{ devices: ReadonlyArray<{ id: string }> }>(
    "GET",
    "/_sim/graph/devices?top=8"
  )
  groupId = (
    await sim.admin<{ id: string }>("POST", "/_sim/graph/groups", {
      displayName: "Pilot",
      members: devices.map((d) => d.id)
    })
  ).id
  operator = (await api("POST", "/v1/keys", { key: adminKey, body: { name: "ci", role: "operator" } })).json
    .key
  viewer = (await api("POST", "/v1/keys", { key: adminKey, body: { name: "dash", role: "viewer" } })).json.key
})

afterAll(async () => {
  await cp?.close()
  await sim?.close()
  await v1?.cleanup()
  await v2?.cleanup()
})

const auditOf = async (correlationId: string) =>
  (await api("GET", `/v1/audit?correlationId=${correlationId}`, { key: viewer })).json
    .entries as ReadonlyArray<{
    action: string
    actor: string
    outcome: string
    errorClass: string | null
  }>

describe("health, readiness and the API description", () => {
  it("answers liveness and readiness (database and each plane)", async () => {
    expect((await api("GET", "/healthz")).json).toEqual({ status: "ok" })
    const ready = await api("GET", "/readyz")
    expect(ready.status).toBe(200)
    expect(ready.json.checks.map((c: { name: string }) => c.name)).toEqual([
      "database",
      "target:intune",
      "target:intune-reader"
    ])
  })

  it("describes every route in OpenAPI 3.1 and serves a self-contained reference page", async () => {
    const doc = (await api("GET", "/openapi.json")).json
    expect(doc.openapi).toBe("3.1.0")
    expect(doc).toEqual(JSON.parse(JSON.stringify(openApiDocument)))
    expect(doc.components.schemas.PublishRequest.properties.package).toBeDefined()
    const page = await api("GET", "/docs")
    expect(page.headers.get("content-type")).toContain("text/html")
    expect(page.text).toContain("/openapi.json")
    expect(page.text).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/)
  })
})

describe("authentication and roles", () => {
  it("refuses a request without a key, or with an unknown one, with an audited 401", async () => {
    const none = await api("GET", "/v1/audit", { headers: { "x-correlation-id": "corr-no-key" } })
    expect(none.status).toBe(401)
    expect(none.headers.get("content-type")).toBe("application/problem+json")
    expect(none.json).toMatchObject({ errorClass: "policy", retryable: false, code: "Unauthenticated" })
    const wrong = await api("GET", "/v1/audit", {
      key: "pk_nope",
      headers: { "x-correlation-id": "corr-bad-key" }
    })
    expect(wrong.status).toBe(401)
    expect(await auditOf("corr-no-key")).toMatchObject([
      { actor: "anonymous", outcome: "denied", errorClass: "policy" }
    ])
    expect(await auditOf("corr-bad-key")).toMatchObject([{ outcome: "denied" }])
  })

  it("refuses an operation outside the caller's role with an audited 403", async () => {
    const refused = await api("POST", "/v1/packages", {
      key: viewer,
      body: { package: v1.intent },
      headers: { "x-correlation-id": "corr-viewer-publish" }
    })
    expect(refused.status).toBe(403)
    expect(refused.json).toMatchObject({ errorClass: "policy", code: "Forbidden" })
    expect(refused.json.detail).toContain("operator")
    expect(await auditOf("corr-viewer-publish")).toMatchObject([
      { action: "packages.publish", outcome: "denied", errorClass: "policy" }
    ])
    expect((await api("GET", "/v1/keys", { key: operator })).status).toBe(403)
  })

  it("lets an admin list, create and revoke keys; a revoked key is refused", async () => {
    const made = await api("POST", "/v1/keys", { key: adminKey, body: { name: "temp", role: "viewer" } })
    expect(made.status).toBe(201)
    expect((await api("GET", "/v1/audit?limit=1", { key: made.json.key })).status).toBe(200)
    const listed = await api("GET", "/v1/keys", { key: adminKey })
    expect(listed.json.keys.map((k: { name: string }) => k.name)).toContain("temp")
    expect(JSON.stringify(listed.json)).not.toContain("keyHash")
    expect((await api("DELETE", `/v1/keys/${made.json.id}`, { key: adminKey })).status).toBe(200)
    expect((await api("DELETE", `/v1/keys/${made.json.id}`, { key: adminKey })).status).toBe(404)
    expect((await api("GET", "/v1/audit", { key: made.json.key })).status).toBe(401)
    const bad = await api("POST", "/v1/keys", { key: adminKey, body: { name: "", role: "root" } })
    expect(bad.status).toBe(400)
    expect([...new Set(bad.json.issues.map((i: { path: string }) => i.path))].sort()).toEqual([
      "name",
      "role"
    ])
  })
})

describe("publishing with fan-out and idempotency", () => {
  let published: { status: number; json: { operationId: string } }

  it("reports each target on its own: one plane's policy refusal beside another's success (207)", async () => {
    const answer = await api("POST", "/v1/packages", {
      key: operator,
      body: { package: v2.intent },
      headers: { "idempotency-key": "publish-v2", "x-correlation-id": "corr-publish-v2" }
    })
    expect(answer.status).toBe(207)
    expect(answer.json.status).toBe("partial")
    const [ok, refused] = answer.json.results
    expect(ok).toMatchObject({
      target: "intune",
      outcome: "succeeded",
      result: { plane: "intune", created: true }
    })
    expect(refused).toMatchObject({
      target: "intune-reader",
      outcome: "failed",
      error: { errorClass: "policy", retryable: false, status: 403 }
    })
    published = answer
    const audit = await auditOf("corr-publish-v2")
    expect(audit.map((e) => `${e.action}:${e.outcome}`).sort()).toEqual([
      "packages.publish:success",
      "publish.plane:failure",
      "publish.plane:success"
    ])
    const op = await api("GET", `/v1/operations/${answer.json.operationId}`, { key: viewer })
    expect(op.json.operation).toMatchObject({
      kind: "publish",
      status: "partial",
      idempotencyKey: "publish-v2"
    })
    expect(
      op.json.results.map((r: { target: string; outcome: string }) => `${r.target}:${r.outcome}`)
    ).toEqual(["intune:succeeded", "intune-reader:failed"])
  })

  it("replays the stored answer for a repeated Idempotency-Key, and refuses another body with 422", async () => {
    const again = await api("POST", "/v1/packages", {
      key: operator,
      body: { package: v2.intent },
      headers: { "idempotency-key": "publish-v2", "x-correlation-id": "corr-replay" }
    })
    expect(again.status).toBe(207)
    // The replay ran nothing: no plane was called, no operation recorded.
    expect((await auditOf("corr-replay")).map((e) => e.action)).toEqual(["packages.publish"])
    expect(again.headers.get("idempotent-replayed")).toBe("true")
    expect(again.json).toEqual(published.json)
    const other = await api("POST", "/v1/packages", {
      key: operator,
      body: { package: v1.intent },
      headers: { "idempotency-key": "publish-v2" }
    })
    expect(other.status).toBe(422)
    expect(other.json).toMatchObject({
      errorClass: "permanent",
      code: "IdempotencyMismatch",
      retryable: false
    })
  })

  it("answers a problem with the policy class when every target refuses (403)", async () => {
    const answer = await api("POST", "/v1/packages", {
      key: operator,
      body: { package: v1.intent, targets: ["intune-reader"] }
    })
    expect(answer.status).toBe(403)
    expect(answer.json).toMatchObject({ errorClass: "policy", retryable: false, plane: "intune" })
    expect(answer.json.results).toHaveLength(1)
  })

  it("refuses a bad intent as permanent, naming every offending path (400)", async () => {
    const bad = { ...v1.intent, version: "", artifact: { ...v1.intent.artifact, sha256: "xyz" } }
    const answer = await api("POST", "/v1/packages", { key: operator, body: { package: bad } })
    expect(answer.status).toBe(400)
    expect(answer.json).toMatchObject({ errorClass: "permanent", retryable: false, code: "InvalidInput" })
    const paths = answer.json.issues.map((i: { path: string }) => i.path)
    expect(paths).toEqual(expect.arrayContaining(["package.version", "package.artifact.sha256"]))
    expect((await api("POST", "/v1/packages", { key: operator, rawBody: "{not json" })).json.code).toBe(
      "InvalidJson"
    )
    const unknown = await api("POST", "/v1/packages", {
      key: operator,
      body: { package: v1.intent, targets: ["jamf"] }
    })
    expect(unknown.status).toBe(400)
    expect(unknown.json.code).toBe("UnknownTarget")
  })

  it("answers a 503 storm as transient and retryable, and does not keep the answer for the key", async () => {
    await sim.admin("POST", "/_sim/faults", {
      match: { path: "/v1.0/deviceAppManagement/**" },
      trigger: { kind: "next", count: 1000 },
      effect: { kind: "http", status: 503, code: "ServiceUnavailable" }
    })
    const body = { package: v1.intent, targets: ["intune"] }
    const headers = { "idempotency-key": "publish-v1" }
    const answer = await api("POST", "/v1/packages", { key: operator, body, headers })
    await sim.admin("DELETE", "/_sim/faults")
    expect(answer.status).toBe(503)
    expect(answer.json).toMatchObject({ errorClass: "transient", retryable: true, plane: "intune" })
    // The same key may be retried once the plane is back, and now succeeds.
    const retried = await api("POST", "/v1/packages", { key: operator, body, headers })
    expect(retried.status).toBe(201)
    expect(retried.headers.get("idempotent-replayed")).toBeNull()
  })
})

describe("assignments: state, devices, remediation and rollback", () => {
  let assignmentId: string

  it("assigns on the chosen target and returns its ref", async () => {
    const answer = await api("POST", "/v1/assignments", {
      key: operator,
      body: {
        assignment: {
          package: { key: await keyOf(v2.intent), name: "Fabrikam Agent", version: "2.0.0" },
          target: { _tag: "group", id: groupId },
          intent: "required"
        },
        targets: ["intune"]
      }
    })
    expect(answer.status).toBe(201)
    expect(answer.json.results[0].result.ref).toMatch(/^intune:app=/)
    assignmentId = answer.json.operationId
  })

  it("reads the summary per target, and device states paged and as NDJSON", async () => {
    const state = await api("GET", `/v1/assignments/${assignmentId}`, { key: viewer })
    expect(state.status).toBe(200)
    expect(state.json.targets[0]).toMatchObject({
      target: "intune",
      outcome: "succeeded",
      result: { total: 8 }
    })
    await sim.admin("POST", "/_sim/clock/advance", { ms: 700_000 })
    const page = await api("GET", `/v1/assignments/${assignmentId}/devices?target=intune&limit=5`, {
      key: viewer
    })
    expect(page.json.items).toHaveLength(5)
    expect(page.json.nextOffset).toBe(5)
    const rest = await api("GET", `/v1/assignments/${assignmentId}/devices?target=intune&offset=5&limit=5`, {
      key: viewer
    })
    expect(rest.json.items).toHaveLength(3)
    expect(rest.json.nextOffset).toBeUndefined()
    const stream = await api("GET", `/v1/assignments/${assignmentId}/devices?target=intune`, {
      key: viewer,
      headers: { accept: "application/x-ndjson" }
    })
    expect(stream.headers.get("content-type")).toBe("application/x-ndjson")
    const lines = stream.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
    expect(lines).toHaveLength(8)
    for (const line of lines) expect(line).toMatchObject({ plane: "intune", deviceId: expect.any(String) })
    expect(lines.some((l) => l.status === "failed")).toBe(true)
    const bad = await api("GET", `/v1/assignments/${assignmentId}/devices?limit=0`, { key: viewer })
    expect(bad.status).toBe(400)
    const noTarget = await api("GET", `/v1/assignments/${assignmentId}/devices`, { key: viewer })
    expect(noTarget.json.code).toBe("InvalidInput")
    const missing = await api("GET", "/v1/assignments/nope", { key: viewer })
    expect(missing.status).toBe(404)
  })

  it("remediates the failed devices and rolls back to the older version", async () => {
    const remediated = await api("POST", `/v1/assignments/${assignmentId}/remediate`, {
      key: operator,
      body: { intended: { status: "installed" } }
    })
    expect(remediated.status).toBe(200)
    expect(remediated.json.results[0].result.devices.length).toBeGreaterThan(0)
    const rolled = await api("POST", `/v1/assignments/${assignmentId}/rollback`, {
      key: operator,
      body: { version: "1.0.0" }
    })
    expect(rolled.status).toBe(200)
    expect(rolled.json.results[0].result.version).toBe("1.0.0")
    // The rollback is itself an assignment operation: its state is readable by its id.
    const state = await api("GET", `/v1/assignments/${rolled.json.operationId}`, { key: viewer })
    expect(state.json.targets[0].outcome).toBe("succeeded")
  })
})

describe("the audit trail", () => {
  it("reads entries by time range, paged by sequence, and refuses a bad range", async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString()
    const first = await api("GET", `/v1/audit?from=${from}&limit=3`, { key: viewer })
    expect(first.json.entries).toHaveLength(3)
    const next = await api("GET", `/v1/audit?from=${from}&limit=3&after=${first.json.nextAfter}`, {
      key: viewer
    })
    expect(next.json.entries[0].seq).toBeGreaterThan(first.json.entries[2].seq)
    expect((await api("GET", "/v1/audit?from=yesterday", { key: viewer })).status).toBe(400)
    expect((await api("GET", "/v1/nothing", { key: viewer })).status).toBe(404)
  })
})

// The intent key the planes use, computed by the core so the assignment names the published package.
const keyOf = async (intent: unknown) => {
  const core = await import("@planes/core")
  const { Effect } = await import("effect")
  return core.intentKey(
    Effect.runSync(core.decodePackageIntent(intent, { operation: "test", correlationId: "t" }))
  )
}

import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it, vi } from "@effect/vitest"
import { type ExecutionPlane, PermanentError, PolicyError, SecretStore, TransientError } from "@planes/core"
import { Duration, Effect, Layer, Option, Redacted, Stream } from "effect"
import { ensureBootstrapKey } from "../../src/auth/bootstrap.js"
import { type AppServices, createApp } from "../../src/http/app.js"
import { idempotent } from "../../src/http/idempotency.js"
import { openApiDocument } from "../../src/http/openapi.js"
import { planeProblem, problemOf } from "../../src/http/problem.js"
import { reportAnswer } from "../../src/http/report.js"
import { ControlPlane } from "../../src/service/ControlPlane.js"
import { Readiness } from "../../src/service/Readiness.js"
import { Targets } from "../../src/service/Targets.js"
import { StoreError } from "../../src/store/errors.js"
import { Repository } from "../../src/store/Repository.js"
import { layerSqlite } from "../../src/store/sqlite.js"

const ctx = { plane: "intune", operation: "publishPackage", correlationId: "c-1" } as const

// A connector whose every operation answers with `publish` (for fan-out and error mapping tests).
const fake = (
  publish: Effect.Effect<never, TransientError | PermanentError | PolicyError>
): ExecutionPlane => ({
  plane: "intune",
  publishPackage: () => publish,
  createAssignment: () => publish,
  queryState: () => publish,
  deviceStates: () => Stream.fail(new TransientError({ ...ctx, message: "gone" })),
  remediate: () => publish,
  rollback: () => publish
})

const target = (name: string, connector: ExecutionPlane, probeUrl = "http://127.0.0.1:1/") => ({
  name,
  plane: "intune" as const,
  connector,
  probeUrl,
  credentials: ["env:NOPE"]
})

const secrets = Layer.succeed(SecretStore, { resolve: () => Effect.succeed(Redacted.make("s")) })

const services = (targets: Parameters<typeof Targets.fromConnectors>[0]) =>
  Layer.mergeAll(ControlPlane.layer, Readiness.layer).pipe(
    Layer.provideMerge(
      Layer.mergeAll(layerSqlite(":memory:"), Targets.fromConnectors(targets), secrets, FetchHttpClient.layer)
    )
  )

const intent = {
  name: "Tool",
  version: "1.0.0",
  publisher: "Contoso",
  platform: "windows",
  artifact: { location: "file:///tmp/x.intunewin", sha256: "a".repeat(64), size: 1, fileName: "x.intunewin" },
  installCommand: "x",
  uninstallCommand: "y",
  detection: [{ _tag: "file", path: "C:\\x", name: "x.exe", check: "exists" }]
}
const call = { actor: "key:test", correlationId: "c-1", idempotencyKey: null, requestHash: "h" }

describe("the service, over fake connectors", () => {
  it.effect("contains a connector's defect to its own target and reports the most severe class", () =>
    Effect.gen(function* () {
      const cp = yield* ControlPlane
      const report = yield* cp.publish({ package: intent }, call)
      expect(report.status).toBe("failed")
      expect(report.results.map((r) => (r.outcome === "failed" ? r.error.code : "ok"))).toEqual([
        "ConnectorDefect",
        undefined
      ])
      const answer = reportAnswer(report, 201, "/v1/packages")
      expect(answer.status).toBe(502)
      expect(answer.problem).toMatchObject({ errorClass: "permanent", retryable: false })
      expect(answer.problem?.detail).toMatch(/^Every target failed/)
    }).pipe(
      Effect.provide(
        services([
          target("broken", fake(Effect.die(new Error("boom")))),
          target("busy", fake(Effect.fail(new TransientError({ ...ctx, message: "busy" }))))
        ])
      )
    )
  )

  it.effect("readiness reports a plane that does not answer, and an unknown assignment is not found", () =>
    Effect.gen(function* () {
      const checks = yield* Effect.flatMap(Readiness, (r) => r.check)
      expect(checks).toMatchObject([
        { name: "database", ok: true },
        { name: "target:down", ok: false }
      ])
      const cp = yield* ControlPlane
      const missing = yield* Effect.flip(cp.state("nope", call))
      expect(missing).toMatchObject({ code: "NotFound" })
      expect(yield* Effect.flip(cp.operation("nope", "c"))).toMatchObject({ code: "NotFound" })
      expect(
        yield* Effect.flip(cp.remediate("nope", { intended: { status: "installed" } }, call))
      ).toMatchObject({ code: "NotFound" })
      expect(yield* Effect.flip(cp.rollback("nope", { version: "1" }, call))).toMatchObject({
        code: "NotFound"
      })
      expect(yield* Effect.flip(cp.deviceStates("nope", "down", call))).toMatchObject({ code: "NotFound" })
    }).pipe(
      Effect.provide(
        services([target("down", fake(Effect.fail(new PolicyError({ ...ctx, message: "no" }))))])
      )
    )
  )
})

describe("problem documents", () => {
  it("maps each class to its status, with Retry-After and issues", () => {
    const slow = planeProblem(
      new TransientError({ ...ctx, message: "slow", retryAfter: Duration.seconds(1.2) })
    )
    expect(slow).toMatchObject({
      status: 503,
      errorClass: "transient",
      retryable: true,
      retryAfterSeconds: 2
    })
    expect(planeProblem(new PermanentError({ ...ctx, message: "no", code: "BadRequest" })).status).toBe(502)
    expect(
      planeProblem(new PermanentError({ ...ctx, plane: "control-plane", message: "no", code: "Other" }))
        .status
    ).toBe(400)
    expect(
      planeProblem(new PermanentError({ ...ctx, message: "no", code: "InvalidAssignmentRef" })).status
    ).toBe(400)
    expect(planeProblem(new PolicyError({ ...ctx, message: "no" })).status).toBe(403)
    expect(problemOf(new StoreError({ operation: "ping", message: "down" }), "c", "/x")).toMatchObject({
      status: 503,
      code: "StoreUnavailable",
      retryable: true,
      instance: "/x"
    })
    expect(problemOf(new Error("bug"), "c")).toMatchObject({ status: 500, code: "InternalError" })
  })
})

describe("the bootstrap admin key", () => {
  it.effect("is generated and printed once on an empty store, and never again", () =>
    Effect.gen(function* () {
      const printed = vi.spyOn(console, "log").mockImplementation(() => undefined)
      const first = yield* ensureBootstrapKey(Option.none())
      const key = Redacted.value(Option.getOrThrow(first))
      expect(printed.mock.calls.flat().join("\n")).toContain(key)
      printed.mockRestore()
      expect(Option.isNone(yield* ensureBootstrapKey(Option.none()))).toBe(true)
      const keys = yield* Effect.flatMap(Repository, (r) => r.listApiKeys)
      expect(keys).toMatchObject([{ id: "bootstrap", role: "admin" }])
      expect(JSON.stringify(keys)).not.toContain(key)
      // A configured key is stored once, however often the app starts.
      yield* ensureBootstrapKey(Option.some("env:ADMIN"))
      yield* ensureBootstrapKey(Option.some("env:ADMIN"))
      expect(yield* Effect.flatMap(Repository, (r) => r.listApiKeys)).toHaveLength(2)
    }).pipe(Effect.provide(Layer.merge(layerSqlite(":memory:"), secrets)))
  )
})

describe("the OpenAPI document against the routes", () => {
  it.effect("documents exactly the routes the app serves, with their methods", () =>
    Effect.gen(function* () {
      const app = createApp(yield* Effect.runtime<AppServices>())
      const served = new Set(
        app.routes
          .filter((r) => r.method !== "ALL")
          .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`)
      )
      const documented = new Set(
        Object.entries(openApiDocument.paths).flatMap(([path, item]) =>
          Object.keys(item).map((m) => `${m} ${path}`)
        )
      )
      expect([...served].sort()).toEqual([...documented].sort())
    }).pipe(Effect.provide(services([])))
  )
})

describe("idempotency while the first request runs", () => {
  it.effect("answers a repeat of a running request with a transient 409, and checks the key's form", () =>
    Effect.gen(function* () {
      const repo = yield* Repository
      yield* repo.claimIdempotency({ scope: "s", key: "k", requestHash: "h", at: new Date().toISOString() })
      const handler = Effect.succeed({ status: 200, body: {} })
      const busy = yield* Effect.flip(
        idempotent({ scope: "s", key: "k", hash: "h", correlationId: "c", handler })
      )
      expect(problemOf(busy, "c")).toMatchObject({ status: 409, retryable: true })
      const bad = yield* Effect.flip(
        idempotent({ scope: "s", key: "a b", hash: "h", correlationId: "c", handler })
      )
      expect(bad).toMatchObject({ code: "InvalidInput" })
    }).pipe(Effect.provide(layerSqlite(":memory:")))
  )
})

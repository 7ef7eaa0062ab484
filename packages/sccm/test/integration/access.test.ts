import { FetchHttpClient } from "@effect/platform"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { SecretStore } from "@planes/core"
import { Effect, Layer, Redacted } from "effect"
import { SccmPlane } from "../../src/SccmPlane.js"
import { packageIntent } from "../support/intents.js"
import { testRetries } from "../support/layers.js"
import { journal, type RunningSim, resetSimulator, simConfig, startSimulator } from "../support/simulator.js"

// The token route with an Entra bearer token that expires in the middle of a run. planes reads the token
// by reference at every request (a sidecar renews it); after a 401 it reads the reference once more and
// resends only if that gives another token. Counted in the simulator's journal. (The simulator's own
// answers to expired and tampered tokens are in simulators/sccm/test/bearer-lifetime.test.ts.)

let sim: RunningSim

beforeAll(async () => {
  sim = await startSimulator()
})
beforeEach(async () => {
  await resetSimulator(sim)
})
afterAll(async () => {
  await sim.close()
})

/**
 * What the token reference holds, as a sidecar keeps it: `current`, and optionally a renewal that lands
 * right after the next read (the read that raced it got the old token).
 */
const reference: { current: string; renewedAfterRead: string | undefined } = {
  current: "none",
  renewedAfterRead: undefined
}

const sidecarSecrets = Layer.succeed(SecretStore, {
  resolve: () =>
    Effect.sync(() => {
      const value = reference.current
      if (reference.renewedAfterRead !== undefined) {
        reference.current = reference.renewedAfterRead
        reference.renewedAfterRead = undefined
      }
      return Redacted.make(value)
    })
})

const plane = () =>
  SccmPlane.layer(
    simConfig(sim.url, {
      baseUrl: `${sim.url}/AdminService_TokenAuth`,
      auth: { _tag: "bearer", token: "file:/run/secrets/adminservice-token" }
    })
  ).pipe(Layer.provide(Layer.mergeAll(FetchHttpClient.layer, testRetries, sidecarSecrets)))

const issue = (ttlSeconds: number) =>
  Effect.promise(async () => {
    const issued = await sim.admin<{ access_token: string }>("POST", "/_sim/sccm/tokens", {
      domain: "CONTOSO",
      user: "cm-admin",
      ttlSeconds
    })
    return issued.access_token
  })

const v1 = packageIntent("1.0.0")
const publish = Effect.flatMap(SccmPlane, (p) => p.publishPackage(v1))
const requestsSince = (seq: number) =>
  Effect.map(
    Effect.promise(() => journal(sim)),
    (entries) => entries.filter((e) => e.seq > seq)
  )
const lastSeq = Effect.map(
  Effect.promise(() => journal(sim)),
  (entries) => entries.at(-1)?.seq ?? 0
)

describe("an Entra bearer token that expires mid-run", () => {
  it.live("is renewed once: the refused request is resent with the renewed token, nothing else repeats", () =>
    Effect.gen(function* () {
      reference.current = yield* issue(600)
      reference.renewedAfterRead = undefined
      yield* publish
      // A second publish finds the application: the request count of one run with a good token.
      const warm = yield* lastSeq
      yield* publish
      const oneRun = (yield* requestsSince(warm)).length

      // The token's exp passes on the simulated clock; the sidecar's renewal lands just after the next read.
      yield* Effect.promise(() => sim.advance(601_000))
      reference.renewedAfterRead = yield* issue(600)
      const before = yield* lastSeq
      yield* publish
      const sent = yield* requestsSince(before)
      expect(sent.map((e) => e.status).filter((s) => s === 401)).toEqual([401])
      expect(sent[0]?.status).toBe(401)
      expect(sent.slice(1).every((e) => e.status !== null && e.status < 300)).toBe(true)
      expect(sent).toHaveLength(oneRun + 1)
      expect(sent[1]?.path).toBe(sent[0]?.path)
    }).pipe(Effect.provide(plane()))
  )

  it.live("stands as a PolicyError after exactly one request while the reference still holds it", () =>
    Effect.gen(function* () {
      const token = yield* issue(600)
      reference.current = token
      reference.renewedAfterRead = undefined
      yield* publish
      yield* Effect.promise(() => sim.admin("POST", "/_sim/sccm/tokens/expire", { access_token: token }))
      const before = yield* lastSeq
      const error = yield* Effect.flip(publish)
      expect(error).toMatchObject({ _tag: "PolicyError", plane: "sccm", status: 401 })
      expect((yield* requestsSince(before)).map((e) => e.status)).toEqual([401])
      expect(JSON.stringify(error)).not.toContain(token)
      // The refused token is never sent again: the next call fails without a request, until it is renewed.
      const again = yield* Effect.flip(publish)
      expect(again).toMatchObject({ _tag: "PolicyError", code: "TokenRefused" })
      // It names the operation whose request it stopped, like any error of the plane client.
      expect(again.operation).not.toBe("authenticate")
      expect(yield* requestsSince(before)).toHaveLength(1)
      reference.current = yield* issue(600)
      yield* publish
    }).pipe(Effect.provide(plane()))
  )

  it.live("a tampered token (one character changed) is a PolicyError after one request", () =>
    Effect.gen(function* () {
      const token = yield* issue(600)
      const at = token.length - 5
      reference.current = `${token.slice(0, at)}${token.charAt(at) === "A" ? "B" : "A"}${token.slice(at + 1)}`
      reference.renewedAfterRead = undefined
      const before = yield* lastSeq
      const error = yield* Effect.flip(publish)
      expect(error).toMatchObject({ _tag: "PolicyError", status: 401 })
      expect((yield* requestsSince(before)).map((e) => e.status)).toEqual([401])
    }).pipe(Effect.provide(plane()))
  )
})

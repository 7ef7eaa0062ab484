import { FetchHttpClient } from "@effect/platform"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { SecretStore } from "@planes/core"
import { Effect, Layer, Redacted } from "effect"
import { AnsiblePlane } from "../../src/AnsiblePlane.js"
import { packageIntent } from "../fixtures.js"
import { journal, type RunningSim, simConfig, startSimulator, testRetries } from "../support/simulator.js"

// An AWX token that expires in the middle of a run. The connector reads its token by reference and keeps
// it for a while; after a 401 it reads the reference once more and resends only if that gives another
// token (rotated), so a fixed personal access token that expired stands as a PolicyError after one
// request. Counted in the simulator's journal. (The simulator's own answers to expired and tampered tokens
// are in simulators/awx/test/token-lifetime.test.ts.)

let sim: RunningSim
beforeAll(async () => {
  sim = await startSimulator()
})
beforeEach(async () => {
  await sim.reset()
})
afterAll(async () => {
  await sim.close()
})

/** What the token reference holds right now (a vault path an operator or a rotation job updates). */
const reference = { current: "none" }

const referenceSecrets = Layer.succeed(SecretStore, {
  resolve: () => Effect.sync(() => Redacted.make(reference.current))
})

const plane = () =>
  AnsiblePlane.layer(
    simConfig(sim.url, { auth: { _tag: "token", token: "vault:secret/planes/awx#token" } })
  ).pipe(Layer.provide(Layer.mergeAll(FetchHttpClient.layer, testRetries, referenceSecrets)))

const seedToken = (token: string, expiresInSeconds?: number) =>
  Effect.promise(() =>
    sim.admin("POST", "/_sim/seed", {
      tokens: [
        {
          token,
          username: "admin",
          scope: "write",
          ...(expiresInSeconds === undefined ? {} : { expiresInSeconds })
        }
      ]
    })
  )

const publish = Effect.flatMap(AnsiblePlane, (ansible) => ansible.publishPackage(packageIntent))
const lastSeq = Effect.map(
  Effect.promise(() => journal(sim)),
  (entries) => entries.at(-1)?.seq ?? 0
)
const requestsSince = (seq: number) =>
  Effect.map(
    Effect.promise(() => journal(sim)),
    (entries) => entries.filter((e) => e.seq > seq)
  )

describe("an AWX token that expires mid-run", () => {
  it.live("is renewed once when its reference was rotated: only the refused request is resent", () =>
    Effect.gen(function* () {
      yield* seedToken("tok-run-first", 60)
      reference.current = "tok-run-first"
      yield* publish
      // Publishing again finds everything: the request count of one run with a good token.
      const warm = yield* lastSeq
      yield* publish
      const oneRun = (yield* requestsSince(warm)).length

      // The token's expires passes on the simulated clock; the reference already holds its successor,
      // but the connector still has the old one in hand.
      yield* Effect.promise(() => sim.advance(61_000))
      yield* seedToken("tok-run-second")
      reference.current = "tok-run-second"
      const before = yield* lastSeq
      yield* publish
      const sent = yield* requestsSince(before)
      expect(sent[0]?.status).toBe(401)
      expect(sent.filter((e) => e.status === 401)).toHaveLength(1)
      expect(sent.slice(1).every((e) => e.status !== null && e.status < 300)).toBe(true)
      expect(sent[1]?.path).toBe(sent[0]?.path)
      expect(sent).toHaveLength(oneRun + 1)
    }).pipe(Effect.provide(plane()))
  )

  it.live("a fixed personal access token stands as a PolicyError after exactly one request", () =>
    Effect.gen(function* () {
      yield* seedToken("tok-fixed")
      reference.current = "tok-fixed"
      yield* publish
      yield* Effect.promise(() => sim.admin("POST", "/_sim/awx/tokens/expire", { token: "tok-fixed" }))
      const before = yield* lastSeq
      const error = yield* Effect.flip(publish)
      expect(error).toMatchObject({ _tag: "PolicyError", plane: "ansible", status: 401 })
      expect(error.message).not.toContain("tok-fixed")
      expect((yield* requestsSince(before)).map((e) => e.status)).toEqual([401])
      // The refused token is not sent again by later calls; a rotated one is.
      const again = yield* Effect.flip(publish)
      expect(again).toMatchObject({ _tag: "PolicyError", code: "TokenRefused" })
      // It names the operation whose request it stopped, like any error of the plane client.
      expect(again.operation).not.toBe("authenticate")
      expect(yield* requestsSince(before)).toHaveLength(1)
      yield* seedToken("tok-fixed-next")
      reference.current = "tok-fixed-next"
      yield* publish
    }).pipe(Effect.provide(plane()))
  )

  it.live("a tampered token (one character changed) is a PolicyError after one request", () =>
    Effect.gen(function* () {
      yield* seedToken("tok-genuine")
      reference.current = "tok-genuinf"
      const before = yield* lastSeq
      const error = yield* Effect.flip(publish)
      expect(error).toMatchObject({ _tag: "PolicyError", status: 401 })
      expect((yield* requestsSince(before)).map((e) => e.status)).toEqual([401])
    }).pipe(Effect.provide(plane()))
  )
})

import { FetchHttpClient } from "@effect/platform"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { SecretStore } from "@planes/core"
import type { JournalEntry } from "@planes/sim-kit"
import { Chunk, Clock, Effect, Exit, Fiber, Layer, Option, Schema, TestClock } from "effect"
import { type LandscapeClient, makeLandscapeClient } from "../../src/api/LandscapeClient.js"
import { emptyLedger, SigningLedgerRef } from "../../src/auth/signingSecond.js"
import type { LandscapeConfig } from "../../src/config/LandscapeConfig.js"
import {
  accessKeyAuth,
  advance,
  fault,
  type RunningSim,
  resetFleet,
  simConfig,
  startSimulator,
  testRetries,
  testSecrets
} from "../support/simulator.js"

// A process restarted after rapid identical polls, against the simulator. Both clocks are frozen at the
// same instant and moved together by the test: the connector's (TestClock) and the simulator's.
let sim: RunningSim
beforeAll(async () => {
  sim = await startSimulator()
})
beforeEach(async () => {
  await resetFleet(sim)
  await sim.admin("DELETE", "/_sim/journal")
})
afterAll(async () => {
  await sim.close()
})

const start = Date.UTC(2026, 10, 25, 20, 0, 1)

const freezeClocks = Effect.zipRight(
  Effect.promise(() => sim.admin("PUT", "/_sim/clock", { now: start, frozen: true })),
  TestClock.setTime(start)
)

/** Moves both clocks by `ms`, the simulator's first, so a request the move releases meets its time. */
const tick = (ms: number) =>
  Effect.zipRight(
    Effect.promise(() => advance(sim, ms)),
    TestClock.adjust(ms)
  )

// A real pause between looks at a running fiber (it may be waiting on the network); it decides nothing.
const pause = Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 2)))

/**
 * Runs `fiber` to its end, moving the clocks only when it waits for a second to sign in: a sleep due
 * within the next second (request timeouts are a minute away and never fire here).
 */
const drive = <A, E>(fiber: Fiber.RuntimeFiber<A, E>): Effect.Effect<A, E> =>
  Effect.gen(function* () {
    const done = yield* Fiber.poll(fiber)
    if (Option.isSome(done)) return yield* done.value
    const now = yield* Clock.currentTimeMillis
    const due = Chunk.findFirst(yield* TestClock.sleeps(), (at) => at > now && at <= now + 1000)
    yield* Option.isSome(due) ? tick(due.value - now) : pause
    return yield* drive(fiber)
  })

/** One connector process: its own client and its own record of what it signed. */
const processOf = (config: LandscapeConfig = simConfig(sim.url, { auth: accessKeyAuth })) =>
  Effect.gen(function* () {
    const client = yield* makeLandscapeClient(config, yield* SecretStore)
    const ledger = emptyLedger()
    return <A, E>(use: (client: LandscapeClient) => Effect.Effect<A, E>) =>
      Effect.provideService(use(client), SigningLedgerRef, ledger)
  }).pipe(Effect.provide(Layer.mergeAll(FetchHttpClient.layer, testRetries, testSecrets)))

/** The call both processes make: the ring-0 computers, the same parameters every time. */
const listRing0 = (client: LandscapeClient) =>
  client.read("list ring-0", "GetComputers", { query: "tag:ring-0" }, Schema.Array(Schema.Unknown))

/** Each GetComputers request: its status, the second it was signed at and the simulator's second then. */
const signedCalls = Effect.promise(async () =>
  (await sim.journal({ path: "/api/" })).map((entry: JournalEntry) => {
    const timestamp = new URLSearchParams(entry.query).get("timestamp") ?? ""
    return {
      status: entry.status,
      signedAt: Date.parse(timestamp) / 1000,
      clockAt: Math.floor(entry.atMs / 1000) - start / 1000
    }
  })
)
const relative = (seconds: number) => seconds - start / 1000

describe("signing never runs ahead of the clock", () => {
  it.effect("a restarted process repeats no signature of the one that died after rapid identical polls", () =>
    Effect.gen(function* () {
      yield* freezeClocks
      const dying = yield* processOf()
      // Three identical polls as fast as the process can: the clocks move only while one waits to sign.
      const polls = yield* Effect.fork(dying((client) => Effect.replicateEffect(listRing0(client), 3)))
      expect(yield* drive(polls)).toHaveLength(3)
      // It dies; its successor starts in the next second, knowing nothing of what it signed.
      yield* tick(1000)
      const restarted = yield* processOf()
      expect(yield* restarted(listRing0)).toHaveLength(4)
      const calls = yield* signedCalls
      expect(calls.map((c) => c.status)).toEqual([200, 200, 200, 200])
      // Each signed at the second it was sent, one second apart: never ahead of the clock.
      expect(calls.map((c) => relative(c.signedAt))).toEqual([0, 1, 2, 3])
      expect(calls.map((c) => c.clockAt)).toEqual([0, 1, 2, 3])
    })
  )

  it.effect("a signature refused as already used is signed once more at the next second", () =>
    Effect.gen(function* () {
      yield* freezeClocks
      const dying = yield* processOf()
      yield* dying(listRing0)
      // Restarted within the same second: its first signature is the dead process's last one.
      const restarted = yield* processOf()
      const call = yield* Effect.fork(restarted(listRing0))
      expect(yield* drive(call)).toHaveLength(4)
      const calls = yield* signedCalls
      expect(calls.map((c) => [c.status, relative(c.signedAt), c.clockAt])).toEqual([
        [200, 0, 0],
        [401, 0, 0],
        [200, 1, 1]
      ])
    })
  )

  it.effect("a second refusal, or any other 401, is a PolicyError without a further request", () =>
    Effect.gen(function* () {
      yield* freezeClocks
      yield* Effect.promise(() =>
        fault(sim, {
          match: { method: "GET", path: "/api/" },
          trigger: { kind: "next", count: 2 },
          effect: {
            kind: "http",
            status: 401,
            code: "AuthFailure",
            message: "This signature was already used (replayed request)."
          }
        })
      )
      const refused = yield* processOf()
      const twice = yield* Effect.fork(refused(listRing0))
      const exit = yield* Effect.exit(drive(twice))
      expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("PolicyError")
      expect((yield* signedCalls).map((c) => [c.status, relative(c.signedAt)])).toEqual([
        [401, 0],
        [401, 1]
      ])
      yield* Effect.promise(() => sim.admin("DELETE", "/_sim/journal"))
      // A wrong secret: the signature does not match, and no fresh signature would change that.
      const wrongSecret = yield* processOf(
        simConfig(sim.url, {
          auth: { _tag: "accessKey", accessKey: "env:LS_ACCESS_KEY", secretKey: "env:LS_WRONG_SECRET" }
        })
      )
      const error = yield* Effect.flip(wrongSecret(listRing0))
      expect([error._tag, error.status, error.code]).toEqual(["PolicyError", 401, "SignatureDoesNotMatch"])
      expect(yield* signedCalls).toHaveLength(1)
    })
  )
})

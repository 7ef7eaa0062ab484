import { FetchHttpClient } from "@effect/platform"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import { SccmPlane } from "../../src/SccmPlane.js"
import { assignmentIntent, packageIntent } from "../support/intents.js"
import { tokens } from "../support/layers.js"
import {
  journal,
  planeLayer,
  type RunningSim,
  resetSimulator,
  simConfig,
  startSimulator
} from "../support/simulator.js"

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

const v1 = packageIntent("1.0.0")

const issueToken = () =>
  Effect.promise(async () => {
    const issued = await sim.admin<{ access_token: string }>("POST", "/_sim/sccm/tokens", {
      domain: "CONTOSO",
      user: "cm-admin"
    })
    tokens.current = issued.access_token
  })

const bearerConfig = () =>
  simConfig(sim.url, {
    baseUrl: `${sim.url}/AdminService_TokenAuth`,
    auth: { _tag: "bearer", token: "env:SCCM_TOKEN" }
  })

describe("authentication", () => {
  it.live("NTLM handshakes once and re-authenticates when the server forgets the connection", () =>
    Effect.gen(function* () {
      const plane = yield* SccmPlane
      yield* plane.publishPackage(v1)
      // A reset forgets every authenticated connection (and the site's objects).
      yield* Effect.promise(() => resetSimulator(sim))
      yield* plane.publishPackage(v1)
      const entries = yield* Effect.promise(() => journal(sim))
      expect(entries.slice(0, 3).map((e) => [e.path, e.status])).toEqual([
        ["/AdminService/wmi/SMS_ApplicationLatest", 401],
        ["/AdminService/v1.0/$metadata", 401],
        ["/AdminService/v1.0/$metadata", 200]
      ])
      expect(entries.filter((e) => e.status === 401)).toHaveLength(2)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("NTLM over the bare NTLM scheme works too", () =>
    Effect.gen(function* () {
      const plane = yield* SccmPlane
      expect((yield* plane.publishPackage(v1)).created).toBe(true)
    }).pipe(
      Effect.provide(
        planeLayer(
          simConfig(sim.url, {
            auth: {
              _tag: "ntlm",
              domain: "CONTOSO",
              user: "cm-admin",
              password: "env:SCCM_PASSWORD",
              scheme: "NTLM"
            }
          })
        )
      )
    )
  )

  it.live("a wrong password is a PolicyError after one handshake, and the call is never sent", () =>
    Effect.gen(function* () {
      const plane = yield* SccmPlane
      const exit = yield* Effect.exit(plane.publishPackage(v1))
      expect(exit).toMatchObject({ _tag: "Failure" })
      if (Exit.isFailure(exit)) expect(JSON.stringify(exit.cause)).toContain("NtlmRejected")
      const entries = yield* Effect.promise(() => journal(sim))
      expect(entries.map((e) => [e.path, e.status])).toEqual([
        ["/AdminService/v1.0/$metadata", 401],
        ["/AdminService/v1.0/$metadata", 401]
      ])
      expect(JSON.stringify(exit)).not.toContain("not-the-password")
    }).pipe(
      Effect.provide(
        planeLayer(
          simConfig(sim.url, {
            auth: { _tag: "ntlm", domain: "CONTOSO", user: "cm-admin", password: "env:WRONG_PASSWORD" }
          })
        )
      )
    )
  )

  it.live("the bearer token route works on any transport", () =>
    Effect.gen(function* () {
      yield* issueToken()
      const plane = yield* SccmPlane
      const published = yield* plane.publishPackage(v1)
      expect(published.created).toBe(true)
      const assigned = yield* plane.createAssignment(
        assignmentIntent(v1, { _tag: "group", id: "ABC00010" }, "available")
      )
      expect(assigned.ref).toContain("collection=ABC00010")
      const entries = yield* Effect.promise(() => journal(sim))
      expect(entries.every((e) => e.path.startsWith("/AdminService_TokenAuth/"))).toBe(true)
    }).pipe(Effect.provide(planeLayer(bearerConfig(), FetchHttpClient.layer)))
  )

  it.live("a refused bearer token is a PolicyError with one request, not resent", () =>
    Effect.gen(function* () {
      tokens.current = "expired-or-forged"
      const plane = yield* SccmPlane
      const error = yield* Effect.flip(plane.publishPackage(v1))
      expect(error._tag).toBe("PolicyError")
      expect(yield* Effect.promise(() => journal(sim))).toHaveLength(1)
    }).pipe(Effect.provide(planeLayer(bearerConfig(), FetchHttpClient.layer)))
  )

  it.live("Kerberos without a token source refuses to start", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(
        Effect.provide(SccmPlane, planeLayer(simConfig(sim.url, { auth: { _tag: "kerberos" } })))
      )
      expect(JSON.stringify(exit)).toContain("NoSpnegoTokenSource")
    })
  )
})

describe("separation of duties", () => {
  it.live("a credential another connector names is refused at start-up", () =>
    Effect.gen(function* () {
      const sameRef = simConfig(sim.url, {
        otherConnectors: [{ connector: "intune", role: "client_secret", ref: "env:SCCM_PASSWORD" }]
      })
      const sameValue = simConfig(sim.url, {
        otherConnectors: [{ connector: "jamf", role: "password", ref: "env:SAME_AS_SCCM" }]
      })
      for (const config of [sameRef, sameValue]) {
        const error = yield* Effect.flip(Effect.provide(SccmPlane, planeLayer(config)))
        expect(error._tag).toBe("PolicyError")
        expect(error.code).toBe("SeparationOfDuties")
      }
      const own = simConfig(sim.url, {
        otherConnectors: [{ connector: "intune", role: "client_secret", ref: "env:INTUNE_SECRET" }]
      })
      yield* Effect.provide(SccmPlane, Layer.fresh(planeLayer(own)))
    })
  )
})

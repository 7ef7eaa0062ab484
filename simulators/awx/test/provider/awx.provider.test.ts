import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Verifier } from "@pact-foundation/pact"
import { type RunningServer, serve } from "@planes/sim-kit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createAwxSimulator } from "../../src/index.js"
import { makeProviderStates, superuser } from "./providerStates.js"

// Verifies the Ansible adapter's pact (ansible-awx.json) against this simulator on a real port. Provider
// states seed the simulator through its admin API and AWX itself; every request carries the credential
// the current state allows, in the scheme the consumer used (bearer token or Basic).

// Pact's native core reports usage to Google Analytics unless told not to; tests never phone home.
process.env.PACT_DO_NOT_TRACK ??= "true"

const pactDir = fileURLToPath(new URL("../../../../contracts/pacts/", import.meta.url))
const pact = `${pactDir}ansible-awx.json`

/** Simulated start instant; the clock is frozen and moved only by provider states. */
const START = Date.parse("2026-11-25T12:00:00Z")

const sim = createAwxSimulator({
  seed: 20261125,
  clock: { start: START, frozen: true },
  admin: superuser,
  fleetSize: 3,
  settings: { lifecycle: { projectUpdateMs: 0 } }
})
const states = makeProviderStates(sim)
let server: RunningServer

/** The parts of the verifier proxy's (express) request the filter touches. */
interface ProxiedRequest {
  readonly headers: Record<string, string | ReadonlyArray<string> | undefined>
}

/** Controller requests get the credential the current state allows, in the scheme the consumer sent. */
const requestFilter = (req: ProxiedRequest, _res: unknown, next: () => void) => {
  const presented = req.headers.authorization
  req.headers.authorization = states.authorization(typeof presented === "string" ? presented : undefined)
  next()
}

beforeAll(async () => {
  server = await serve(sim.app, { port: 0, hostname: "127.0.0.1" })
})
afterAll(async () => {
  await server.close()
})

describe("the AWX simulator as the provider of the Ansible adapter's pact", () => {
  it("honours every interaction of ansible-awx.json", async () => {
    if (!existsSync(pact)) {
      throw new Error(
        `No pact to verify: ${pact} is missing. Run the Ansible consumer tests first ` +
          "(npm test -w @planes/ansible, or turbo run test --filter=@planes/sim-awx, which runs them before this)."
      )
    }
    const interactions = (JSON.parse(readFileSync(pact, "utf8")) as { interactions: ReadonlyArray<unknown> })
      .interactions.length
    const output = await new Verifier({
      provider: "awx",
      providerBaseUrl: server.url,
      pactUrls: [pact],
      stateHandlers: states.handlers,
      beforeEach: states.reset,
      requestFilter,
      logLevel: "warn"
    }).verifyProvider()
    // Pact rejects on any failure; an empty run must fail too.
    const results = JSON.parse(output) as { result: boolean; interactionResults: ReadonlyArray<unknown> }
    expect(interactions).toBeGreaterThan(0)
    expect(results).toMatchObject({ result: true })
    expect(results.interactionResults).toHaveLength(interactions)
  }, 120_000)
})

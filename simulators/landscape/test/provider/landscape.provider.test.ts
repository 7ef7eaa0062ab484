import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Verifier } from "@pact-foundation/pact"
import { type RunningServer, serve } from "@planes/sim-kit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createLandscapeSimulator } from "../../src/index.js"
import { makeProviderStates, operator } from "./providerStates.js"

// Verifies the Landscape adapter's pact (landscape-landscape-api.json) against this simulator on a real
// port: the signed legacy API at /api/ and REST v2 at /api/v2. Provider states seed the simulator
// through its admin API and its own actions. The consumer's HMAC signatures were made for the mock
// server's host and time, so they cannot verify here; the request filter sends a JWT from the
// simulator's login instead (the legacy API accepts one, and ignores the signature parameters then).
// Real signing is verified by the adapter's integration tests against this simulator.

// Pact's native core reports usage to Google Analytics unless told not to; tests never phone home.
process.env.PACT_DO_NOT_TRACK ??= "true"

const pactDir = fileURLToPath(new URL("../../../../contracts/pacts/", import.meta.url))
const pacts = [`${pactDir}landscape-landscape-api.json`]

/** Simulated start instant; the clock is frozen and moved only by provider states. */
const START = Date.parse("2026-11-25T12:00:00Z")

const sim = createLandscapeSimulator({
  seed: 20261125,
  clock: { start: START, frozen: true },
  fleetSize: 0,
  users: [operator]
})
const states = makeProviderStates(sim)
let server: RunningServer

/** The parts of the verifier proxy's (express) request the filter touches. */
interface ProxiedRequest {
  readonly path: string
  readonly headers: Record<string, string | ReadonlyArray<string> | undefined>
  body?: unknown
}

const isForm = (body: unknown): body is Record<string, string> =>
  typeof body === "object" &&
  body !== null &&
  !Buffer.isBuffer(body) &&
  Object.values(body).every((value) => typeof value === "string")

/**
 * Every API request but the login gets the token the current state allows. Pact's verifier proxy
 * parses form bodies into an object and would forward them as JSON, so legacy form POSTs are encoded
 * back to what the consumer sent.
 */
const requestFilter = (req: ProxiedRequest, _res: unknown, next: () => void) => {
  if (req.path.startsWith("/api") && !req.path.startsWith("/api/v2/login"))
    req.headers.authorization = `Bearer ${states.token()}`
  const type = req.headers["content-type"]
  if (typeof type === "string" && type.startsWith("application/x-www-form-urlencoded") && isForm(req.body)) {
    const form = Buffer.from(new URLSearchParams(req.body).toString())
    req.body = form
    req.headers["content-length"] = String(form.length)
  }
  next()
}

beforeAll(async () => {
  server = await serve(sim.app, { port: 0, hostname: "127.0.0.1" })
})
afterAll(async () => {
  await server.close()
})

describe("the Landscape simulator as the provider of the Landscape adapter's pact", () => {
  it("honours every interaction of landscape-landscape-api.json", async () => {
    const missing = pacts.filter((file) => !existsSync(file))
    if (missing.length > 0) {
      throw new Error(
        `No pact to verify: ${missing.join(", ")} missing. Run the Landscape consumer tests first ` +
          "(npm test -w @planes/landscape, or turbo run test --filter=@planes/sim-landscape, which runs them before this)."
      )
    }
    const interactions = pacts.flatMap(
      (file) =>
        (
          JSON.parse(readFileSync(file, "utf8")) as {
            interactions: ReadonlyArray<{ providerStates?: ReadonlyArray<{ name: string }> }>
          }
        ).interactions
    )
    // Pact only warns about a state without a handler and goes on; here a missing one fails the run.
    const unhandled = [
      ...new Set(interactions.flatMap((i) => (i.providerStates ?? []).map((state) => state.name)))
    ].filter((name) => !(name in states.handlers))
    expect(unhandled).toEqual([])
    const output = await new Verifier({
      provider: "landscape-api",
      providerBaseUrl: server.url,
      pactUrls: pacts,
      stateHandlers: states.handlers,
      beforeEach: states.reset,
      requestFilter,
      logLevel: "warn"
    }).verifyProvider()
    // Pact rejects on any failure; an empty run must fail too.
    const results = JSON.parse(output) as { result: boolean; interactionResults: ReadonlyArray<unknown> }
    expect(interactions.length).toBeGreaterThan(0)
    expect(results).toMatchObject({ result: true })
    expect(results.interactionResults).toHaveLength(interactions.length)
  })
})

import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Verifier } from "@pact-foundation/pact"
import { type RunningServer, serve, silentLogger } from "@planes/sim-kit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createJamfSimulator } from "../../src/index.js"
import { makeProviderStates } from "./providerStates.js"

// Verifies the Jamf adapter's pact (jamf-jamf-pro.json) against this simulator on a real port. Provider
// states seed the simulator through its admin API and its own Jamf APIs; API requests carry a token the
// simulator minted, in place of the consumer's example token. The token endpoints carry their own
// credentials (the states register them).

// Pact's native core reports usage to Google Analytics unless told not to; tests never phone home.
process.env.PACT_DO_NOT_TRACK ??= "true"

const pactFile = fileURLToPath(new URL("../../../../contracts/pacts/jamf-jamf-pro.json", import.meta.url))

/** Simulated start instant; the clock is frozen and moved only by provider states. */
const START = Date.parse("2026-11-25T12:00:00Z")

const sim = createJamfSimulator({ seed: 20261125, clock: { start: START, frozen: true }, log: silentLogger })
const states = makeProviderStates(sim)
let server: RunningServer

/** The parts of the verifier proxy's (express) request the filter touches. */
interface ProxiedRequest {
  readonly path: string
  readonly headers: Record<string, string | ReadonlyArray<string> | undefined>
  body?: unknown
}

/** Requests that authenticate by their own means: the OAuth form and basic auth. */
const tokenEndpoints = new Set(["/api/oauth/token", "/api/v1/oauth/token", "/api/v1/auth/token"])

/**
 * API requests get the token the current state allows; token requests keep the credentials the pact
 * names. Pact's verifier proxy parses form bodies into an object and would forward them as JSON, so the
 * token request's form is encoded back to what the consumer sent.
 */
const requestFilter = (req: ProxiedRequest, _res: unknown, next: () => void) => {
  if (!tokenEndpoints.has(req.path)) req.headers.authorization = `Bearer ${states.token()}`
  const type = req.headers["content-type"]
  if (typeof type === "string" && type.startsWith("application/x-www-form-urlencoded") && isForm(req.body)) {
    const form = Buffer.from(new URLSearchParams(req.body).toString())
    req.body = form
    req.headers["content-length"] = String(form.length)
  }
  next()
}

const isForm = (body: unknown): body is Record<string, string> =>
  typeof body === "object" &&
  body !== null &&
  !Buffer.isBuffer(body) &&
  Object.values(body).every((value) => typeof value === "string")

beforeAll(async () => {
  server = await serve(sim.app, { port: 0, hostname: "127.0.0.1" })
})
afterAll(async () => {
  await server.close()
})

describe("the Jamf simulator as the provider of the Jamf adapter's pact", () => {
  it("honours every interaction of jamf-jamf-pro.json", async () => {
    if (!existsSync(pactFile)) {
      throw new Error(
        `No pact to verify: ${pactFile} is missing. Run the Jamf consumer tests first ` +
          "(npm test -w @planes/jamf, or turbo run test --filter=@planes/sim-jamf, which runs them before this)."
      )
    }
    const interactions = (
      JSON.parse(readFileSync(pactFile, "utf8")) as { interactions: ReadonlyArray<unknown> }
    ).interactions.length
    const output = await new Verifier({
      provider: "jamf-pro",
      providerBaseUrl: server.url,
      pactUrls: [pactFile],
      stateHandlers: states.handlers,
      beforeEach: states.reset,
      requestFilter,
      logLevel: "warn"
    })
      .verifyProvider()
      .finally(() => expect(states.failures()).toEqual([]))
    // Pact rejects on any failure; an empty run must fail too.
    const results = JSON.parse(output) as { result: boolean; interactionResults: ReadonlyArray<unknown> }
    expect(interactions).toBeGreaterThan(0)
    expect(results).toMatchObject({ result: true })
    expect(results.interactionResults).toHaveLength(interactions)
  }, 120_000)
})

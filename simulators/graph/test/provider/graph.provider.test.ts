import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Verifier } from "@pact-foundation/pact"
import { type RunningServer, serve } from "@planes/sim-kit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createGraphSimulator } from "../../src/index.js"
import { makeProviderStates } from "./providerStates.js"

// Verifies the Intune adapter's pacts against this simulator on a real port: Graph with its Entra token
// endpoint (intune-graph.json) and the blob endpoint behind upload URLs (intune-azure-storage.json).
// Provider states seed the simulator through its admin API; Graph requests carry a token it minted.

// Pact's native core reports usage to Google Analytics unless told not to; tests never phone home.
process.env.PACT_DO_NOT_TRACK ??= "true"

const pactDir = fileURLToPath(new URL("../../../../contracts/pacts/", import.meta.url))
const pacts = ["intune-graph.json", "intune-azure-storage.json"].map((name) => `${pactDir}${name}`)

/** Simulated start instant; the clock is frozen and moved only by provider states. */
const START = Date.parse("2026-11-25T12:00:00Z")

const sim = createGraphSimulator({
  seed: 20261125,
  clock: { start: START, frozen: true },
  fleet: { size: 12 },
  throttle: { enabled: false }
})
const states = makeProviderStates(sim)
let server: RunningServer

/** The parts of the verifier proxy's (express) request the filter touches. */
interface ProxiedRequest {
  readonly path: string
  readonly headers: Record<string, string | ReadonlyArray<string> | undefined>
  body?: unknown
}

/**
 * Graph requests get the token the current state allows; token and blob requests carry their own
 * credentials. Pact's verifier proxy parses form bodies into an object and would forward them as JSON, so
 * the token request's form is encoded back to what the consumer sent.
 */
const requestFilter = (req: ProxiedRequest, _res: unknown, next: () => void) => {
  if (/^\/(v1\.0|beta)\//.test(req.path)) req.headers.authorization = `Bearer ${states.token()}`
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

describe("the Graph simulator as the provider of the Intune adapter's pacts", () => {
  it("honours every interaction of intune-graph.json and intune-azure-storage.json", async () => {
    const missing = pacts.filter((file) => !existsSync(file))
    if (missing.length > 0) {
      throw new Error(
        `No pact to verify: ${missing.join(", ")} missing. Run the Intune consumer tests first ` +
          "(npm test -w @planes/intune, or turbo run test --filter=@planes/sim-graph, which runs them before this)."
      )
    }
    const interactions = pacts.reduce(
      (n, file) =>
        n +
        (JSON.parse(readFileSync(file, "utf8")) as { interactions: ReadonlyArray<unknown> }).interactions
          .length,
      0
    )
    const output = await new Verifier({
      provider: "graph",
      providerBaseUrl: server.url,
      pactUrls: pacts,
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
  })
})

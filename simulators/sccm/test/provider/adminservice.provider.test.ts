import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Verifier } from "@pact-foundation/pact"
import { type RunningServer, serve } from "@planes/sim-kit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createSccmSimulator } from "../../src/index.js"
import { account, makeProviderStates } from "./providerStates.js"

// Verifies the SCCM adapter's pact (sccm-adminservice.json) against this simulator on a real port.
// Provider states seed the simulator through its admin API and AdminService's token route. Windows
// integrated auth is stubbed in the pact (a Kerberos ticket cannot be minted for a mock server, and an
// NTLM response answers the mock server's challenge, not this one): the request filter drops those
// credentials and the simulator's `anonymousAccount` (the connector's account) stands in for the
// authenticated connection; an NTLM negotiate message is passed on, so the challenge is the simulator's.
// Token-route requests get a token the simulator minted.

// Pact's native core reports usage to Google Analytics unless told not to; tests never phone home.
process.env.PACT_DO_NOT_TRACK ??= "true"

const pactFile = fileURLToPath(new URL("../../../../contracts/pacts/sccm-adminservice.json", import.meta.url))

const sim = createSccmSimulator({
  seed: 20261125,
  clock: { start: Date.parse("2030-01-01T00:00:00Z"), frozen: true },
  devices: 12,
  settings: {
    anonymousAccount: `${account.domain}\\${account.user}`.toUpperCase(),
    unknownRate: 0,
    requirementsNotMetRate: 0
  }
})
const states = makeProviderStates(sim)
let server: RunningServer

/** The parts of the verifier proxy's (express) request the filter touches. */
interface ProxiedRequest {
  readonly path: string
  readonly headers: Record<string, string | ReadonlyArray<string> | undefined>
}

/** Whether an Authorization value is an NTLM NEGOTIATE_MESSAGE (type 1), raw in `NTLM` or `Negotiate`. */
const isNtlmNegotiate = (value: string) => {
  const token = Buffer.from(value.replace(/^\S+\s+/, ""), "base64")
  return token.subarray(0, 8).toString("latin1") === "NTLMSSP\0" && token.readUInt32LE(8) === 1
}

const requestFilter = (req: ProxiedRequest, _res: unknown, next: () => void) => {
  const authorization = req.headers.authorization
  if (req.path.startsWith("/AdminService_TokenAuth/")) req.headers.authorization = `Bearer ${states.token()}`
  else if (typeof authorization === "string" && !isNtlmNegotiate(authorization))
    delete req.headers.authorization
  next()
}

beforeAll(async () => {
  server = await serve(sim.app, { port: 0, hostname: "127.0.0.1" })
})
afterAll(async () => {
  await server.close()
})

describe("the AdminService simulator as the provider of the SCCM adapter's pact", () => {
  it("honours every interaction of sccm-adminservice.json", async () => {
    if (!existsSync(pactFile)) {
      throw new Error(
        `No pact to verify: ${pactFile} is missing. Run the SCCM consumer tests first ` +
          "(npm test -w @planes/sccm, or turbo run test --filter=@planes/sim-sccm, which runs them before this)."
      )
    }
    const interactions = (
      JSON.parse(readFileSync(pactFile, "utf8")) as { interactions: ReadonlyArray<unknown> }
    ).interactions.length
    const output = await new Verifier({
      provider: "adminservice",
      providerBaseUrl: server.url,
      pactUrls: [pactFile],
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

import { FetchHttpClient, HttpClientRequest } from "@effect/platform"
import { Http, RetryPolicy } from "@planes/core"
import { graphCorrelationHeader, graphErrorProfile } from "@planes/intune"
import { Effect, Redacted, Schema } from "effect"
import { sampleAppBody } from "./graph/appBody.js"
import { graphToken, startGraphSim } from "./graph/graphSim.js"

/** Settings of the per-call overhead benchmark. */
export interface OverheadOptions {
  readonly seed: number
  /** Calls per round and client (three clients: planes, planes with transport spans forced on, fetch). */
  readonly calls: number
  /** Rounds, alternating which client goes first; the ratio is the median of the rounds'. */
  readonly rounds: number
}

/** Mean time per call of each client and their ratio. */
export interface OverheadResult {
  readonly options: OverheadOptions
  readonly planesMeanMs: number
  /**
   * The same plane client with the transport's per-request tracing span forced on (`tracing: true`), as
   * it is by default when the app installs a tracer; planes' default with Effect's built-in tracer is off.
   */
  readonly tracedMeanMs: number
  readonly fetchMeanMs: number
  /** Median over rounds of planes mean / fetch mean. */
  readonly ratio: number
  /** Median over rounds of traced planes mean / fetch mean. */
  readonly tracedRatio: number
  readonly failedCalls: number
}

// What the Intune connector reads of an app: enough to decode, as it does for every answer.
const MobileApp = Schema.Struct({
  id: Schema.String,
  displayName: Schema.String,
  notes: Schema.NullishOr(Schema.String)
})

const median = (values: ReadonlyArray<number>) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

/**
 * One read (GET an app by id) through core's plane client, set up as the Intune connector sets up its
 * Graph reads (bearer token provider, `client-request-id`, Graph's error profile, retry policy, limiter,
 * timeout, schema decode), against the same GET with bare fetch and JSON.parse, one call at a time on loopback.
 */
export const runOverhead = async (options: OverheadOptions): Promise<OverheadResult> => {
  const sim = await startGraphSim({ seed: options.seed, fleetSize: 10 })
  try {
    const token = await graphToken(sim.url)
    const created = await fetch(`${sim.url}/v1.0/deviceAppManagement/mobileApps`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(sampleAppBody("Overhead"))
    })
    const { id } = Schema.decodeUnknownSync(Schema.Struct({ id: Schema.String }))(await created.json())
    const path = `/v1.0/deviceAppManagement/mobileApps/${id}`
    let failedCalls = 0

    const planesRound = (tracing: boolean | undefined) =>
      Effect.gen(function* () {
        const tokens = yield* Http.makeTokenProvider({
          name: "bench",
          fetch: Effect.succeed({ token: Redacted.make(token), expiresIn: "1 hour" })
        })
        const client = yield* Http.makePlaneHttpClient({
          plane: "intune",
          baseUrl: sim.url,
          profile: graphErrorProfile,
          correlationHeader: graphCorrelationHeader,
          authenticator: Http.bearer(tokens),
          limits: { rate: { perSecond: 1_000_000, burst: 1_000_000 } },
          timeout: "120 seconds",
          headers: { accept: "application/json" },
          ...(tracing === undefined ? {} : { tracing })
        })
        const call = client.json("get app", HttpClientRequest.get(path), MobileApp)
        // One warm-up call opens the keep-alive connection.
        yield* call
        const started = performance.now()
        for (let i = 0; i < options.calls; i++) {
          yield* call.pipe(Effect.catchAll(() => Effect.sync(() => failedCalls++)))
        }
        return (performance.now() - started) / options.calls
      }).pipe(Effect.provide(FetchHttpClient.layer), Effect.provide(RetryPolicy.default))

    const fetchRound = async () => {
      const call = async () => {
        const response = await fetch(`${sim.url}${path}`, {
          headers: {
            authorization: `Bearer ${token}`,
            accept: "application/json",
            [graphCorrelationHeader]: crypto.randomUUID()
          }
        })
        if (!response.ok) failedCalls++
        JSON.parse(await response.text())
      }
      await call()
      const started = performance.now()
      for (let i = 0; i < options.calls; i++) await call()
      return (performance.now() - started) / options.calls
    }

    const planes: number[] = []
    const traced: number[] = []
    const bare: number[] = []
    const clients = [
      async () => planes.push(await Effect.runPromise(planesRound(undefined))),
      async () => traced.push(await Effect.runPromise(planesRound(true))),
      async () => bare.push(await fetchRound())
    ]
    // Each round starts with another client, so none always runs on a colder or warmer process.
    for (let round = 0; round < options.rounds; round++) {
      for (let i = 0; i < clients.length; i++) await clients[(round + i) % clients.length]?.()
    }
    const mean = (values: ReadonlyArray<number>) => values.reduce((a, b) => a + b, 0) / values.length
    return {
      options,
      planesMeanMs: mean(planes),
      tracedMeanMs: mean(traced),
      fetchMeanMs: mean(bare),
      ratio: median(planes.map((p, i) => p / (bare[i] ?? p))),
      tracedRatio: median(traced.map((p, i) => p / (bare[i] ?? p))),
      failedCalls
    }
  } finally {
    await sim.close()
  }
}

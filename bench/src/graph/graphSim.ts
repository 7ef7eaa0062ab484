import { randomBytes } from "node:crypto"
import { Schema } from "effect"
import { type HostedSim, startHostedSim } from "../host/startHost.js"

/** The bench's Entra tenant on the Graph simulator (a made-up value). */
export const graphTenant = "5b1e7c3a-0d2f-4c8e-9a61-3f4b2c1d0e9f"
/** The application (client) id the bench signs in as. */
export const graphClientId = "8c2d4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e4f"
const inheritedSecret = process.env.PLANES_BENCH_GRAPH_SECRET
/** A simulator-only client secret, fresh per bench run; child processes inherit it through the environment. */
export const graphSecret: string = inheritedSecret ?? randomBytes(18).toString("base64url")
process.env.PLANES_BENCH_GRAPH_SECRET = graphSecret

/** How to start the Graph simulator for a benchmark. */
export interface GraphSimOptions {
  readonly seed: number
  /** Devices in the tenant's fleet. */
  readonly fleetSize: number
  /** Intune's documented limits with the 20 s window multiplied by this; no throttling when absent. */
  readonly windowScale?: number
}

/**
 * Starts a Graph simulator in a child process with the bench's client registered and every asynchronous
 * Intune step immediate, so a run measures the client and the limit, not simulated waits. Throttled runs
 * answer fractional Retry-After, as Graph does, so a time-compressed window keeps its meaning.
 */
export const startGraphSim = (options: GraphSimOptions): Promise<HostedSim> =>
  startHostedSim({
    kind: "graph",
    seed: options.seed,
    tenant: graphTenant,
    clientId: graphClientId,
    secret: graphSecret,
    fleetSize: options.fleetSize,
    ...(options.windowScale === undefined ? {} : { windowScale: options.windowScale })
  })

/** A bearer token for the bench client, from the simulator's token endpoint (client credentials). */
export const graphToken = async (url: string): Promise<string> => {
  const response = await fetch(`${url}/${graphTenant}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: graphClientId,
      client_secret: graphSecret,
      scope: "https://graph.microsoft.com/.default"
    })
  })
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`)
  return Schema.decodeUnknownSync(TokenAnswer)(await response.json()).access_token
}

/** Creates an Entra group with `members` in the simulator (admin API) and returns its id. */
export const createGroup = async (sim: HostedSim, members: ReadonlyArray<string>): Promise<string> =>
  Schema.decodeUnknownSync(WithId)(
    await sim.admin("POST", "/_sim/graph/groups", { displayName: "Bench", members })
  ).id

const WithId = Schema.Struct({ id: Schema.String })
const TokenAnswer = Schema.Struct({ access_token: Schema.String })

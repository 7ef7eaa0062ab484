#!/usr/bin/env node
import { serve } from "@planes/sim-kit"
import { createGraphSimulator } from "./simulator.js"

// Serves the simulator on PORT (or a free port) and prints its URL. An app registration can be given
// through the environment (never in code): PLANES_SIM_GRAPH_CLIENT_ID and PLANES_SIM_GRAPH_CLIENT_SECRET,
// in tenant PLANES_SIM_GRAPH_TENANT; more through POST /_sim/graph/clients.
const env = process.env
const clientId = env.PLANES_SIM_GRAPH_CLIENT_ID
const secret = env.PLANES_SIM_GRAPH_CLIENT_SECRET
const tenant = env.PLANES_SIM_GRAPH_TENANT
const sim = createGraphSimulator({
  ...(tenant === undefined ? {} : { defaultTenant: tenant }),
  clients: clientId === undefined ? [] : [{ clientId, ...(secret === undefined ? {} : { secret }) }],
  ...(env.PLANES_SIM_GRAPH_FLEET_SIZE === undefined
    ? {}
    : { fleet: { size: Number(env.PLANES_SIM_GRAPH_FLEET_SIZE) } })
})
const server = await serve(sim.app, {
  port: Number(env.PORT ?? 0),
  ...(env.HOST === undefined ? {} : { hostname: env.HOST })
})
process.stdout.write(
  `graph simulator listening on ${server.url} (tenant ${sim.defaultTenant}, seed ${sim.kit.seed})\n`
)
const stop = () => {
  void server.close().then(() => process.exit(0))
}
process.on("SIGINT", stop)
process.on("SIGTERM", stop)

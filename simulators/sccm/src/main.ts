#!/usr/bin/env node
import { serve } from "@planes/sim-kit"
import { createSccmSimulator } from "./simulator.js"

// `PORT` picks the port (0, the default, takes a free one); `PLANES_SIM_SEED` fixes the seed. Accounts,
// tokens, settings and DP state are managed over `/_sim/sccm/...`.
const port = Number(process.env.PORT ?? "0")
const simulator = createSccmSimulator()
const server = await serve(simulator.app, { port: Number.isInteger(port) && port >= 0 ? port : 0 })
process.stdout.write(
  `sccm simulator listening on ${server.url} (AdminService at ${server.url}/AdminService)\n`
)
const stop = () => void server.close().then(() => process.exit(0))
process.on("SIGINT", stop)
process.on("SIGTERM", stop)

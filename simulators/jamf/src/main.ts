#!/usr/bin/env node
import { serve } from "@planes/sim-kit"
import { createJamfSimulator } from "./simulator.js"

// `PORT` picks the port (0, the default, takes a free one); clients, users and the fleet are seeded
// over `POST /_sim/seed`, e.g. `{"computers": 50, "clients": [{"clientId": "…", "clientSecret": "…", "privileges": ["*"]}]}`.
const port = Number(process.env.PORT ?? "0")
const simulator = createJamfSimulator()
const server = await serve(simulator.app, { port: Number.isInteger(port) && port >= 0 ? port : 0 })
process.stdout.write(`jamf simulator listening on ${server.url}\n`)
const stop = () => void server.close().then(() => process.exit(0))
process.on("SIGINT", stop)
process.on("SIGTERM", stop)

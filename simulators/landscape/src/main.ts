#!/usr/bin/env node
import { serve } from "@planes/sim-kit"
import { createLandscapeSimulator } from "./simulator.js"

// `PORT` picks the port (0, the default, takes a free one); users, keys and fleets are seeded over
// `POST /_sim/seed` or `POST /_sim/landscape/users`.
const port = Number(process.env.PORT ?? "0")
const simulator = createLandscapeSimulator()
const server = await serve(simulator.app, { port: Number.isInteger(port) && port >= 0 ? port : 0 })
process.stdout.write(`landscape simulator listening on ${server.url}\n`)
const stop = () => void server.close().then(() => process.exit(0))
process.on("SIGINT", stop)
process.on("SIGTERM", stop)

#!/usr/bin/env node
import { serve } from "@planes/sim-kit"
import { createVaultSimulator } from "./simulator.js"

// `PORT` picks the port (0, the default, takes a free one). `VAULT_SIM_ROOT_TOKEN` enables a root token,
// as `vault server -dev -dev-root-token-id` does; state is seeded over `POST /_sim/seed`.
const port = Number(process.env.PORT ?? "0")
const rootToken = process.env.VAULT_SIM_ROOT_TOKEN
const simulator = createVaultSimulator(rootToken === undefined || rootToken === "" ? {} : { rootToken })
const server = await serve(simulator.app, { port: Number.isInteger(port) && port >= 0 ? port : 0 })
process.stdout.write(`vault simulator listening on ${server.url}\n`)
const stop = () => void server.close().then(() => process.exit(0))
process.on("SIGINT", stop)
process.on("SIGTERM", stop)

#!/usr/bin/env node
import { serve } from "@planes/sim-kit"
import { createAwxSimulator } from "./simulator.js"

// `PORT` picks the port (0, the default, takes a free one); `AWX_SIM_PRODUCT=aap` reports the
// Automation Platform; `AWX_SIM_ADMIN_PASSWORD` sets the superuser's password. Seed over `/_sim/seed`.
const port = Number(process.env.PORT ?? "0")
const password = process.env.AWX_SIM_ADMIN_PASSWORD
const simulator = createAwxSimulator({
  product: process.env.AWX_SIM_PRODUCT === "aap" ? "aap" : "awx",
  ...(password === undefined || password === "" ? {} : { admin: { password } })
})
const server = await serve(simulator.app, { port: Number.isInteger(port) && port >= 0 ? port : 0 })
process.stdout.write(`awx simulator listening on ${server.url}\n`)
const stop = () => void server.close().then(() => process.exit(0))
process.on("SIGINT", stop)
process.on("SIGTERM", stop)

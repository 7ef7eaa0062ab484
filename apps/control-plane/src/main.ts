#!/usr/bin/env node
// The control plane's entry point: configuration from the environment (see README), then serve.
import { Effect } from "effect"
import { describeStartupFailure, startServer } from "./app/server.js"
import { loadConfig } from "./config/loadConfig.js"

const main = async () => {
  const config = await Effect.runPromise(loadConfig)
  const running = await startServer(config)
  console.log(`planes control plane listening on ${running.url} (reference: ${running.url}/docs)`)
  const stop = () => void running.close().then(() => process.exit(0))
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
}

main().catch(async (error: unknown) => {
  await Effect.runPromise(describeStartupFailure(error))
  process.exit(1)
})

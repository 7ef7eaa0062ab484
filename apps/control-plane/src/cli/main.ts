#!/usr/bin/env node
// The `planes` command line (see README): talks to a running control plane over its HTTP API.
import { Effect } from "effect"
import { runCli } from "./run.js"

Effect.runPromise(runCli(process.argv)).then((code) => {
  process.exitCode = code
})

import { fork } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Either, Schema } from "effect"
import { type FleetRunRequest, type FleetRunResult, FleetWorkerMessage } from "./protocol.js"

const entry = fileURLToPath(new URL("./fleetWorker.ts", import.meta.url))

/** Runs one fleet-state measurement in a fresh child process and returns what it measured. */
export const runFleetWorker = (request: FleetRunRequest): Promise<FleetRunResult> =>
  new Promise((resolve, reject) => {
    const child = fork(entry, [JSON.stringify(request)], {
      // --expose-gc: the worker collects fully before and after the stream, to report the retained heap.
      execArgv: ["--import", "tsx", "--expose-gc"],
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
    let settled = false
    child.once("message", (message) => {
      settled = true
      const decoded = Schema.decodeUnknownEither(FleetWorkerMessage)(message)
      if (Either.isLeft(decoded))
        reject(new Error(`fleet worker sent an unreadable message: ${decoded.left.message}`))
      else if (decoded.right.ok) resolve(decoded.right.result)
      else reject(new Error(`fleet worker: ${decoded.right.error}`))
    })
    child.once("exit", (code) => {
      if (!settled) reject(new Error(`fleet worker exited with ${code} before reporting`))
    })
  })

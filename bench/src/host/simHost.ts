// Child-process entry: serves one simulator on loopback and tells the parent its URL, so the benchmark
// process measures only the client (its CPU and memory), not the simulator beside it.
import { serve } from "@planes/sim-kit"
import { Schema } from "effect"
import { buildSimulator, HostRequest } from "./simulators.js"

const request = Schema.decodeUnknownSync(Schema.parseJson(HostRequest))(process.argv[2] ?? "")
const app = await buildSimulator(request)
const server = await serve(app, { port: 0, hostname: "127.0.0.1" })
process.send?.({ url: server.url })
// The parent asks for this process's CPU time, so capacity can be told apart from a busy machine.
process.on("message", (message) => {
  if (message === "cpu") {
    const { user, system } = process.cpuUsage()
    process.send?.({ cpuMicros: user + system })
  }
})
process.on("disconnect", () => {
  void server.close().finally(() => process.exit(0))
})

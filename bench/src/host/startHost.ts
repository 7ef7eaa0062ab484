import { fork } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Schema } from "effect"
import type { HostRequest } from "./simulators.js"

/** The journal fields the benchmarks read (`GET /_sim/journal`). */
export const JournalLine = Schema.Struct({
  atMs: Schema.Number,
  method: Schema.String,
  path: Schema.String,
  status: Schema.NullOr(Schema.Number)
})
/** The journal fields the benchmarks read. */
export type JournalLine = typeof JournalLine.Type

const Journal = Schema.Struct({ entries: Schema.Array(JournalLine) })
const Ready = Schema.Struct({ url: Schema.String })
const CpuAnswer = Schema.Struct({ cpuMicros: Schema.Number })

/** A simulator running in a child process: its URL, the admin helpers the benchmarks use, and a stop. */
export interface HostedSim {
  readonly url: string
  /** Calls the admin API (or any path) with a JSON body; the JSON answer, undecoded (callers decode). */
  readonly admin: (method: string, path: string, body?: unknown) => Promise<unknown>
  readonly journal: () => Promise<ReadonlyArray<JournalLine>>
  /** CPU time (user + system, microseconds) the simulator process has used so far. */
  readonly cpuMicros: () => Promise<number>
  readonly close: () => Promise<void>
}

const entry = fileURLToPath(new URL("./simHost.ts", import.meta.url))

/** Starts the simulator `request` names in a child Node process (TypeScript through tsx) and waits for its URL. */
export const startHostedSim = (request: HostRequest): Promise<HostedSim> =>
  new Promise((resolve, reject) => {
    const child = fork(entry, [JSON.stringify(request)], {
      execArgv: ["--import", "tsx", "--max-old-space-size=4096"],
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
    const onExit = (code: number | null) => reject(new Error(`simulator host exited early (${code})`))
    child.once("exit", onExit)
    child.once("message", (message) => {
      child.off("exit", onExit)
      const { url } = Schema.decodeUnknownSync(Ready)(message)
      const admin = async (method: string, path: string, body?: unknown): Promise<unknown> => {
        const response = await fetch(`${url}${path}`, {
          method,
          headers: { "content-type": "application/json" },
          ...(body === undefined ? {} : { body: JSON.stringify(body) })
        })
        const text = await response.text()
        if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`)
        return text === "" ? undefined : JSON.parse(text)
      }
      resolve({
        url,
        admin,
        journal: async () => Schema.decodeUnknownSync(Journal)(await admin("GET", "/_sim/journal")).entries,
        cpuMicros: () =>
          new Promise<number>((answered) => {
            const onMessage = (answer: unknown) => {
              const decoded = Schema.decodeUnknownOption(CpuAnswer)(answer)
              if (decoded._tag === "None") return
              child.off("message", onMessage)
              answered(decoded.value.cpuMicros)
            }
            child.on("message", onMessage)
            child.send("cpu")
          }),
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done()
            child.once("exit", () => done())
            child.disconnect()
            setTimeout(() => child.kill(), 2000).unref()
          })
      })
    })
  })

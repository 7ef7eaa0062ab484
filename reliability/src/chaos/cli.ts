// A few `planes` CLI commands against the run's control plane, in process, with everything they print
// captured for the canary scan.
import { runCli } from "@planes/control-plane"
import { Effect } from "effect"

/** What one CLI command printed and its exit code. */
export interface CliRun {
  readonly args: ReadonlyArray<string>
  readonly code: number
  readonly output: string
}

/** Runs `planes ...args`, capturing console and stdout/stderr writes while it runs. */
export const runPlanes = async (args: ReadonlyArray<string>): Promise<CliRun> => {
  const printed: Array<string> = []
  const saved = {
    log: console.log,
    error: console.error,
    out: process.stdout.write,
    err: process.stderr.write
  }
  const keep = (...parts: ReadonlyArray<unknown>) => {
    printed.push(parts.map(String).join(" "))
  }
  const keepWrite = (chunk: string | Uint8Array) => {
    printed.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"))
    return true
  }
  console.log = keep
  console.error = keep
  process.stdout.write = keepWrite as typeof process.stdout.write
  process.stderr.write = keepWrite as typeof process.stderr.write
  try {
    const code = await Effect.runPromise(runCli(["node", "planes", ...args]))
    return { args, code, output: printed.join("\n") }
  } finally {
    console.log = saved.log
    console.error = saved.error
    process.stdout.write = saved.out
    process.stderr.write = saved.err
  }
}

/** The commands a run tries: listing keys, reading an assignment, its devices, and a refused call. */
export const cliCommands = (url: string, adminKey: string, key: string, assignmentId: string | undefined) => {
  const common = ["--url", url, "--key", key]
  return [
    ["keys", "list", "--url", url, "--key", adminKey],
    ["keys", "list", "--json", "--url", url, "--key", adminKey],
    ["keys", "list", ...common],
    ...(assignmentId === undefined
      ? []
      : [
          ["state", ...common, assignmentId],
          ["state", "--json", ...common, assignmentId]
        ]),
    ["state", "--url", url, "--key", "pk_not_a_key", "nope"]
  ]
}

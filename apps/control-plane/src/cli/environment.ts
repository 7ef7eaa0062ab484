import { FileSystem, Path, Terminal } from "@effect/platform"
import { Effect, Layer, Mailbox } from "effect"

// @effect/cli needs a FileSystem, a Path and a Terminal. The node implementations live in
// @effect/platform-node, whose effect-3 line pulls in the cluster and RPC packages; the CLI never prompts
// and reads its files itself, so a plain stdout terminal and no file system are all it needs.
const terminal: Terminal.Terminal = {
  columns: Effect.sync(() => process.stdout.columns ?? 100),
  rows: Effect.sync(() => process.stdout.rows ?? 40),
  isTTY: Effect.sync(() => process.stdout.isTTY === true),
  readInput: Effect.flatMap(Mailbox.make<Terminal.UserInput>(), (mailbox) => Effect.as(mailbox.end, mailbox)),
  readLine: Effect.fail(new Terminal.QuitException()),
  display: (text) => Effect.sync(() => void process.stdout.write(text))
}

/** What `Command.run` needs, without prompts or file system access. */
export const cliEnvironment = Layer.mergeAll(
  Layer.succeed(Terminal.Terminal, terminal),
  Path.layer,
  FileSystem.layerNoop({})
)

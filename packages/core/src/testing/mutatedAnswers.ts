// The two checks every adapter's fuzz suite makes of its recorded conversation, written once. fast-check stays
// in the suites: they draw three whole numbers per case and this module turns them into the case.
import type { Exit } from "effect"
import type { PlaneError } from "../errors/PlaneError.js"
import type { AnswerMutation, Exchange } from "./fuzzHttp.js"
import { type BodyMutation, bodyMutations } from "./fuzzMutations.js"
import { type Outcome, outcomeOf, type RecordedOperation } from "./fuzzPlane.js"
import { breathe } from "./fuzzRuns.js"

/**
 * A plane's recorded conversation and how its suite replays one operation of it in memory, with at most one
 * vendor answer mutated; the replay brings the plane's own set-up (config, transport, target normalisation).
 */
export interface RecordedConversation {
  readonly recording: ReadonlyArray<Exchange>
  readonly operations: ReadonlyArray<RecordedOperation>
  readonly replay: (
    operation: RecordedOperation,
    mutation?: AnswerMutation
  ) => Promise<Exit.Exit<unknown, PlaneError>>
}

const describeOutcome = (outcome: Outcome): string =>
  outcome._tag === "Success"
    ? "success"
    : outcome._tag === "PlaneError"
      ? `a ${outcome.error._tag} (${outcome.error.code ?? "no code"}): ${outcome.error.message}`
      : `a defect:\n${outcome.detail}`

/**
 * Replays each recorded operation with every answer as recorded, and says which did not succeed (or sent
 * no request at all): empty when a failure under mutation can only be the mutation's doing.
 */
export const replaysUnchanged = async (
  conversation: RecordedConversation
): Promise<ReadonlyArray<string>> => {
  const problems: Array<string> = []
  for (const operation of conversation.operations) {
    if (operation.to <= operation.from) {
      problems.push(`${operation.name} sent no request, so none of its answers can be mutated`)
      continue
    }
    const outcome = outcomeOf(await conversation.replay(operation))
    if (outcome._tag !== "Success") {
      problems.push(`${operation.name}, replayed unchanged, ended in ${describeOutcome(outcome)}`)
    }
  }
  return problems
}

/** One fuzz case: an operation replayed with one of its answers (`exchange`) served as `body` instead. */
export interface MutatedAnswerCase {
  readonly operation: RecordedOperation
  readonly exchange: Exchange
  readonly body: string
  /** Whether `body` is still well-formed JSON/XML; a 2xx answer that is not must end in a PermanentError. */
  readonly wellFormed: boolean
}

/** Three whole numbers choosing a case: an operation, one of its exchanges, one mutation of that answer. */
export interface MutatedAnswerPick {
  readonly operation: number
  readonly exchange: number
  readonly mutation: number
}

const nth = <A>(items: ReadonlyArray<A>, pick: number): A => {
  const item = items[Math.abs(Math.trunc(pick)) % items.length]
  if (item === undefined) throw new Error("nothing to pick from")
  return item
}

/**
 * Turns picks into cases of `conversation`: an operation, then one of the exchanges it made, then one of
 * that answer's `bodyMutations`, each taken modulo the count (so operations weigh the same whatever their
 * number of exchanges, and fast-check shrinks toward the first of each). An answer's mutations are listed
 * once and kept: a big page has thousands.
 */
export const mutatedAnswerCases = (
  conversation: RecordedConversation
): ((pick: MutatedAnswerPick) => MutatedAnswerCase) => {
  const operations = conversation.operations.filter((operation) => operation.to > operation.from)
  if (operations.length === 0) throw new Error("the conversation has no operation that sent a request")
  const mutations = new Map<number, ReadonlyArray<BodyMutation>>()
  const mutationsOf = (index: number, exchange: Exchange) => {
    const known = mutations.get(index)
    if (known !== undefined) return known
    const made = bodyMutations(exchange.body)
    mutations.set(index, made)
    return made
  }
  return (pick) => {
    const operation = nth(operations, pick.operation)
    const index = operation.from + (Math.abs(Math.trunc(pick.exchange)) % (operation.to - operation.from))
    const exchange = conversation.recording[index]
    if (exchange === undefined) throw new Error(`${operation.name}: no exchange ${index} in the recording`)
    return { operation, exchange, ...nth(mutationsOf(index, exchange), pick.mutation)() }
  }
}

/**
 * Replays one case and says what is wrong with how it ended: a defect (a throw, a die) is always wrong, and
 * an undecodable 2xx answer must end in a PermanentError, never one that invites a retry. Empty when the
 * outcome is success or a fitting typed PlaneError. Each problem names the operation, the request, the
 * mutated answer's head and the defect or error.
 */
export const checkMutatedAnswer = async (
  conversation: RecordedConversation,
  { operation, exchange, body, wellFormed }: MutatedAnswerCase,
  /** How long one case may run before it counts as never ending (a paging loop a mutation made endless). */
  deadlineMs = 30_000
): Promise<ReadonlyArray<string>> => {
  // A replay rarely lets the event loop turn; 10,000 of them in a row starve vitest's worker RPC.
  await breathe()
  const where = `${operation.name}: ${exchange.method} ${exchange.target} (${exchange.status}) answered ${JSON.stringify(body.slice(0, 120))}${body.length > 120 ? ` (${body.length} chars)` : ""}`
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<"deadline">((resolve) => {
    timer = setTimeout(() => resolve("deadline"), deadlineMs)
  })
  const exit = await Promise.race([conversation.replay(operation, { exchange, body }), deadline])
  clearTimeout(timer)
  // Named here rather than left to the suite's timeout, which would fail without saying which case hung.
  if (exit === "deadline")
    return [
      `${where}
did not end within ${deadlineMs} ms`
    ]
  const outcome = outcomeOf(exit)
  if (outcome._tag === "Defect") return [`${where}\nended in ${describeOutcome(outcome)}`]
  if (
    outcome._tag === "PlaneError" &&
    !wellFormed &&
    exchange.status < 300 &&
    outcome.error._tag !== "PermanentError"
  ) {
    return [`${where}\nis undecodable but ended in ${describeOutcome(outcome)}, not a PermanentError`]
  }
  return []
}

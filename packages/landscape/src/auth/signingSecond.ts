import { Clock, Context, Effect } from "effect"

/**
 * Which calls were signed in the current second. Landscape refuses a signature it has already seen and
 * timestamps have whole seconds, so an identical call may be signed at most once per second. Since no
 * call is ever signed ahead of the clock, only the current second matters: a new second forgets the last.
 */
export interface SigningLedger {
  second: number
  readonly calls: Set<string>
}

/** An empty ledger: what a freshly started process has. */
export const emptyLedger = (): SigningLedger => ({ second: Number.NaN, calls: new Set() })

/**
 * The ledger signers consult. By default one per process, shared by every connector in it, so two
 * connectors (or two instances of one) never sign the same call in the same second; provide another
 * to stand for a separate process.
 */
export class SigningLedgerRef extends Context.Reference<SigningLedgerRef>()(
  "@planes/landscape/SigningLedger",
  { defaultValue: emptyLedger }
) {}

/**
 * Claims `call` for the current second if no identical call was signed in it (synchronously, so two
 * fibers cannot both claim it); otherwise says how many milliseconds remain until the next second.
 */
export const claim = (
  ledger: SigningLedger,
  call: string,
  nowMillis: number
):
  | { readonly _tag: "Claimed"; readonly second: number }
  | { readonly _tag: "Wait"; readonly millis: number } => {
  const second = Math.floor(nowMillis / 1000)
  if (ledger.second !== second) {
    ledger.second = second
    ledger.calls.clear()
  }
  if (ledger.calls.has(call)) return { _tag: "Wait", millis: (second + 1) * 1000 - nowMillis }
  ledger.calls.add(call)
  return { _tag: "Claimed", second }
}

/**
 * The second to sign `call` at: the current one, never a later one. An identical call already signed in
 * this second waits (on the Effect clock) for the next second, so at most one goes out per second;
 * different calls never wait for each other.
 */
export const signingSecond = (call: string): Effect.Effect<number> =>
  Effect.flatMap(SigningLedgerRef, (ledger) => {
    const attempt: Effect.Effect<number> = Effect.flatMap(Clock.currentTimeMillis, (now) => {
      const outcome = claim(ledger, call, now)
      return outcome._tag === "Claimed"
        ? Effect.succeed(outcome.second)
        : Effect.zipRight(Effect.sleep(outcome.millis), attempt)
    })
    return attempt
  })

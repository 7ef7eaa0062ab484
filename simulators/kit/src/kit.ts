import type { Schema } from "effect"
import { type AdvanceHook, AdvanceHooks } from "./advance.js"
import type { SimClock } from "./clock.js"
import type { SimContext } from "./env.js"
import type { ErrorFormatter, ErrorSource, SimError } from "./error-format.js"
import { defaultErrorCode, reasonPhrase } from "./error-format.js"
import type { FaultPlan } from "./faults/fault-plan.js"
import { headerPairs, headerRecord, withHeaders } from "./headers.js"
import type { Journal } from "./journal.js"
import type { SimLogger } from "./logger.js"
import { deriveSeed, type Prng } from "./prng.js"
import { normaliseSeed } from "./seed.js"
import type { StoreSnapshot, TenantStores } from "./stores.js"
import type { Throttler } from "./throttle/throttler.js"
import { TokenTable, tokenRecordsSchema } from "./tokens.js"

/** The whole simulator state as JSON (what `GET /_sim/state` answers and `PUT /_sim/state` takes). */
export interface SimSnapshot {
  readonly name: string
  readonly seed: number
  readonly now: string
  readonly stores: StoreSnapshot
}

/** The machinery of one simulator instance, shared by its vendor routes, admin API and tests. */
export interface SimKit {
  /** Simulator name (logs, health). */
  readonly name: string
  /** Current seed of every random stream. */
  readonly seed: number
  /** The simulated clock. */
  readonly clock: SimClock
  /** The vendor's random stream (fleets, ids); `rng.fork(label)` for independent reproducible streams. */
  readonly rng: Prng
  /** Per-tenant state; everything registered here is reset and snapshotted. */
  readonly stores: TenantStores
  /** Fault rules. */
  readonly faults: FaultPlan
  /** Token-bucket throttling and early-retry tracking. */
  readonly throttle: Throttler
  /** Request journal and unmatched requests. */
  readonly journal: Journal
  /** The simulator's logger. */
  readonly log: SimLogger
  /** Restarts every random stream from `seed` (or the current seed when absent); returns the seed. */
  reseed(seed?: number | string): number
  /** Resets stores, faults, throttling, journal and random streams (the clock keeps running). */
  reset(): void
  /** Answers an error in the vendor's format (the formatter the simulator was created with). */
  error(c: SimContext, error: SimError, source?: ErrorSource): Promise<Response>
  /** A table of issued tokens with expiry on the simulated clock, kept in a store named `name`. */
  tokens<A, I>(name: string, data: Schema.Schema<A, I>): TokenTable<A>
  /** The state as JSON, after the advance hooks brought time-driven state up to now. */
  snapshot(): SimSnapshot
  /**
   * Registers a catch-up run before each state export, after `/_sim/clock/advance` and `PUT /_sim/clock`,
   * before each vendor request and on `POST /_sim/tick`; returns a function that unregisters it.
   */
  onAdvance(hook: AdvanceHook): () => void
  /** Runs the advance hooks at the current simulated instant (for a simulator's own admin routes). */
  advance(): void
  /** A fresh id from the seeded id stream (v4-shaped). */
  newId(): string
}

/** The kit's own random streams, derived from the seed so vendor draws never shift them. */
export interface KitStreams {
  readonly faults: Prng
  readonly throttle: Prng
  readonly ids: Prng
}

/** Labels of the kit's own random streams. */
export const STREAM_LABELS = {
  faults: "sim-kit/faults",
  throttle: "sim-kit/throttle",
  ids: "sim-kit/ids"
} as const

/** What `createKit` assembles. */
export interface KitParts {
  readonly name: string
  readonly clock: SimClock
  readonly rng: Prng
  readonly streams: KitStreams
  readonly stores: TenantStores
  readonly faults: FaultPlan
  readonly throttle: Throttler
  readonly journal: Journal
  readonly log: SimLogger
  readonly errorFormatter: ErrorFormatter
}

/** Assembles the kit object from its parts. */
export const createKit = (parts: KitParts): SimKit => {
  const { rng, streams, clock } = parts
  const hooks = new AdvanceHooks()
  const reseed = (seed?: number | string): number => {
    const next = seed === undefined ? rng.seed : normaliseSeed(seed)
    rng.reseed(next)
    streams.faults.reseed(deriveSeed(next, STREAM_LABELS.faults))
    streams.throttle.reseed(deriveSeed(next, STREAM_LABELS.throttle))
    streams.ids.reseed(deriveSeed(next, STREAM_LABELS.ids))
    return next
  }
  const snapshotNow = (): SimSnapshot => ({
    name: parts.name,
    seed: rng.seed,
    now: clock.iso(),
    stores: parts.stores.exportSnapshot()
  })
  const kit: SimKit = {
    name: parts.name,
    get seed() {
      return rng.seed
    },
    clock,
    rng,
    stores: parts.stores,
    faults: parts.faults,
    throttle: parts.throttle,
    journal: parts.journal,
    log: parts.log,
    reseed,
    reset: () => {
      parts.stores.reset()
      parts.faults.clear()
      parts.throttle.reset()
      parts.journal.clear()
      parts.journal.clearUnmatched()
      reseed()
    },
    error: async (c, error, source = "handler") => {
      const headers = headerPairs(error.headers)
      const response = await parts.errorFormatter({
        status: error.status,
        code: error.code ?? defaultErrorCode(error.status),
        message: error.message ?? reasonPhrase(error.status),
        headers: headerRecord(headers),
        ...(error.details === undefined ? {} : { details: error.details }),
        requestId: c.var.requestId,
        correlationId: c.var.correlationId,
        date: clock.date(),
        tenant: c.var.tenant,
        source,
        c
      })
      return withHeaders(response, headers)
    },
    tokens: (name, data) =>
      new TokenTable(
        parts.stores.register(name, tokenRecordsSchema(data), () => ({})),
        clock,
        () => `${streams.ids.hex(40)}`
      ),
    snapshot: () => {
      hooks.run(clock.now())
      return snapshotNow()
    },
    onAdvance: (hook) => hooks.add(hook),
    advance: () => hooks.run(clock.now()),
    newId: () => streams.ids.uuid()
  }
  return kit
}

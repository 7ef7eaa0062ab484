import { Hono } from "hono"
import { adminRoutes, type SeedHook } from "./admin/admin-routes.js"
import { ADMIN_PREFIX } from "./admin-path.js"
import { type ClockOptions, SimClock } from "./clock.js"
import type { NoExtra, SimContext, SimEnv } from "./env.js"
import type { ErrorFormatter } from "./error-format.js"
import { FaultPlan } from "./faults/fault-plan.js"
import { errorHandler, notFoundHandler } from "./handlers.js"
import { authorizationFingerprint } from "./identity.js"
import { Journal } from "./journal.js"
import { createKit, type SimKit, STREAM_LABELS } from "./kit.js"
import { defaultLogger, type SimLogger } from "./logger.js"
import { contextMiddleware, gateMiddleware, type TenantOf } from "./pipeline.js"
import { Prng } from "./prng.js"
import { resolveSeed, SEED_ENV_VAR } from "./seed.js"
import { TenantStores } from "./stores.js"
import {
  defaultThrottleSettings,
  patchSettings,
  type ThrottleSettingsPatch
} from "./throttle/throttle-settings.js"
import { Throttler } from "./throttle/throttler.js"
import type { Traces } from "./trace.js"

/** Options of `createSimulator`. */
export interface SimulatorOptions {
  /** Simulator name, for logs and `/_sim/health`. */
  readonly name: string
  /** Renders every kit-made error (429, faults, 404, 500) in the vendor's format. */
  readonly errorFormatter: ErrorFormatter
  /** Seed of every random stream; else env `PLANES_SIM_SEED`; else random. Logged at creation. */
  readonly seed?: number | string
  /** A clock to share, or how to start a new one (default: real time, not frozen). */
  readonly clock?: SimClock | ClockOptions
  /**
   * The tenant of a request (default tenant `default`); may be async and read the body. A vendor auth
   * middleware may `c.set("tenant")` later. Also names the tenant `onSeed` is given.
   */
  readonly tenantOf?: TenantOf
  /** The client of a request (default: fingerprint of the Authorization header, else `anonymous`). */
  readonly clientOf?: (c: SimContext) => string | undefined
  /** The throttle key ("workload", e.g. Graph's first path segment); default one key for all. */
  readonly throttleKeyOf?: (c: SimContext) => string | undefined
  /** Request header carrying the caller's correlation id (default `x-correlation-id`). */
  readonly correlationHeader?: string
  /** Echo the correlation header on responses, as Graph does with `client-request-id` (default false). */
  readonly echoCorrelationHeader?: boolean
  /** Response header carrying the simulator's request id (e.g. Graph's `request-id`); none by default. */
  readonly requestIdHeader?: string
  /** Initial throttle settings, merged over the defaults (enabled, no rules, whole-second Retry-After). */
  readonly throttle?: ThrottleSettingsPatch
  /** Journal capacity (default 1000 entries). */
  readonly journalCapacity?: number
  /** Runs on `POST /_sim/seed` after the kit reseeded, with the raw body and tenant (e.g. to generate a fleet). */
  readonly onSeed?: SeedHook
  /** Logger (default: stderr, silent under test runners). */
  readonly log?: SimLogger
  /** Environment to read `PLANES_SIM_SEED` and the test-runner markers from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>
}

/** A simulator: the Hono app to add vendor routes to and serve, and its machinery. */
export interface Simulator<Extra extends object = NoExtra> {
  /** The app; `Extra` are the simulator's own per-request variables (`c.set("caller", …)`). */
  readonly app: Hono<SimEnv<Extra>>
  readonly kit: SimKit
}

/**
 * Creates a simulator app wired with the shared machinery: identity, throttling, faults and journal
 * middleware, vendor-format 404 and 500, and the `/_sim` admin API. Add vendor routes to `app`.
 * `Extra` types the simulator's own context variables, e.g. `createSimulator<{ caller: Account }>(…)`.
 */
export const createSimulator = <Extra extends object = NoExtra>(
  options: SimulatorOptions
): Simulator<Extra> => {
  const env = options.env ?? process.env
  const log = options.log ?? defaultLogger(options.name, env)
  const { seed, source } = resolveSeed(options.seed, env)
  const clock = options.clock instanceof SimClock ? options.clock : new SimClock(options.clock)
  const rng = new Prng(seed)
  const streams = {
    faults: rng.fork(STREAM_LABELS.faults),
    throttle: rng.fork(STREAM_LABELS.throttle),
    ids: rng.fork(STREAM_LABELS.ids)
  }
  const kit = createKit({
    name: options.name,
    clock,
    rng,
    streams,
    stores: new TenantStores(),
    faults: new FaultPlan(streams.faults),
    throttle: new Throttler(
      clock,
      streams.throttle,
      patchSettings(defaultThrottleSettings, options.throttle ?? {})
    ),
    journal: new Journal(options.journalCapacity),
    log,
    errorFormatter: options.errorFormatter
  })
  log(
    "info",
    `seed ${seed} (${source === "env" ? `from ${SEED_ENV_VAR}` : source}); rerun with ${SEED_ENV_VAR}=${seed}`
  )

  const traces: Traces = new WeakMap()
  const tenantOf: TenantOf = options.tenantOf ?? (() => undefined)
  const config = {
    kit,
    tenantOf,
    clientOf: options.clientOf ?? authorizationFingerprint,
    throttleKeyOf: options.throttleKeyOf ?? (() => undefined),
    correlationHeader: options.correlationHeader ?? "x-correlation-id",
    echoCorrelationHeader: options.echoCorrelationHeader ?? false,
    requestIdHeader: options.requestIdHeader,
    traces
  }
  const app = new Hono<SimEnv<Extra>>()
  app.use("*", contextMiddleware(config))
  app.use("*", gateMiddleware(config))
  app.route(ADMIN_PREFIX, adminRoutes(kit, options.onSeed, tenantOf))
  app.notFound(notFoundHandler(kit, traces))
  app.onError(errorHandler(kit))
  return { app, kit }
}

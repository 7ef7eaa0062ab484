import { createHash } from "node:crypto"
import {
  AdminInputError,
  type ClockOptions,
  createSimulator,
  DEFAULT_TENANT,
  type SimClock,
  type SimKit,
  type SimLogger
} from "@planes/sim-kit"
import { Either, ParseResult, Schema } from "effect"
import type { Hono } from "hono"
import { jamfAdminRoutes } from "./admin/routes.js"
import { applySeed, JamfSeed } from "./admin/seed.js"
import { authenticate, clientOf } from "./auth/authenticate.js"
import { tokenRoutes } from "./auth/token-routes.js"
import { clusterMiddleware } from "./cluster/cluster.js"
import { type ConnectionLimiter, connectionLimiter } from "./cluster/connection-limit.js"
import { classicComputerRoutes } from "./computers/classic-routes.js"
import { inventoryRoutes } from "./computers/inventory-routes.js"
import type { JamfContext, JamfEnv, JamfVariables } from "./context.js"
import { distributionRoutes } from "./distribution/routes.js"
import { jamfErrorFormatter } from "./errors/formatter.js"
import { catchUpFleet } from "./fleet/world.js"
import { classicGroupRoutes } from "./groups/classic-routes.js"
import { proGroupRoutes } from "./groups/pro-routes.js"
import { flushRoutes } from "./logs/flush-routes.js"
import { historyRoutes } from "./logs/history-routes.js"
import { packageRoutes } from "./packages/routes.js"
import { uploadRoutes } from "./packages/upload.js"
import { policyRoutes } from "./policies/routes.js"
import {
  defaultSettings,
  type JamfSettings,
  type JamfSettingsPatch,
  patchSettings
} from "./settings/settings.js"
import { type JamfStores, registerStores } from "./state.js"

/** Options of `createJamfSimulator`. */
export interface JamfSimulatorOptions {
  /** Seed of every random stream (fleet, node choice, policy outcomes, ids); else `PLANES_SIM_SEED`, else random. */
  readonly seed?: number | string
  /** A clock to share with other simulators, or how to start one. */
  readonly clock?: SimClock | ClockOptions
  /** Initial settings (and what `/_sim/reset` returns to), over the defaults. */
  readonly settings?: JamfSettingsPatch
  /** Origin written into `href`s (default: the request's own origin). */
  readonly publicBaseUrl?: string
  readonly log?: SimLogger
  readonly env?: Readonly<Record<string, string | undefined>>
}

/** A Jamf Pro simulator: the Hono app to serve, the kit's machinery, and in-process controls for tests. */
export interface JamfSimulator {
  readonly app: Hono<JamfEnv>
  readonly kit: SimKit
  readonly stores: JamfStores
  /** Registers clients and users, changes settings, generates the fleet (what `POST /_sim/seed` does). */
  seed(seed: unknown): void
  /** Current settings. */
  settings(): JamfSettings
  /** Changes settings. */
  updateSettings(patch: JamfSettingsPatch): JamfSettings
  /** Runs the check-ins due up to the current simulated instant (the kit's advance, as `POST /_sim/tick`). */
  catchUp(): void
  /** In-flight and refused requests per client (the connection limit). */
  readonly connections: ConnectionLimiter
}

const decodeSeed = Schema.decodeUnknownEither(JamfSeed, { errors: "all", onExcessProperty: "ignore" })

const seedProblem = (error: ParseResult.ParseError) =>
  ParseResult.ArrayFormatter.formatErrorSync(error)
    .map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join(".")}: ${issue.message}`))
    .join("; ")

/**
 * Creates the Jamf Pro simulator: the Jamf Pro API (JSON) and the Classic API (XML) behind token auth
 * with privileges, a cluster of nodes with a sticky cookie and replication lag, a per-client connection
 * limit, a seeded fleet whose check-ins run policies over simulated time, and `/_sim/jamf` admin routes
 * beside the kit's `/_sim`. Errors come out as Jamf writes them: `ApiError` JSON or the Classic HTML page.
 */
export const createJamfSimulator = (options: JamfSimulatorOptions = {}): JamfSimulator => {
  const { app, kit } = createSimulator<JamfVariables>({
    name: "jamf",
    errorFormatter: jamfErrorFormatter,
    // Runs per request, long after `ctx` below exists.
    clientOf: (c) => clientOf(ctx)(c),
    correlationHeader: "X-Correlation-ID",
    onSeed: (body) => seedWith(body),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.log === undefined ? {} : { log: options.log }),
    ...(options.env === undefined ? {} : { env: options.env })
  })
  const stores = registerStores(kit, patchSettings(defaultSettings, options.settings ?? {}))
  const settings = (tenant: string) => stores.settings.get(tenant)
  // Fixed at creation, so reseeding over `/_sim/seed` does not invalidate tokens already handed out.
  const jwtKey = createHash("sha256").update(`jamf-jwt:${kit.seed}`).digest()
  const ctx: JamfContext = {
    kit,
    stores,
    publicBaseUrl: options.publicBaseUrl,
    jwtKey: () => jwtKey,
    settings
  }
  // The kit runs this before every vendor request, state export and clock change, and on `/_sim/tick`.
  kit.onAdvance(() => {
    for (const tenant of stores.fleet.tenants()) catchUpFleet(kit, stores, tenant, settings(tenant))
  })
  const seedWith = (input: unknown) => {
    const decoded = decodeSeed(input ?? {})
    if (Either.isLeft(decoded)) throw new AdminInputError(`invalid Jamf seed: ${seedProblem(decoded.left)}`)
    applySeed(kit, stores, decoded.right)
  }
  const limiter = connectionLimiter(ctx)

  app.route("/_sim/jamf", jamfAdminRoutes(ctx, limiter))
  for (const prefix of ["/api/*", "/JSSResource/*"]) {
    app.use(prefix, clusterMiddleware(ctx))
    app.use(prefix, limiter.middleware)
    app.use(prefix, authenticate(ctx))
  }
  app.route("/", tokenRoutes(ctx))
  app.route("/api/v1/packages", packageRoutes(ctx))
  app.route("/api/v1/packages", uploadRoutes(ctx))
  app.route("/api/v1", inventoryRoutes(ctx))
  app.route("/api/v2/computer-groups", proGroupRoutes(ctx))
  app.route("/", distributionRoutes(ctx))
  app.route("/JSSResource/computergroups", classicGroupRoutes(ctx))
  app.route("/JSSResource/policies", policyRoutes(ctx))
  app.route("/JSSResource/computers", classicComputerRoutes(ctx))
  app.route("/JSSResource/computerhistory", historyRoutes(ctx))
  app.route("/JSSResource/logflush", flushRoutes(ctx))

  return {
    app,
    kit,
    stores,
    seed: seedWith,
    settings: () => settings(DEFAULT_TENANT),
    updateSettings: (patch) => stores.settings.update(DEFAULT_TENANT, (s) => patchSettings(s, patch)),
    catchUp: () => kit.advance(),
    connections: limiter
  }
}

import { createHash } from "node:crypto"
import type { SimEnv } from "@planes/sim-kit"
import {
  AdminInputError,
  type ClockOptions,
  createSimulator,
  type SimClock,
  type SimContext,
  type SimKit,
  type SimLogger,
  setAnswerHeader
} from "@planes/sim-kit"
import { Either, Schema } from "effect"
import type { Hono } from "hono"
import { type ClientRegistration, type GraphThrottlePatch, SeedFleet } from "./admin/adminSchemas.js"
import { authAdmin } from "./admin/authAdmin.js"
import { fleetAdmin } from "./admin/fleetAdmin.js"
import { stateAdmin } from "./admin/stateAdmin.js"
import { bearerToken, tokenRecord } from "./auth/bearer.js"
import { clientRecord } from "./auth/registerClient.js"
import { tokenRoutes } from "./auth/tokenRoutes.js"
import { kitThrottlePatch } from "./config/graphThrottle.js"
import type { GraphSettingsPatch } from "./config/settings.js"
import type { GraphContext } from "./context.js"
import { graphErrorFormatter, isStoragePath, isTokenPath, STORAGE_PREFIX } from "./errors/formatter.js"
import { correlationHeaders } from "./errors/graphErrorBody.js"
import { fleetFor } from "./fleet/seedFleet.js"
import { graphRoutes } from "./graphRoutes.js"
import { type GraphStores, registerGraphStores } from "./state.js"
import { storageRoutes } from "./storage/storageRoutes.js"
import { apiVersions } from "./version.js"

/** Tenant used when nothing names one (admin requests, registrations without a tenant). */
export const DEFAULT_GRAPH_TENANT = "11111111-1111-4111-8111-111111111111"

/** Options of `createGraphSimulator`. */
export interface GraphSimulatorOptions {
  /** Seed of every random stream (fleet, ids, faults); else env `PLANES_SIM_SEED`; else random. */
  readonly seed?: number | string
  /** A clock to share, or how to start one (tests: `{ start, frozen: true }`). */
  readonly clock?: SimClock | ClockOptions
  readonly log?: SimLogger
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly journalCapacity?: number
  /** Tenant admin requests and tenant-less registrations use (default `DEFAULT_GRAPH_TENANT`). */
  readonly defaultTenant?: string
  /** App registrations present from the start (and after every reset). */
  readonly clients?: readonly ClientRegistration[]
  /** Timings, rates and switches over the defaults (see `GraphSettings`). */
  readonly settings?: GraphSettingsPatch
  /** Size and stale share of the fleet every tenant starts with (default 100 devices, none stale). */
  readonly fleet?: { readonly size?: number; readonly staleRate?: number }
  /** Intune throttling: on by default at the documented limits; `windowScale` compresses the 20 s window. */
  readonly throttle?: GraphThrottlePatch
  /** Origin for absolute URLs (upload URLs, nextLinks) instead of each request's own. */
  readonly publicBaseUrl?: string
  /** Key that signs upload URLs (default: derived from the seed). */
  readonly storageSecret?: string
}

/** A running Graph simulator: the Hono app to serve, its kit and its stores. */
export interface GraphSimulator {
  readonly app: Hono<SimEnv>
  readonly kit: SimKit
  readonly stores: GraphStores
  readonly defaultTenant: string
}

const firstSegment = (path: string): string | undefined => path.split("/").filter((s) => s !== "")[0]

const tenantOf =
  (stores: GraphStores) =>
  (c: SimContext): string | undefined => {
    const path = c.req.path
    if (isTokenPath(path)) return firstSegment(path)
    if (isStoragePath(path)) {
      const container = path.slice(STORAGE_PREFIX.length + 1).split("/")[0]
      return container === undefined ? undefined : decodeURIComponent(container)
    }
    return tokenRecord(stores, bearerToken(c))?.tenant
  }

const clientOf =
  (stores: GraphStores) =>
  (c: SimContext): string | undefined => {
    const record = tokenRecord(stores, bearerToken(c))
    return record === undefined ? undefined : `app:${record.clientId}`
  }

// Graph's throttle key is the workload: the first segment after the version.
const throttleKeyOf = (c: SimContext): string | undefined => {
  const [version, workload] = c.req.path.split("/").filter((s) => s !== "")
  return version === "v1.0" || version === "beta" ? workload : undefined
}

/**
 * Creates the Microsoft Graph (Intune) + Entra ID simulator: token endpoint, `/v1.0` and `/beta` Intune
 * routes, the blob endpoint upload URLs point at, a seeded device fleet, and admin routes under
 * `/_sim/graph` next to the kit's `/_sim`.
 */
export const createGraphSimulator = (options: GraphSimulatorOptions = {}): GraphSimulator => {
  const defaultTenant = options.defaultTenant ?? DEFAULT_GRAPH_TENANT
  // The stores are registered right after the kit exists; the hooks below only run on requests.
  const holder: { stores?: GraphStores } = {}
  const stores = (): GraphStores => {
    if (holder.stores === undefined) throw new Error("graph stores used before registration")
    return holder.stores
  }
  const sim = createSimulator({
    name: "graph",
    errorFormatter: graphErrorFormatter,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.log === undefined ? {} : { log: options.log }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.journalCapacity === undefined ? {} : { journalCapacity: options.journalCapacity }),
    tenantOf: (c) => tenantOf(stores())(c),
    clientOf: (c) => clientOf(stores())(c),
    throttleKeyOf,
    correlationHeader: "client-request-id",
    echoCorrelationHeader: true,
    requestIdHeader: "request-id",
    throttle: kitThrottlePatch({ windowScale: 1, ...options.throttle }),
    onSeed: (body, kit) => {
      if (typeof body !== "object" || body === null || !("fleet" in body)) return
      const decoded = Schema.decodeUnknownEither(SeedFleet)(body.fleet)
      if (Either.isLeft(decoded)) throw new AdminInputError(`fleet: ${decoded.left.message}`)
      stores().fleet.set(decoded.right.tenant ?? defaultTenant, fleetFor(kit, decoded.right))
    }
  })
  const { app, kit } = sim
  holder.stores = registerGraphStores(kit, {
    clients: (options.clients ?? []).map((r) => clientRecord(r, defaultTenant)),
    settings: options.settings ?? {},
    fleetSize: options.fleet?.size ?? 100,
    staleRate: options.fleet?.staleRate ?? 0
  })
  const ctx: GraphContext = {
    kit,
    stores: holder.stores,
    storageSecret:
      options.storageSecret ??
      createHash("sha256").update(`planes-sim-graph-storage|${kit.seed}`).digest("base64"),
    publicBaseUrl: options.publicBaseUrl,
    defaultTenant
  }

  // Graph puts client-request-id on every answer, echoing the request id when the caller sent none.
  app.use("*", async (c, next) => {
    await next()
    if (c.req.path.startsWith("/_sim")) return
    for (const [name, value] of Object.entries(correlationHeaders(c.var.requestId, c.var.correlationId))) {
      if (!c.res.headers.has(name)) setAnswerHeader(c, name, value)
    }
  })
  app.route("/_sim/graph", authAdmin(ctx))
  app.route("/_sim/graph", fleetAdmin(ctx))
  app.route("/_sim/graph", stateAdmin(ctx))
  app.route("/", tokenRoutes(ctx))
  app.route(STORAGE_PREFIX, storageRoutes(ctx))
  for (const version of apiVersions) app.route(`/${version}`, graphRoutes(ctx, version))
  return { app, kit, stores: holder.stores, defaultTenant }
}

import {
  AdminInputError,
  type ClockOptions,
  createSimulator,
  type SimClock,
  type SimEnv,
  type SimKit,
  type SimLogger
} from "@planes/sim-kit"
import { Either, ParseResult, Schema } from "effect"
import { Hono } from "hono"
import { applySeed } from "./admin/apply-seed.js"
import { registerAdminRoutes } from "./admin/routes.js"
import { AwxSeed, type AwxSeedInput } from "./admin/seed-schema.js"
import { authenticate } from "./auth/authenticate.js"
import { oauthRoutes } from "./auth/oauth-routes.js"
import { tokenRoutes } from "./auth/token-routes.js"
import { credentialRoutes } from "./credentials/routes.js"
import { awxErrorFormatter } from "./errors/format.js"
import { type Baseline, buildBaseline } from "./fleet/baseline.js"
import type { Deps } from "./http/deps.js"
import type { AwxEnv } from "./http/env.js"
import { inventoryRoutes } from "./inventories/routes.js"
import { jobRoutes } from "./jobs/routes.js"
import { organizationRoutes } from "./organizations/routes.js"
import { projectRoutes } from "./projects/routes.js"
import { apiHeaders, type ProductInfo } from "./routing/headers.js"
import { rootListing, rootRoutes, versionsBody } from "./routing/root-routes.js"
import { API_ROOTS } from "./routing/roots.js"
import { appendSlash } from "./routing/trailing-slash.js"
import type { SettingsPatch } from "./state/settings.js"
import { type AwxStores, registerStores } from "./state/stores.js"
import { templateRoutes } from "./templates/routes.js"
import { userRoutes } from "./users/routes.js"

/** Options of `createAwxSimulator`. */
export interface AwxSimulatorOptions {
  /** Seed of every random stream (fleet, outcomes, tokens); else `PLANES_SIM_SEED`, else random. */
  readonly seed?: number | string
  /** A clock to share, or how to start one (tests: `{ frozen: true }` and advance it). */
  readonly clock?: SimClock | ClockOptions
  /** `awx` (default) or `aap`: the product name in `X-API-Product-Name`, `/api/`, `/config/`. */
  readonly product?: "awx" | "aap"
  /** Version reported in `X-API-Product-Version` and `/ping/` (default `24.6.1`). */
  readonly version?: string
  /** The built-in superuser (default `admin` / `password`), user id 1. */
  readonly admin?: { readonly username?: string; readonly password?: string }
  /** Number of hosts generated into the baseline inventory `Fleet` of organization `Default` (default 12). */
  readonly fleetSize?: number
  /** Initial run-time settings, merged over the defaults (see `/_sim/awx/settings`). */
  readonly settings?: SettingsPatch
  readonly log?: SimLogger
  readonly env?: Readonly<Record<string, string | undefined>>
}

/** An AWX simulator: the app to serve, the kit's machinery, its stores, and in-process seeding. */
export interface AwxSimulator {
  readonly app: Hono<SimEnv>
  readonly kit: SimKit
  readonly stores: AwxStores
  /** Adds users, applications, tokens, organizations, inventories and hosts, or settings (as `POST /_sim/seed`). */
  seed(input: AwxSeedInput): void
}

const decodeSeed = Schema.decodeUnknownEither(AwxSeed, { errors: "all", onExcessProperty: "error" })

const describe = (error: ParseResult.ParseError): string =>
  ParseResult.ArrayFormatter.formatErrorSync(error)
    .map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join(".")}: ${issue.message}`))
    .join("; ")

/**
 * Creates the AWX / Automation Controller simulator: API v2 at `/api/v2/` and `/api/controller/v2/`,
 * OAuth2 at `/api/o/`, DRF-shaped errors, and the kit's `/_sim` admin API plus `/_sim/awx/*`.
 */
export const createAwxSimulator = (options: AwxSimulatorOptions = {}): AwxSimulator => {
  // The seed hook needs the stores, which need the kit: it reads them through this late binding.
  const late: { deps?: Deps } = {}
  const seedFrom = (input: unknown): void => {
    const decoded = decodeSeed(input ?? {})
    if (Either.isLeft(decoded)) throw new AdminInputError(describe(decoded.left))
    if (late.deps === undefined) return
    try {
      applySeed(late.deps, decoded.right)
    } catch (e) {
      throw new AdminInputError(e instanceof Error ? e.message : String(e))
    }
  }
  const { app, kit } = createSimulator({
    name: "awx",
    errorFormatter: awxErrorFormatter,
    correlationHeader: "X-Correlation-ID",
    onSeed: (body) => seedFrom(body),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.log === undefined ? {} : { log: options.log }),
    ...(options.env === undefined ? {} : { env: options.env })
  })
  const product: ProductInfo = {
    name: options.product === "aap" ? "Red Hat Ansible Automation Platform" : "AWX",
    version: options.version ?? "24.6.1",
    node: "awx-sim-node"
  }
  const baseline: Baseline = buildBaseline(kit, options)
  const stores = registerStores(kit, baseline)
  const deps: Deps = { kit, stores, product }
  late.deps = deps

  const api = new Hono<AwxEnv>()
  api.use("*", authenticate(deps))
  for (const group of [
    rootRoutes(deps),
    userRoutes(deps),
    tokenRoutes(deps),
    organizationRoutes(deps),
    inventoryRoutes(deps),
    projectRoutes(deps),
    templateRoutes(deps),
    credentialRoutes(deps),
    jobRoutes(deps)
  ]) {
    api.route("/", group)
  }

  app.use("/api/*", apiHeaders(product))
  app.use("/api/*", appendSlash)
  app.get("/api/", (c) =>
    c.json(versionsBody(product, options.product === "aap" ? "/api/controller/v2/" : "/api/v2/"))
  )
  app.route("/", rootListing())
  for (const root of API_ROOTS) app.route(root, api)
  app.route("/api/o", oauthRoutes(deps))
  registerAdminRoutes(app, deps)
  return { app, kit, stores, seed: seedFrom }
}

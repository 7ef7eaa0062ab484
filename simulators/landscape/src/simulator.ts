import {
  AdminInputError,
  type ClockOptions,
  createSimulator,
  type SimClock,
  type SimContext,
  type SimEnv,
  type SimKit,
  type SimLogger
} from "@planes/sim-kit"
import { Either, ParseResult, Schema } from "effect"
import type { Hono } from "hono"
import { addUser, applySeed } from "./admin/apply.js"
import { SeedInput, UserInput } from "./admin/inputs.js"
import { advanceAll, landscapeAdminRoutes } from "./admin/routes.js"
import { peekClaims } from "./auth/jwt.js"
import { bearerOf } from "./auth/sessions.js"
import type { LandscapeDeps } from "./deps.js"
import { landscapeErrorFormatter } from "./errors/formatter.js"
import { readParams } from "./legacy/params.js"
import { legacyHandler } from "./legacy/routes.js"
import { activityRoutes } from "./rest/activities.js"
import { computerRoutes } from "./rest/computers.js"
import { loginRoutes } from "./rest/login.js"
import { packageRoutes } from "./rest/packages.js"
import { defaultSettings, type Settings } from "./state/schemas.js"
import { type Directory, directoryOf, type LandscapeStores, registerStores } from "./state/stores.js"

/** Options of `createLandscapeSimulator`. */
export interface LandscapeSimulatorOptions {
  /** Seed of every random stream (fleet, outcomes, ids); else `PLANES_SIM_SEED`, else random. */
  readonly seed?: number | string
  /** A clock to share, or how to start one. */
  readonly clock?: SimClock | ClockOptions
  /** Account of requests that name none (and of admin routes without `?account=`); `standalone`. */
  readonly account?: string
  /** Computers generated per account from the seed; 20. */
  readonly fleetSize?: number
  /** Users present from the start and after every reset (passwords and key pairs are test values). */
  readonly users?: ReadonlyArray<UserInput>
  /** Rates and delays every account starts with (merged over the defaults). */
  readonly settings?: Partial<Settings>
  /** Legacy API versions accepted in `version=`; `2011-08-01` and `2013-11-04`. */
  readonly apiVersions?: ReadonlyArray<string>
  /** Value of `self_hosted` in password-login answers; true. */
  readonly selfHosted?: boolean
  readonly log?: SimLogger
  readonly env?: Readonly<Record<string, string | undefined>>
}

/** A Landscape simulator: the app to serve, the kit, and the stores for in-process tests. */
export interface LandscapeSimulator {
  readonly app: Hono<SimEnv>
  readonly kit: SimKit
  readonly stores: LandscapeStores
  /** Applies what `POST /_sim/seed` takes (fleet, catalogue, users, keys, settings); throws on bad input. */
  seed(input: unknown): void
  /** Brings every account's activities up to the simulated now (the kit's advance, as `POST /_sim/tick`). */
  tick(): void
}

// Option users are checked like admin input; a bad one fails at construction, not at first login.
const decodeUser = Schema.decodeUnknownSync(UserInput)

const decodeSeed = Schema.decodeUnknownEither(SeedInput, { errors: "all", onExcessProperty: "ignore" })

/**
 * Creates the Landscape simulator: the legacy API at `/api/` (signed or JWT), REST v2 at `/api/v2`,
 * a seeded fleet per account, repository management and activities over simulated time, and the
 * kit's `/_sim` admin API plus `/_sim/landscape/*`. Every error answers `{error, message}`.
 */
export const createLandscapeSimulator = (options: LandscapeSimulatorOptions = {}): LandscapeSimulator => {
  const defaultAccount = options.account ?? "standalone"
  let storesRef: LandscapeStores | undefined
  // Routes a request to its account before authentication, so throttling, faults and the journal see
  // it; the auth code sets the verified account again afterwards. A signed form POST carries its access
  // key in the body, which the kit lets this read (Hono keeps the text for the legacy handler).
  const tenantOf = async (c: SimContext): Promise<string | undefined> => {
    const token = bearerOf(c.req.header("authorization"))
    if (token !== undefined) return peekClaims(token)?.acc
    const key = (await readParams(c)).find(([name]) => name === "access_key_id")?.[1]
    if (key === undefined || storesRef === undefined) return defaultAccount
    return directoryOf(storesRef).users.find((u) => u.accessKey === key)?.accounts[0] ?? defaultAccount
  }
  const { app, kit } = createSimulator({
    name: "landscape",
    errorFormatter: landscapeErrorFormatter,
    tenantOf,
    correlationHeader: "X-Correlation-ID",
    onSeed: (body, _kit, account) => seedWith(body, account),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.log === undefined ? {} : { log: options.log }),
    ...(options.env === undefined ? {} : { env: options.env })
  })
  const initialDirectory = (): Directory => {
    const dir: Directory = { users: [], accounts: [{ name: defaultAccount, title: defaultAccount }] }
    for (const user of options.users ?? []) addUser(dir, decodeUser(user))
    return dir
  }
  const stores = registerStores(kit, {
    fleetSize: options.fleetSize ?? 20,
    settings: { ...defaultSettings, ...options.settings },
    directory: initialDirectory
  })
  storesRef = stores
  const deps: LandscapeDeps = {
    kit,
    stores,
    apiVersions: options.apiVersions ?? ["2011-08-01", "2013-11-04"],
    selfHosted: options.selfHosted ?? true
  }
  const seedWith = (input: unknown, account = defaultAccount): void => {
    const decoded = decodeSeed(input ?? {})
    if (Either.isLeft(decoded)) {
      throw new AdminInputError(
        `invalid Landscape seed: ${ParseResult.TreeFormatter.formatErrorSync(decoded.left)}`
      )
    }
    kit.advance()
    applySeed(kit, stores, account, decoded.right)
  }
  // The kit runs this before every vendor request, state export and clock change, and on `/_sim/tick`.
  kit.onAdvance(() => advanceAll(deps))

  app.route("/_sim/landscape", landscapeAdminRoutes(deps, defaultAccount))
  app.on(["GET", "POST"], ["/api/", "/api"], legacyHandler(deps))
  app.route("/api/v2", loginRoutes(deps))
  app.route("/api/v2", computerRoutes(deps))
  app.route("/api/v2", packageRoutes(deps))
  app.route("/api/v2", activityRoutes(deps))
  return { app, kit, stores, seed: (input) => seedWith(input), tick: () => kit.advance() }
}

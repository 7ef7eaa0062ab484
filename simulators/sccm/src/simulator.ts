import {
  authorizationFingerprint,
  type ClockOptions,
  createSimulator,
  DEFAULT_TENANT,
  type SimClock,
  type SimContext,
  type SimKit,
  type SimLogger
} from "@planes/sim-kit"
import type { Hono } from "hono"
import { addAdminRoutes, seedHook } from "./admin/routes.js"
import { bearerAuth } from "./auth/bearer.js"
import type { SccmContext, SccmEnv, SccmVariables } from "./auth/caller.js"
import { ConnectionIds } from "./auth/connection.js"
import { entraSigningKey } from "./auth/entra-token.js"
import { integratedAuth } from "./auth/integrated.js"
import { adminServiceErrorFormatter } from "./errors/format.js"
import { DEFAULT_DEVICE_COUNT, defaultAccounts, defaultSettings } from "./state/defaults.js"
import type { Account, Settings } from "./state/schemas.js"
import { settle } from "./state/settle.js"
import type { Site, SiteBase } from "./state/site.js"
import { registerStores, type SccmStores } from "./state/stores.js"
import { v1Handler } from "./v1/routes.js"
import { wmiClasses } from "./wmi/registry.js"
import { wmiHandler } from "./wmi/routes.js"

/** Options of `createSccmSimulator`. */
export interface SccmSimulatorOptions {
  /** Seed of every random stream (else env `PLANES_SIM_SEED`, else random). */
  readonly seed?: number | string
  /** A clock to share, or how to start one (tests use `{ frozen: true }` and advance it). */
  readonly clock?: SimClock | ClockOptions
  /** Settings over the defaults: site code, delays, rates, page size, NTLM tolerances. */
  readonly settings?: Partial<Settings>
  /** Accounts known to NTLM and RBAC (default: `CONTOSO\cm-admin` / `P@ssw0rd!`, full rights). */
  readonly accounts?: readonly Account[]
  /** Number of generated devices (default 50). */
  readonly devices?: number
  /** Logger (default: stderr, silent under test runners). */
  readonly log?: SimLogger
  /** Journal capacity. */
  readonly journalCapacity?: number
  /** Environment for `PLANES_SIM_SEED`. */
  readonly env?: Readonly<Record<string, string | undefined>>
}

/** The simulator: the Hono app, the kit, and its stores (for tests that inspect state directly). */
export interface SccmSimulator {
  readonly app: Hono<SccmEnv>
  readonly kit: SimKit
  readonly stores: SccmStores
}

const INTEGRATED = "/AdminService"
const TOKEN = "/AdminService_TokenAuth"

/** Creates the AdminService simulator. */
export const createSccmSimulator = (options: SccmSimulatorOptions = {}): SccmSimulator => {
  const settings: Settings = { ...defaultSettings, ...options.settings }
  const deviceCount = options.devices ?? DEFAULT_DEVICE_COUNT
  const connections = new ConnectionIds()
  let stores: SccmStores | undefined
  const storesOf = (): SccmStores => {
    if (stores === undefined) throw new Error("stores are registered before the first request")
    return stores
  }
  const { app, kit } = createSimulator<SccmVariables>({
    name: "sccm",
    errorFormatter: adminServiceErrorFormatter,
    correlationHeader: "X-Correlation-ID",
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.log === undefined ? {} : { log: options.log }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.journalCapacity === undefined ? {} : { journalCapacity: options.journalCapacity }),
    // The throttle/journal client: the NTLM account of the connection, else the bearer fingerprint.
    clientOf: (c) => {
      const connection = connections.of(c)
      const account =
        connection === undefined ? undefined : storesOf().ntlm.get(c.var.tenant)[connection]?.account
      return account == null ? authorizationFingerprint(c) : `ntlm:${account}`
    },
    onSeed: seedHook(storesOf, deviceCount)
  })
  stores = registerStores(kit, { settings, accounts: options.accounts ?? defaultAccounts, deviceCount })
  const registered = stores
  // Fixed by the seed the simulator starts with, so a reseed does not invalidate tokens already issued.
  const tokenKey = entraSigningKey(kit.seed)

  const siteAt = (tenant: string, now: number): SiteBase => ({
    kit,
    stores: registered,
    tenant,
    now,
    settings: registered.settings.get(tenant)
  })
  const base = (c: SimContext): SiteBase => siteAt(c.var.tenant, kit.clock.now())
  const siteOf = (c: SccmContext): Site => {
    const account = c.var.caller
    // The auth middleware runs before every vendor route, so a route never sees an unauthenticated request.
    if (account === undefined) throw new Error("route reached without an authenticated caller")
    return { ...base(c), account }
  }
  // The kit runs this before every vendor request, state export and clock change, and on `/_sim/tick`:
  // due evaluations, arrived content and new members' device rows, so `GET /_sim/state` is current too.
  kit.onAdvance((now) => {
    for (const tenant of new Set([DEFAULT_TENANT, ...registered.fleet.tenants()])) settle(siteAt(tenant, now))
  })

  app.use(`${INTEGRATED}/*`, async (c, next) => {
    const result = await integratedAuth(c, registered, connections)
    if (!result.ok) return result.response
    c.set("caller", result.account)
    await next()
    if (result.finalHeader !== undefined) c.header("WWW-Authenticate", result.finalHeader)
  })
  app.use(`${TOKEN}/*`, async (c, next) => {
    const result = await bearerAuth(c, registered, tokenKey)
    if (!result.ok) return result.response
    c.set("caller", result.account)
    await next()
  })
  const wmi = wmiHandler(wmiClasses, siteOf)
  const v1 = v1Handler(siteOf)
  for (const prefix of [INTEGRATED, TOKEN]) {
    app.all(`${prefix}/wmi/*`, wmi)
    app.all(`${prefix}/v1.0/*`, v1)
  }
  addAdminRoutes(app, registered, base, tokenKey)
  return { app, kit, stores: registered }
}

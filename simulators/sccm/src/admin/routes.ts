import {
  AdminInputError,
  readAdminBody,
  type SeedHook,
  type SimContext,
  type SimEnv,
  type SimKit
} from "@planes/sim-kit"
import { Either, Schema } from "effect"
import type { Hono } from "hono"
import { verifyEntraToken } from "../auth/entra-token.js"
import { issueEntraToken } from "../auth/token-issuer.js"
import { setDpOffline } from "../distribution/content.js"
import { generateFleet } from "../fleet/generate.js"
import { accountKey } from "../state/defaults.js"
import type { SiteBase } from "../state/site.js"
import type { SccmStores } from "../state/stores.js"
import { AccountInput, DpInput, ExpireTokenInput, SeedInput, SettingsPatch, TokenInput } from "./schemas.js"

/** Prefix of the SCCM-specific admin routes. */
export const SCCM_ADMIN_PREFIX = "/_sim/sccm"

/**
 * `POST /_sim/seed` hook: regenerates the fleet from the new seed (`{ seed?, devices? }`) for the seed's
 * tenant (`?tenant=`, else `default`) and every tenant that has one.
 */
export const seedHook =
  (stores: () => SccmStores, defaultCount: number): SeedHook =>
  (body: unknown, kit: SimKit, seedTenant: string) => {
    const input = Schema.decodeUnknownEither(SeedInput)(body ?? {})
    if (Either.isLeft(input)) throw new AdminInputError("devices must be an integer between 0 and 100000")
    for (const tenant of new Set([seedTenant, ...stores().fleet.tenants()])) {
      const settings = stores().settings.get(tenant)
      stores().fleet.set(
        tenant,
        generateFleet(kit.rng.fork("sccm/fleet"), input.right.devices ?? defaultCount, settings)
      )
    }
  }

/** Adds the SCCM admin routes (accounts, tokens, settings, distribution points) to the app; `tokenKey` signs tokens. */
export const addAdminRoutes = (
  app: Hono<SimEnv>,
  stores: SccmStores,
  adminSite: (c: SimContext) => SiteBase,
  tokenKey: Buffer
): void => {
  app.get(`${SCCM_ADMIN_PREFIX}/accounts`, (c) =>
    c.json({ accounts: Object.values(stores.accounts.get(c.var.tenant)) })
  )
  app.post(`${SCCM_ADMIN_PREFIX}/accounts`, async (c) => {
    const body = await readAdminBody(c, AccountInput)
    if (!body.ok) return body.response
    const account = body.value
    stores.accounts.get(c.var.tenant)[accountKey(account.domain, account.user)] = account
    return c.json({ account }, 201)
  })
  app.post(`${SCCM_ADMIN_PREFIX}/tokens`, async (c) => {
    const body = await readAdminBody(c, TokenInput)
    if (!body.ok) return body.response
    const key = accountKey(body.value.domain, body.value.user)
    const account = stores.accounts.get(c.var.tenant)[key]
    if (account === undefined) {
      return c.json({ error: "unknown_account", message: `no account ${key}` }, 404)
    }
    const dnsDomain = stores.settings.get(c.var.tenant).dnsDomain
    const issued = issueEntraToken(
      c.var.kit,
      stores,
      tokenKey,
      { key, value: account, dnsDomain },
      body.value.ttlSeconds
    )
    return c.json(
      {
        access_token: issued.jwt,
        token_type: "Bearer",
        expires_in: issued.expiresInSeconds,
        expires_on: issued.expiresAt.toISOString()
      },
      201
    )
  })
  // Ends a token's lifetime now (a sign-out, or a lifetime policy cut short), so a run can see it expire
  // mid-way without moving the clock that drives deployments.
  app.post(`${SCCM_ADMIN_PREFIX}/tokens/expire`, async (c) => {
    const body = await readAdminBody(c, ExpireTokenInput)
    if (!body.ok) return body.response
    const unknown = () =>
      c.json({ error: "unknown_token", message: "no such token was issued (or it was forgotten)" }, 404)
    const verified = verifyEntraToken(body.value.access_token, tokenKey)
    if (Either.isLeft(verified)) return unknown()
    const uti = verified.right.uti
    const lookup = stores.tokens.lookup(uti)
    if (lookup.status === "unknown") return unknown()
    const expired = stores.tokens.issue(lookup.data, { token: uti, ttlMs: 0 })
    return c.json({ expires_on: expired.expiresAt.toISOString() })
  })
  app.get(`${SCCM_ADMIN_PREFIX}/settings`, (c) => c.json(stores.settings.get(c.var.tenant)))
  app.put(`${SCCM_ADMIN_PREFIX}/settings`, async (c) => {
    const body = await readAdminBody(c, SettingsPatch)
    if (!body.ok) return body.response
    const patch = Object.fromEntries(Object.entries(body.value).filter(([, v]) => v !== undefined))
    return c.json(stores.settings.update(c.var.tenant, (s) => ({ ...s, ...patch })))
  })
  app.get(`${SCCM_ADMIN_PREFIX}/distribution-points`, (c) =>
    c.json({
      distributionPoints: stores.fleet.get(c.var.tenant).distributionPoints,
      groups: stores.fleet.get(c.var.tenant).groups
    })
  )
  app.put(`${SCCM_ADMIN_PREFIX}/distribution-points/:name`, async (c) => {
    const body = await readAdminBody(c, DpInput)
    if (!body.ok) return body.response
    const name = c.req.param("name").toLowerCase()
    const dp = stores.fleet.get(c.var.tenant).distributionPoints.find((d) => d.name.toLowerCase() === name)
    if (dp === undefined) return c.json({ error: "not_found", message: `no distribution point ${name}` }, 404)
    setDpOffline(adminSite(c), dp, body.value.offline)
    return c.json(dp)
  })
}

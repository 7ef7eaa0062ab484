import { Hono } from "hono"
import type { SimEnv } from "../env.js"
import type { JournalFilter } from "../journal.js"
import type { SimKit } from "../kit.js"
import { DEFAULT_TENANT, type TenantOf } from "../pipeline.js"
import { ThrottleSettingsPatch } from "../throttle/throttle-settings.js"
import { adminBadRequest, decodeAdminInput, readAdminBody, readJsonBody } from "./admin-body.js"
import {
  AdvanceBody,
  JournalQuery,
  parseInstant,
  SeedBody,
  SetClockBody,
  StateBody
} from "./admin-schemas.js"

/**
 * A simulator's hook run by `POST /_sim/seed` after the kit reseeded, with the raw body and the admin
 * request's tenant (`?tenant=`, else `tenantOf`, else `default`); throw AdminInputError for a 400.
 */
export type SeedHook = (body: unknown, kit: SimKit, tenant: string) => void | Promise<void>

/** Builds the kit's admin routes, to be mounted at `/_sim`; `tenantOf` names the tenant of a seed. */
export const adminRoutes = (kit: SimKit, onSeed: SeedHook | undefined, tenantOf: TenantOf): Hono<SimEnv> => {
  const admin = new Hono<SimEnv>()

  admin.get("/health", (c) => c.json({ status: "ok", name: kit.name, seed: kit.seed, now: kit.clock.iso() }))

  admin.post("/reset", (c) => {
    kit.reset()
    return c.json({ reset: true, seed: kit.seed })
  })

  admin.post("/seed", async (c) => {
    const json = await readJsonBody(c)
    if (!json.ok) return json.response
    const body = decodeAdminInput(c, SeedBody, json.value, true)
    if (!body.ok) return body.response
    const seed = kit.reseed(body.value?.seed)
    kit.log("info", `reseeded with ${seed}`)
    if (onSeed !== undefined) {
      const tenant = c.req.query("tenant") ?? (await tenantOf(c)) ?? DEFAULT_TENANT
      await onSeed(json.value, kit, tenant)
    }
    return c.json({ seed })
  })

  admin.get("/state", (c) => c.json(kit.snapshot()))
  // Runs the advance hooks (snapshots, clock moves and vendor requests run them anyway).
  admin.post("/tick", (c) => {
    kit.advance()
    return c.json({ now: kit.clock.iso() })
  })
  admin.put("/state", async (c) => {
    const body = await readAdminBody(c, StateBody, true)
    if (!body.ok) return body.response
    const result = kit.stores.importSnapshot(body.value.stores)
    if (!result.ok) return adminBadRequest(c, "invalid_state", result.problems.join("; "), result.problems)
    return c.json(kit.snapshot())
  })

  admin.get("/faults", (c) => c.json({ rules: kit.faults.list() }))
  admin.post("/faults", async (c) => {
    const json = await readJsonBody(c)
    if (!json.ok) return json.response
    const added = kit.faults.add(json.value)
    if (!added.ok) return adminBadRequest(c, "invalid_fault", added.problem)
    return c.json({ rule: added.rule }, 201)
  })
  admin.delete("/faults", (c) => {
    kit.faults.clear()
    return c.body(null, 204)
  })
  admin.delete("/faults/:id", (c) => {
    const id = c.req.param("id")
    if (kit.faults.remove(id)) return c.body(null, 204)
    return c.json({ error: "not_found", message: `no fault rule "${id}"` }, 404)
  })

  admin.get("/journal", (c) => {
    const query = decodeAdminInput(c, JournalQuery, c.req.query())
    if (!query.ok) return query.response
    const { since, ...rest } = query.value
    let sinceMs: number | undefined
    if (since !== undefined) {
      sinceMs = parseInstant(since)
      if (sinceMs === undefined)
        return adminBadRequest(c, "invalid_query", `since: "${since}" is not an instant`)
    }
    const filter: JournalFilter = { ...rest, ...(sinceMs === undefined ? {} : { sinceMs }) }
    return c.json({ entries: kit.journal.entries(filter) })
  })
  admin.delete("/journal", (c) => {
    kit.journal.clear()
    return c.body(null, 204)
  })

  admin.get("/unmatched", (c) => c.json({ requests: kit.journal.unmatched() }))
  admin.delete("/unmatched", (c) => {
    kit.journal.clearUnmatched()
    return c.body(null, 204)
  })

  admin.get("/clock", (c) => c.json(kit.clock.view()))
  admin.post("/clock/advance", async (c) => {
    const body = await readAdminBody(c, AdvanceBody)
    if (!body.ok) return body.response
    kit.clock.advance(body.value.ms)
    kit.advance()
    return c.json(kit.clock.view())
  })
  admin.put("/clock", async (c) => {
    const body = await readAdminBody(c, SetClockBody)
    if (!body.ok) return body.response
    const { now, frozen } = body.value
    if (now !== undefined) {
      const ms = parseInstant(now)
      if (ms === undefined) return adminBadRequest(c, "invalid_body", `now: "${now}" is not an instant`)
      kit.clock.set(ms)
    }
    if (frozen !== undefined) kit.clock.setFrozen(frozen)
    kit.advance()
    return c.json(kit.clock.view())
  })

  admin.get("/throttle", (c) => c.json(kit.throttle.settings))
  admin.put("/throttle", async (c) => {
    const body = await readAdminBody(c, ThrottleSettingsPatch)
    if (!body.ok) return body.response
    const result = kit.throttle.update(body.value)
    if (!result.ok) return adminBadRequest(c, "invalid_body", result.problems.join("; "), result.problems)
    return c.json(result.settings)
  })
  admin.get("/throttle/early-retries", (c) => c.json({ earlyRetries: kit.throttle.earlyRetries() }))
  admin.delete("/throttle/early-retries", (c) => {
    kit.throttle.clearEarlyRetries()
    return c.body(null, 204)
  })

  return admin
}

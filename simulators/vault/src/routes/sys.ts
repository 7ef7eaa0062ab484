import type { SimEnv } from "@planes/sim-kit"
import { Hono } from "hono"
import type { VaultDeps } from "../request.js"
import { isSealed } from "../state.js"

const statusFrom = (value: string | undefined, fallback: number): number => {
  const parsed = value === undefined ? Number.NaN : Number(value)
  return Number.isInteger(parsed) && parsed >= 200 && parsed <= 599 ? parsed : fallback
}

/** `GET /v1/sys/health` and `GET /v1/sys/seal-status`: the two routes that answer while sealed. */
export const sysRoutes = (deps: VaultDeps): Hono<SimEnv> => {
  const sys = new Hono<SimEnv>()
  const cluster = { cluster_name: "vault-cluster-sim", cluster_id: "00000000-0000-4000-8000-00000000c1d5" }

  sys.get("/health", (c) => {
    const sealed = isSealed(deps.stores)
    // Vault answers 200 when active and 503 when sealed; `activecode` and `sealedcode` override them.
    const status = sealed
      ? statusFrom(c.req.query("sealedcode"), 503)
      : statusFrom(c.req.query("activecode"), 200)
    const body = {
      initialized: true,
      sealed,
      standby: false,
      performance_standby: false,
      replication_performance_mode: "disabled",
      replication_dr_mode: "disabled",
      server_time_utc: Math.floor(deps.kit.clock.now() / 1000),
      version: deps.version,
      ...(sealed ? {} : cluster)
    }
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })
  })

  sys.get("/seal-status", (c) => {
    const sealed = isSealed(deps.stores)
    return c.json({
      type: "shamir",
      initialized: true,
      sealed,
      t: 1,
      n: 1,
      progress: 0,
      nonce: "",
      version: deps.version,
      build_date: "2026-01-01T00:00:00Z",
      migration: false,
      recovery_seal: false,
      storage_type: "inmem",
      ...(sealed ? {} : cluster)
    })
  })
  return sys
}

import type { SimEnv } from "@planes/sim-kit"
import { Hono } from "hono"
import { isSealed, setSealed, type VaultStores } from "../state.js"

/** Vault-specific admin routes, mounted at `/_sim/vault` beside the kit's own `/_sim` routes. */
export const vaultAdminRoutes = (stores: VaultStores): Hono<SimEnv> => {
  const admin = new Hono<SimEnv>()
  admin.get("/seal", (c) => c.json({ sealed: isSealed(stores) }))
  admin.post("/seal", (c) => {
    setSealed(stores, true)
    return c.json({ sealed: true })
  })
  admin.post("/unseal", (c) => {
    setSealed(stores, false)
    return c.json({ sealed: false })
  })
  return admin
}

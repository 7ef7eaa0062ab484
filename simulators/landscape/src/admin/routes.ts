import { readAdminBody, type SimContext, type SimEnv } from "@planes/sim-kit"
import { Schema } from "effect"
import { Hono } from "hono"
import { advanceActivities } from "../activities/engine.js"
import type { AccountContext } from "../context.js"
import type { LandscapeDeps } from "../deps.js"
import { LandscapeFailure } from "../errors/failure.js"
import { uploadPackages } from "../repository/pockets.js"
import { Settings } from "../state/schemas.js"
import { directoryOf } from "../state/stores.js"
import { addCatalogue, addGpgKeys, addUser, upsertComputers } from "./apply.js"
import { CatalogueInput, ComputerInput, GpgKeyInput, PackageName, UserInput } from "./inputs.js"

/** The account admin routes act on: `?account=`, else the simulator's default account. */
const accountOf = (c: SimContext, fallback: string): string => c.req.query("account") ?? fallback

/** A context for admin-side changes (the system acting, at the simulated now). */
export const systemContext = (deps: LandscapeDeps, account: string): AccountContext => ({
  kit: deps.kit,
  stores: deps.stores,
  account,
  user: {
    id: 0,
    email: "system@landscape.invalid",
    name: "Landscape",
    password: "",
    accounts: [account],
    role: "admin"
  },
  nowMs: deps.kit.clock.now()
})

/** Brings every account's activities up to the simulated now (the simulator's advance hook). */
export const advanceAll = (deps: LandscapeDeps): void => {
  for (const account of deps.stores.activities.tenants()) advanceActivities(systemContext(deps, account))
}

const Upload = Schema.Struct({
  distribution: Schema.String,
  series: Schema.String,
  pocket: Schema.String,
  packages: Schema.Array(
    Schema.Struct({
      name: PackageName,
      version: Schema.String.pipe(Schema.minLength(1)),
      component: Schema.optional(Schema.String)
    })
  )
})

/** Landscape's own admin routes, mounted at `/_sim/landscape`. */
export const landscapeAdminRoutes = (deps: LandscapeDeps, defaultAccount: string): Hono<SimEnv> => {
  const admin = new Hono<SimEnv>()
  const { stores } = deps

  admin.get("/settings", (c) => c.json(stores.settings.get(accountOf(c, defaultAccount))))
  admin.put("/settings", async (c) => {
    const body = await readAdminBody(c, Schema.partialWith(Settings, { exact: true }))
    if (!body.ok) return body.response
    const account = accountOf(c, defaultAccount)
    stores.settings.set(account, { ...stores.settings.get(account), ...body.value })
    return c.json(stores.settings.get(account))
  })
  admin.post("/users", async (c) => {
    const body = await readAdminBody(c, UserInput)
    if (!body.ok) return body.response
    return c.json(addUser(directoryOf(stores), body.value), 201)
  })
  admin.post("/catalogue", async (c) => {
    const body = await readAdminBody(c, Schema.Struct({ packages: Schema.Array(CatalogueInput) }))
    if (!body.ok) return body.response
    return c.json({ packages: addCatalogue(stores, accountOf(c, defaultAccount), body.value.packages) }, 201)
  })
  admin.post("/computers", async (c) => {
    const body = await readAdminBody(c, Schema.Struct({ computers: Schema.Array(ComputerInput) }))
    if (!body.ok) return body.response
    deps.kit.advance()
    return c.json(
      { computers: upsertComputers(deps.kit, stores, accountOf(c, defaultAccount), body.value.computers) },
      201
    )
  })
  admin.post("/gpg-keys", async (c) => {
    const body = await readAdminBody(c, Schema.Struct({ keys: Schema.Array(GpgKeyInput) }))
    if (!body.ok) return body.response
    return c.json({ keys: addGpgKeys(stores, accountOf(c, defaultAccount), body.value.keys) }, 201)
  })
  admin.post("/upload", async (c) => {
    const body = await readAdminBody(c, Upload)
    if (!body.ok) return body.response
    const { distribution, series, pocket, packages } = body.value
    try {
      const result = uploadPackages(
        systemContext(deps, accountOf(c, defaultAccount)),
        { distribution, series, pocket },
        packages
      )
      return c.json({ pocket: result.name, packages: result.packages }, 201)
    } catch (e) {
      if (e instanceof LandscapeFailure) return c.json({ error: e.code, message: e.message }, 400)
      throw e
    }
  })
  // Alias of the kit's `POST /_sim/tick`.
  admin.post("/tick", (c) => {
    deps.kit.advance()
    return c.json({ now: deps.kit.clock.iso() })
  })
  return admin
}

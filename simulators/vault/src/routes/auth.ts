import type { SimContext, SimEnv } from "@planes/sim-kit"
import { Schema } from "effect"
import { Hono } from "hono"
import { formatTtl, parseTtlSeconds } from "../duration.js"
import { permissionDenied, vaultError } from "../errors.js"
import { authenticate, readBody, type VaultDeps } from "../request.js"
import { authBlock, issueToken, lookupData, renewToken } from "../tokens.js"

const LoginBody = Schema.Struct({
  role_id: Schema.optional(Schema.String),
  secret_id: Schema.optional(Schema.String)
})
const RenewBody = Schema.Struct({ increment: Schema.optional(Schema.Union(Schema.Number, Schema.String)) })

const envelope = (deps: VaultDeps, extra: Record<string, unknown>) => ({
  request_id: deps.kit.newId(),
  lease_id: "",
  renewable: false,
  lease_duration: 0,
  data: null,
  wrap_info: null,
  warnings: null,
  auth: null,
  ...extra
})

/** Token self-service (`lookup-self`, `renew-self`) and AppRole login, under `/v1/auth`. */
export const authRoutes = (deps: VaultDeps): Hono<SimEnv> => {
  const auth = new Hono<SimEnv>()

  auth.get("/token/lookup-self", (c) => {
    const found = authenticate(c, deps)
    if (found === undefined) return permissionDenied(c)
    return c.json(envelope(deps, { data: lookupData(found, deps.kit.clock.now()) }))
  })

  const renewSelf = async (c: SimContext) => {
    const found = authenticate(c, deps)
    if (found === undefined) return permissionDenied(c)
    const body = await readBody(c, RenewBody)
    if (!body.ok) return body.response
    const increment = body.value.increment === undefined ? undefined : parseTtlSeconds(body.value.increment)
    if (body.value.increment !== undefined && increment === undefined)
      return vaultError(c, 400, `invalid increment: ${String(body.value.increment)}`)
    if (!found.record.renewable) return vaultError(c, 400, "lease is not renewable")
    const renewed = renewToken(deps.kit, deps.stores, found, increment)
    const now = deps.kit.clock.now()
    const granted = authBlock({ ...found, record: renewed.record }, now)
    const warnings = renewed.capped
      ? [
          `TTL of "${formatTtl(renewed.asked)}" exceeded the effective max_ttl of "${formatTtl(granted.lease_duration)}"; TTL value is capped accordingly`
        ]
      : null
    return c.json(envelope(deps, { auth: granted, warnings }))
  }
  auth.post("/token/renew-self", renewSelf)
  auth.put("/token/renew-self", renewSelf)

  auth.post("/:mount/login", async (c) => {
    const body = await readBody(c, LoginBody)
    if (!body.ok) return body.response
    const { role_id: roleId, secret_id: secretId } = body.value
    if (roleId === undefined || roleId === "") return vaultError(c, 400, "missing role_id")
    if (secretId === undefined || secretId === "") return vaultError(c, 400, "missing secret_id")
    const namespace = c.var.tenant
    const roles = Object.entries(deps.stores.approles.get(namespace))
    const match = roles.find(([, role]) => role.roleId === roleId && role.secretIds.includes(secretId))
    if (match === undefined) return vaultError(c, 400, "invalid role or secret ID")
    const [name, role] = match
    const issued = issueToken(deps.kit, deps.stores, namespace, {
      policies: ["default", ...role.policies.filter((policy) => policy !== "default")],
      ttlSeconds: role.tokenTtlSeconds,
      maxTtlSeconds: role.tokenMaxTtlSeconds,
      renewable: role.renewable,
      path: `auth/${c.req.param("mount")}/login`,
      displayName: `approle-${name}`,
      meta: { role_name: name }
    })
    return c.json(envelope(deps, { auth: authBlock(issued, deps.kit.clock.now()) }))
  })
  return auth
}

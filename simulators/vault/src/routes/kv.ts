import type { SimContext, SimEnv } from "@planes/sim-kit"
import { Schema } from "effect"
import { Hono } from "hono"
import { permissionDenied, vaultError } from "../errors.js"
import { capabilitiesOn } from "../policy.js"
import { authenticate, readBody, type VaultDeps } from "../request.js"
import { writeSecret } from "../seed.js"
import type { KvVersion } from "../state.js"

const WriteBody = Schema.Struct({
  data: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  options: Schema.optional(Schema.Struct({ cas: Schema.optional(Schema.NonNegativeInt) }))
})

const decodeSegments = (raw: string): string | undefined => {
  try {
    return raw.split("/").map(decodeURIComponent).join("/")
  } catch {
    return undefined
  }
}

// The secret's location from the URL path `/v1/MOUNT/data/PATH`. Hono's route params come decoded, and
// the path keeps reserved escapes (`%40`, `%2B`), so both parts are cut from the path and decoded once.
const locate = (c: SimContext) => {
  const [, , rawMount = "", , ...rest] = c.req.path.split("/")
  const mount = decodeSegments(rawMount)
  const path = decodeSegments(rest.join("/").replace(/\/+$/, ""))
  return mount === undefined || path === undefined || path === "" ? undefined : { mount, path }
}

const metadataOf = (version: KvVersion, number: number) => ({
  created_time: new Date(version.createdAtMs).toISOString(),
  custom_metadata: null,
  deletion_time: version.deletedAtMs === null ? "" : new Date(version.deletedAtMs).toISOString(),
  destroyed: version.destroyed,
  version: number
})

const envelope = (deps: VaultDeps, data: unknown) => ({
  request_id: deps.kit.newId(),
  lease_id: "",
  renewable: false,
  lease_duration: 0,
  data,
  wrap_info: null,
  warnings: null,
  auth: null,
  mount_type: "kv"
})

/** KV v2 `GET` (with `?version=`) and `POST`/`PUT` of `/v1/:mount/data/*`, under ACL and namespace. */
export const kvRoutes = (deps: VaultDeps): Hono<SimEnv> => {
  const kv = new Hono<SimEnv>()

  // Vault checks the token and its ACL before it looks for a mount, so an unknown mount is a 403 to a
  // token without access and a 404 ("no handler") to one with access.
  const guard = (c: SimContext, capabilities: ReadonlyArray<string>) => {
    const found = authenticate(c, deps)
    if (found === undefined) return { response: permissionDenied(c) }
    const location = locate(c)
    if (location === undefined)
      return {
        response: vaultError(c, 404, `no handler for route "${c.req.path.slice(4)}". route entry not found.`)
      }
    const policies = deps.stores.policies.get(found.namespace)
    const granted = capabilitiesOn(policies, found.record.policies, `${location.mount}/data/${location.path}`)
    if (!capabilities.some((capability) => granted.has(capability))) return { response: permissionDenied(c) }
    const engine = deps.stores.kv.get(c.var.tenant)[location.mount]
    if (engine === undefined)
      return {
        response: vaultError(
          c,
          404,
          `no handler for route "${location.mount}/data/${location.path}". route entry not found.`
        )
      }
    return { location, engine }
  }

  kv.get("/:mount/data/*", (c) => {
    const checked = guard(c, ["read"])
    if ("response" in checked) return checked.response
    const versions = checked.engine[checked.location.path] ?? []
    const asked = c.req.query("version")
    const number = asked === undefined || asked === "" || asked === "0" ? versions.length : Number(asked)
    if (!Number.isInteger(number) || number < 0)
      return vaultError(c, 400, `error parsing version: invalid syntax: "${asked}"`)
    const version = versions[number - 1]
    if (version === undefined) return vaultError(c, 404)
    // A deleted version is still described, without its data, under a 404 as Vault does.
    if (version.deletedAtMs !== null)
      return c.json(envelope(deps, { data: null, metadata: metadataOf(version, number) }), 404)
    return c.json(envelope(deps, { data: version.data, metadata: metadataOf(version, number) }))
  })

  const write = async (c: SimContext) => {
    const checked = guard(c, ["create", "update"])
    if ("response" in checked) return checked.response
    const body = await readBody(c, WriteBody)
    if (!body.ok) return body.response
    if (body.value.data === undefined) return vaultError(c, 400, "no data provided")
    const current = (checked.engine[checked.location.path] ?? []).length
    const cas = body.value.options?.cas
    if (cas !== undefined && cas !== current)
      return vaultError(c, 400, "check-and-set parameter did not match the current version")
    const { mount, path } = checked.location
    const written = writeSecret(deps.kit, deps.stores, c.var.tenant, mount, path, body.value.data)
    return c.json(envelope(deps, metadataOf(written.version, written.number)))
  }
  kv.post("/:mount/data/*", write)
  kv.put("/:mount/data/*", write)

  // Soft-deletes the latest version: reads of it then answer 404 with its metadata, as Vault does.
  kv.delete("/:mount/data/*", (c) => {
    const checked = guard(c, ["delete"])
    if ("response" in checked) return checked.response
    const { mount, path } = checked.location
    const versions = checked.engine[path] ?? []
    const latest = versions.at(-1)
    if (latest !== undefined) {
      const deleted = { ...latest, deletedAtMs: deps.kit.clock.now() }
      deps.stores.kv.update(c.var.tenant, (mounts) => ({
        ...mounts,
        [mount]: { ...checked.engine, [path]: [...versions.slice(0, -1), deleted] }
      }))
    }
    return c.body(null, 204)
  })
  return kv
}

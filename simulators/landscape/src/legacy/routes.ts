import type { SimContext } from "@planes/sim-kit"
import type { LandscapeDeps } from "../deps.js"
import { openAccount } from "../deps.js"
import { fail } from "../errors/failure.js"
import { guarded } from "../errors/formatter.js"
import type { LegacyAction } from "./action.js"
import { activityActions } from "./actions/activities.js"
import { computerActions } from "./actions/computers.js"
import { packageActions } from "./actions/packages.js"
import { repositoryActions } from "./actions/repository.js"
import { savedSearchActions } from "./actions/saved-searches.js"
import { authenticateLegacy } from "./auth.js"
import { readParams, structureParams } from "./params.js"

/** Every legacy action the simulator answers, by name. */
export const LEGACY_ACTIONS: Readonly<Record<string, LegacyAction>> = {
  ...computerActions,
  ...activityActions,
  ...packageActions,
  ...savedSearchActions,
  ...repositoryActions
}

// Parameters that belong to the envelope (auth, dispatch), not to any action.
const ENVELOPE = [
  "action",
  "version",
  "access_key_id",
  "signature_method",
  "signature_version",
  "timestamp",
  "signature"
]

/**
 * The legacy API at `/api/` (GET or form POST): authenticate (signature or JWT), check `version` and
 * `action`, decode the action's parameters with its schema, run it, answer JSON. Errors answer
 * `{error, message}`: 400 for validation, 401 for authentication, 403 for a read-only caller.
 */
export const legacyHandler = (deps: LandscapeDeps): ((c: SimContext) => Promise<Response>) =>
  guarded(async (c) => {
    const pairs = await readParams(c)
    const caller = authenticateLegacy(
      c,
      deps.kit,
      deps.stores,
      pairs,
      (account) => deps.stores.settings.get(account).signatureWindowMinutes
    )
    const params = structureParams(pairs)
    const version = params.version
    if (version === undefined)
      fail("MissingParameter", "The version parameter is required (e.g. version=2011-08-01)")
    if (typeof version !== "string" || !deps.apiVersions.includes(version)) {
      fail("UnknownVersion", `Unknown API version ${String(version)}; known: ${deps.apiVersions.join(", ")}`)
    }
    const name = params.action
    if (name === undefined) fail("MissingParameter", "The action parameter is required")
    const act =
      typeof name === "string" && Object.hasOwn(LEGACY_ACTIONS, name) ? LEGACY_ACTIONS[name] : undefined
    if (act === undefined) return fail("UnknownAction", `Unknown action: ${String(name)}`)
    if (!act.readOnly && caller.user.role !== "admin") {
      fail("Unauthorised", `${caller.user.email} may not call ${String(name)}`, 403)
    }
    const ctx = openAccount(deps, c, caller.user, caller.account)
    for (const key of ENVELOPE) delete params[key]
    return c.json(act.run(ctx, params) ?? null)
  })

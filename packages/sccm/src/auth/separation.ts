import {
  type CredentialBinding,
  checkSeparationOfDuties,
  type PlaneError,
  type SecretStore
} from "@planes/core"
import type { Effect } from "effect"
import type { SccmConfig } from "../config/SccmConfig.js"

/** The credentials this connector runs with, as separation-of-duties bindings. */
export const ownCredentials = (config: SccmConfig): ReadonlyArray<CredentialBinding> => {
  const auth = config.auth
  switch (auth._tag) {
    case "ntlm":
      return [{ connector: "sccm", role: "password", ref: auth.password }]
    case "bearer":
      return [{ connector: "sccm", role: "token", ref: auth.token }]
    case "kerberos":
      return []
  }
}

/**
 * Refuses to start with a credential another connector also uses (the same reference, or a reference
 * that resolves to the same value): the SCCM principal is never shared. The other connectors' references
 * come from `otherConnectors` in the configuration; the app may also call core's check with all of them.
 */
export const checkOwnPrincipal = (config: SccmConfig): Effect.Effect<void, PlaneError, SecretStore> =>
  checkSeparationOfDuties([...ownCredentials(config), ...config.otherConnectors])

import type { ClientRegistration } from "../admin/adminSchemas.js"
import type { ClientRecord } from "./authState.js"
import { allRoles } from "./roles.js"

/** Normalises a registration: credentials into lists, default tenant and roles filled in. */
export const clientRecord = (registration: ClientRegistration, defaultTenant: string): ClientRecord => ({
  tenant: registration.tenant ?? defaultTenant,
  clientId: registration.clientId,
  secrets: [
    ...(registration.secret === undefined ? [] : [registration.secret]),
    ...(registration.secrets ?? [])
  ],
  certificates: [
    ...(registration.certificatePem === undefined ? [] : [registration.certificatePem]),
    ...(registration.certificates ?? [])
  ],
  roles: registration.roles ?? allRoles
})

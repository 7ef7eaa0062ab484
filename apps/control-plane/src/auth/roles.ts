import type { Role } from "../store/records.js"

const rank: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 }

/** True when `held` includes `needed`: admin ⊇ operator ⊇ viewer. */
export const allows = (held: Role, needed: Role): boolean => rank[held] >= rank[needed]

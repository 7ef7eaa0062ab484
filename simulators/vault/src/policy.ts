import type { Policy } from "./state.js"

/** A capability Vault's ACLs grant on a path. */
export type Capability = "create" | "read" | "update" | "delete" | "list" | "sudo" | "deny"

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** Whether `path` matches a Vault policy path: exact, `+` for one segment, a trailing `*` for any suffix. */
export const matchesPolicyPath = (pattern: string, path: string): boolean => {
  const glob = pattern.endsWith("*")
  const body = glob ? pattern.slice(0, -1) : pattern
  const source = body.split("+").map(escapeRegex).join("[^/]+")
  return new RegExp(`^${source}${glob ? ".*" : ""}$`).test(path)
}

/**
 * The capabilities a token's policies grant on an API path (without `/v1/`): the union over every
 * matching rule, except that `deny` anywhere takes everything away. The `root` policy grants everything.
 */
export const capabilitiesOn = (
  known: Readonly<Record<string, Policy>>,
  tokenPolicies: ReadonlyArray<string>,
  path: string
): ReadonlySet<string> => {
  if (tokenPolicies.includes("root")) return new Set(["create", "read", "update", "delete", "list", "sudo"])
  const granted = new Set<string>()
  for (const name of tokenPolicies) {
    const rules = known[name] ?? {}
    for (const [pattern, capabilities] of Object.entries(rules))
      if (matchesPolicyPath(pattern, path)) for (const capability of capabilities) granted.add(capability)
  }
  return granted.has("deny") ? new Set() : granted
}

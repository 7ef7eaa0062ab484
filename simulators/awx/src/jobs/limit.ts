import type { HostRecord } from "../state/records.js"

// fnmatch-style globbing, as Ansible's host patterns use for names.
const glob = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replaceAll("*", ".*")
      .replaceAll("?", ".")}$`
  )

const matches = (host: HostRecord, term: string): boolean => {
  if (term === "all" || term === "*") return true
  if (term.startsWith("~")) {
    try {
      return new RegExp(term.slice(1)).test(host.name)
    } catch {
      return false
    }
  }
  return host.groups.includes(term) || globMatches(term, host.name)
}

// A plain name is compared as is; a glob too large for a RegExp (a 100 kB limit) matches no host, as in
// Ansible, instead of throwing and answering 500.
const globMatches = (term: string, name: string): boolean => {
  if (!/[*?]/.test(term)) return term === name
  try {
    return glob(term).test(name)
  } catch {
    return false
  }
}

/**
 * Selects the hosts an Ansible `limit` names: terms separated by `,` or `:`; plain terms are unioned,
 * `&term` intersects, `!term` excludes; a term is `all`, a group, a host name or glob, or `~regex`.
 * An empty limit means every host.
 */
export const applyLimit = (hosts: readonly HostRecord[], limit: string): HostRecord[] => {
  const terms = limit
    .split(/[,:]/)
    .map((t) => t.trim())
    .filter((t) => t !== "")
  if (terms.length === 0) return [...hosts]
  const positive = terms.filter((t) => !t.startsWith("&") && !t.startsWith("!"))
  const required = terms.filter((t) => t.startsWith("&")).map((t) => t.slice(1))
  const excluded = terms.filter((t) => t.startsWith("!")).map((t) => t.slice(1))
  return hosts.filter(
    (h) =>
      positive.some((t) => matches(h, t)) &&
      required.every((t) => matches(h, t)) &&
      !excluded.some((t) => matches(h, t))
  )
}

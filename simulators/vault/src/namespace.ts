/** The tenant key of Vault's root namespace (a request without `X-Vault-Namespace`). */
export const ROOT_NAMESPACE = "root"

/** The namespace a request addresses: `X-Vault-Namespace` without surrounding slashes, or root. */
export const namespaceOf = (header: string | undefined): string => {
  const trimmed = (header ?? "").trim().replace(/^\/+|\/+$/g, "")
  return trimmed === "" || trimmed === ROOT_NAMESPACE ? ROOT_NAMESPACE : trimmed
}

/** The namespace and its ancestors, nearest first, ending at root: tokens of a parent work in a child. */
export const lineage = (namespace: string): string[] => {
  if (namespace === ROOT_NAMESPACE) return [ROOT_NAMESPACE]
  const parts = namespace.split("/")
  const chain = parts.map((_, index) => parts.slice(0, parts.length - index).join("/"))
  return [...chain, ROOT_NAMESPACE]
}

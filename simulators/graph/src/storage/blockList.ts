/** One entry of a Put Block List body. */
export interface BlockListEntry {
  readonly kind: "Latest" | "Committed" | "Uncommitted"
  readonly id: string
}

/**
 * Reads a Put Block List body (`<BlockList><Latest>id</Latest>…</BlockList>`); undefined when it is not
 * such a document (Azure's `InvalidXmlDocument`).
 */
export const parseBlockList = (xml: string): BlockListEntry[] | undefined => {
  const body = xml
    .replace(/^\uFEFF/, "")
    .replace(/^\s*<\?xml[^>]*\?>/, "")
    .trim()
  const root = /^<BlockList>([\s\S]*)<\/BlockList>$/.exec(body)
  if (root === null) return undefined
  const entries: BlockListEntry[] = []
  const inner = root[1] ?? ""
  const pattern = /\s*<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>\s*/gy
  let consumed = 0
  for (let m = pattern.exec(inner); m !== null; m = pattern.exec(inner)) {
    const kind = m[1]
    if (kind !== "Latest" && kind !== "Committed" && kind !== "Uncommitted") return undefined
    entries.push({ kind, id: (m[2] ?? "").trim() })
    consumed = pattern.lastIndex
  }
  return inner.slice(consumed).trim() === "" ? entries : undefined
}

/** Whether a block id is valid for Azure: base64 of at most 64 bytes. */
export const isValidBlockId = (id: string): boolean => {
  if (id === "" || !/^[A-Za-z0-9+/]*={0,2}$/.test(id) || id.length % 4 !== 0) return false
  return Buffer.from(id, "base64").length <= 64
}

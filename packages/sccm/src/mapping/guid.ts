import { createHash } from "node:crypto"

/**
 * A GUID derived from an intent key and a purpose: the same intent always names its application, its
 * deployment type and its content the same way, so even a create that slipped past the key lookup would
 * make a new revision of the same application, never a twin. Formatted as a version-5-style UUID.
 */
export const guidFor = (key: string, purpose: string): string => {
  const hex = createHash("sha256").update(`planes/sccm/${purpose}/${key}`).digest("hex")
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

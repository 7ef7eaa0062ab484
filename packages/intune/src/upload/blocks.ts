/** The block size Microsoft's samples upload with: 6 MiB. */
export const defaultBlockSize = 6 * 1024 * 1024

/** One block of the encrypted payload: its Azure block id and byte range [start, end). */
export interface Block {
  readonly id: string
  readonly index: number
  readonly start: number
  readonly end: number
}

/**
 * Splits a payload into blocks. Azure requires every block id of a blob to have the same length, so ids
 * are base64 of a zero-padded counter ("0000", "0001"...), as Microsoft's sample writes them.
 */
export const planBlocks = (totalSize: number, blockSize = defaultBlockSize): ReadonlyArray<Block> => {
  if (!Number.isInteger(totalSize) || totalSize < 0)
    throw new RangeError("totalSize must be a whole number of bytes")
  if (!Number.isInteger(blockSize) || blockSize <= 0)
    throw new RangeError("blockSize must be a positive whole number")
  const count = Math.max(1, Math.ceil(totalSize / blockSize))
  const width = Math.max(4, String(count - 1).length)
  return Array.from({ length: count }, (_, index) => ({
    id: Buffer.from(String(index).padStart(width, "0"), "ascii").toString("base64"),
    index,
    start: index * blockSize,
    end: Math.min(totalSize, (index + 1) * blockSize)
  }))
}

/** The Put Block List body naming every block, in order, as the latest uploaded version. */
export const blockListXml = (blocks: ReadonlyArray<Pick<Block, "id">>): string =>
  `<?xml version="1.0" encoding="utf-8"?><BlockList>${blocks.map((b) => `<Latest>${b.id}</Latest>`).join("")}</BlockList>`

/** Adds an Azure storage query parameter to a SAS URL, which already carries its own query. */
export const withStorageParams = (sasUrl: string, params: Readonly<Record<string, string>>): string => {
  const url = new URL(sasUrl)
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
  return url.toString()
}

/**
 * Whether an upload URL must be renewed before the next block: when it expires within `margin` ms.
 * Microsoft's sample renews on a timer (7.5 minutes); reading the expiry Graph reports is exact.
 */
export const needsRenewal = (
  expiresAt: string | null | undefined,
  nowMillis: number,
  marginMillis: number
): boolean => {
  if (expiresAt == null) return false
  const at = Date.parse(expiresAt)
  return Number.isNaN(at) ? false : at - nowMillis <= marginMillis
}

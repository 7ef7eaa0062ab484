import { createReadStream } from "node:fs"
import { pipeline } from "node:stream"
import { createInflateRaw } from "node:zlib"
import { Chunk, Effect, Stream } from "effect"
import { IntuneWinFormatError, type IntuneWinIoError } from "./errors.js"
import { ioError } from "./fileSystem.js"
import type { ZipEntry } from "./zipDirectory.js"

/** An entry located in its archive: enough to read any byte range of it. */
export interface LocatedEntry {
  readonly path: string
  readonly entry: ZipEntry
  readonly dataStart: number
}

const ReadChunkBytes = 1024 * 1024
const Stored = 0
const Deflated = 8

// Raised inside the inflating generator; mapped to IntuneWinFormatError at the Stream boundary.
class CorruptEntry extends Error {}

const isZlibError = (cause: unknown): boolean =>
  typeof cause === "object" && cause !== null && "code" in cause && String(cause.code).startsWith("Z_")

async function* inflatedRange(located: LocatedEntry, start: number, end: number): AsyncGenerator<Uint8Array> {
  const { path, entry, dataStart } = located
  const compressed = createReadStream(path, {
    start: dataStart,
    end: dataStart + entry.compressedSize - 1,
    highWaterMark: ReadChunkBytes
  })
  // pipeline destroys both streams on an error on either side, so the loop below sees it.
  const inflated: AsyncIterable<Buffer> = pipeline(compressed, createInflateRaw(), () => undefined)
  let position = 0
  for await (const piece of inflated) {
    const from = Math.max(start - position, 0)
    const to = Math.min(end - position, piece.length)
    if (to > from) yield piece.subarray(from, to)
    position += piece.length
    if (position >= end) return
  }
  throw new CorruptEntry(
    `zip entry ${entry.name} inflates to ${position} bytes, not ${entry.uncompressedSize}`
  )
}

const storedRange = (located: LocatedEntry, start: number, end: number): AsyncIterable<Buffer> =>
  createReadStream(located.path, {
    start: located.dataStart + start,
    end: located.dataStart + end - 1,
    highWaterMark: ReadChunkBytes
  })

/** Streams bytes [start, end) of an entry's uncompressed content (stored entries seek; deflated ones inflate). */
export const streamEntry = (
  located: LocatedEntry,
  start = 0,
  end = located.entry.uncompressedSize
): Stream.Stream<Uint8Array, IntuneWinFormatError | IntuneWinIoError> => {
  const { path, entry } = located
  const from = Math.max(0, Math.min(start, entry.uncompressedSize))
  const to = Math.max(from, Math.min(end, entry.uncompressedSize))
  if (from === to) return Stream.empty
  if (entry.method !== Stored && entry.method !== Deflated) {
    return Stream.fail(
      new IntuneWinFormatError({
        path,
        message: `zip entry ${entry.name} uses unsupported compression method ${entry.method}`
      })
    )
  }
  const bytes = entry.method === Stored ? storedRange(located, from, to) : inflatedRange(located, from, to)
  return Stream.fromAsyncIterable<Uint8Array, IntuneWinFormatError | IntuneWinIoError>(bytes, (cause) =>
    cause instanceof CorruptEntry || isZlibError(cause)
      ? new IntuneWinFormatError({ path, message: `zip entry ${entry.name} is corrupt: ${String(cause)}` })
      : ioError(path, "read", cause)
  )
}

/** Reads bytes [start, end) of an entry into one buffer (for Detection.xml, or one upload block). */
export const readEntry = (
  located: LocatedEntry,
  start = 0,
  end = located.entry.uncompressedSize
): Effect.Effect<Uint8Array, IntuneWinFormatError | IntuneWinIoError> =>
  Stream.runCollect(streamEntry(located, start, end)).pipe(
    Effect.map((chunks) => Buffer.concat(Chunk.toReadonlyArray(chunks)))
  )

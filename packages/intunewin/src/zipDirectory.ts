import type { FileHandle } from "node:fs/promises"
import { open } from "node:fs/promises"
import { Effect } from "effect"
import { IntuneWinFormatError, type IntuneWinIoError } from "./errors.js"
import { tryIo } from "./fileSystem.js"

/** One entry of a zip's central directory, with where its data starts in the file. */
export interface ZipEntry {
  /** Entry name with `\` normalised to `/` (old .NET zippers wrote backslashes). */
  readonly name: string
  /** 0 stored, 8 deflated; anything else cannot be read. */
  readonly method: number
  readonly compressedSize: number
  readonly uncompressedSize: number
  readonly localHeaderOffset: number
}

/** A zip's entries, read from its central directory without reading the entries' data. */
export interface ZipDirectory {
  readonly path: string
  readonly fileSize: number
  readonly entries: ReadonlyArray<ZipEntry>
}

const EndOfCentralDirectorySignature = 0x06054b50
const CentralEntrySignature = 0x02014b50
const LocalHeaderSignature = 0x04034b50
const EndRecordLength = 22
const CentralEntryLength = 46
const LocalHeaderLength = 30
const MaxCommentLength = 0xffff
const Zip64Marker = 0xffffffff
const Utf8NameFlag = 0x0800
const EncryptedFlag = 0x0001

const formatError = (path: string, message: string) => new IntuneWinFormatError({ path, message })

const readAt = (handle: FileHandle, path: string, position: number, length: number) =>
  tryIo(path, "read", async () => {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await handle.read(buffer, 0, length, position)
    return buffer.subarray(0, bytesRead)
  })

/** Runs `use` with the file open for reading, closing it whatever happens. */
export const withFile = <A, E>(
  path: string,
  use: (handle: FileHandle, size: number) => Effect.Effect<A, E>
): Effect.Effect<A, E | IntuneWinIoError> =>
  Effect.acquireUseRelease(
    tryIo(path, "open", () => open(path, "r")),
    (handle) =>
      Effect.flatMap(
        tryIo(path, "stat", () => handle.stat()),
        (info) => use(handle, info.size)
      ),
    (handle) => Effect.promise(() => handle.close())
  )

const findEndRecord = (tail: Buffer): number => {
  for (let at = tail.length - EndRecordLength; at >= 0; at--) {
    if (tail.readUInt32LE(at) === EndOfCentralDirectorySignature) return at
  }
  return -1
}

const parseEntries = (path: string, directory: Buffer, count: number) => {
  const entries: Array<ZipEntry> = []
  let at = 0
  for (let index = 0; index < count; index++) {
    if (at + CentralEntryLength > directory.length || directory.readUInt32LE(at) !== CentralEntrySignature) {
      return formatError(path, `zip central directory is corrupt at entry ${index}`)
    }
    const flags = directory.readUInt16LE(at + 8)
    const nameLength = directory.readUInt16LE(at + 28)
    const skip = nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32)
    const nameBytes = directory.subarray(at + CentralEntryLength, at + CentralEntryLength + nameLength)
    const name = nameBytes.toString((flags & Utf8NameFlag) !== 0 ? "utf8" : "latin1").replace(/\\/g, "/")
    const entry: ZipEntry = {
      name,
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      uncompressedSize: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42)
    }
    if (
      entry.compressedSize === Zip64Marker ||
      entry.uncompressedSize === Zip64Marker ||
      entry.localHeaderOffset === Zip64Marker
    ) {
      return formatError(
        path,
        `zip entry ${name} uses ZIP64 (over 4 GiB), which this reader does not support`
      )
    }
    if ((flags & EncryptedFlag) !== 0) return formatError(path, `zip entry ${name} is password-protected`)
    entries.push(entry)
    at += CentralEntryLength + skip
  }
  return Effect.succeed(entries)
}

/** Reads a zip's central directory; a file that is no zip, or a truncated one, fails with IntuneWinFormatError. */
export const readZipDirectory = (
  path: string
): Effect.Effect<ZipDirectory, IntuneWinFormatError | IntuneWinIoError> =>
  withFile(path, (handle, fileSize) =>
    Effect.gen(function* () {
      const tailLength = Math.min(fileSize, EndRecordLength + MaxCommentLength)
      const tail = yield* readAt(handle, path, fileSize - tailLength, tailLength)
      const end = findEndRecord(tail)
      if (end < 0) {
        return yield* formatError(
          path,
          `${path} is not a zip archive (no end of central directory; truncated?)`
        )
      }
      const count = tail.readUInt16LE(end + 10)
      const directorySize = tail.readUInt32LE(end + 12)
      const directoryOffset = tail.readUInt32LE(end + 16)
      if (count === 0xffff || directoryOffset === Zip64Marker) {
        return yield* formatError(
          path,
          `${path} is a ZIP64 archive (over 4 GiB), which this reader does not support`
        )
      }
      if (directoryOffset + directorySize > fileSize - tailLength + end) {
        return yield* formatError(path, `${path} is truncated: its zip central directory lies past the end`)
      }
      const directory = yield* readAt(handle, path, directoryOffset, directorySize)
      const entries = yield* parseEntries(path, directory, count)
      return { path, fileSize, entries }
    })
  )

/** Offset of an entry's data: after its local header, whose name and extra lengths may differ from the directory's. */
export const entryDataOffset = (
  directory: ZipDirectory,
  entry: ZipEntry
): Effect.Effect<number, IntuneWinFormatError | IntuneWinIoError> =>
  withFile(directory.path, (handle) =>
    Effect.gen(function* () {
      const header = yield* readAt(handle, directory.path, entry.localHeaderOffset, LocalHeaderLength)
      if (header.length < LocalHeaderLength || header.readUInt32LE(0) !== LocalHeaderSignature) {
        return yield* formatError(directory.path, `zip entry ${entry.name} has no local header`)
      }
      const start =
        entry.localHeaderOffset + LocalHeaderLength + header.readUInt16LE(26) + header.readUInt16LE(28)
      if (start + entry.compressedSize > directory.fileSize) {
        return yield* formatError(directory.path, `zip entry ${entry.name} is truncated`)
      }
      return start
    })
  )

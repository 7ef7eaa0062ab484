import { Effect, type Stream } from "effect"
import { contentsEntryName, DetectionXmlEntryName } from "./constants.js"
import type { DetectionInfo } from "./detectionInfo.js"
import { parseDetectionXml } from "./detectionXmlParser.js"
import { IntuneWinFormatError, type IntuneWinIoError } from "./errors.js"
import { entryDataOffset, readZipDirectory, type ZipDirectory, type ZipEntry } from "./zipDirectory.js"
import { type LocatedEntry, readEntry, streamEntry } from "./zipEntryReader.js"

/** Failures of reading a `.intunewin`. */
export type ReadIntuneWinError = IntuneWinFormatError | IntuneWinIoError

/** A byte range of the encrypted payload, end exclusive; both ends default to the whole payload. */
export interface ByteRange {
  readonly start?: number
  readonly end?: number
}

/** A `.intunewin` opened for publishing: its metadata, and on-demand access to the encrypted payload. */
export interface IntuneWinPackage {
  readonly path: string
  readonly detection: DetectionInfo
  /** Byte length of the encrypted payload (MAC || IV || ciphertext): Graph's sizeEncrypted. */
  readonly encryptedSize: number
  /** Streams the encrypted payload (or a range of it) straight from the file, without holding it. */
  readonly openEncryptedContent: (range?: ByteRange) => Stream.Stream<Uint8Array, ReadIntuneWinError>
  /** Bytes [start, end) of the payload in one buffer: one Put Block (ranges as upload/blocks.ts plans them). */
  readonly readEncryptedRange: (start: number, end: number) => Effect.Effect<Uint8Array, ReadIntuneWinError>
}

const lower = (name: string) => name.toLowerCase()

// Tools match entries by name, case-insensitively (the PowerShell samples use -like on the leaf name).
const findDetectionXml = (entries: ReadonlyArray<ZipEntry>): ZipEntry | undefined =>
  entries.find((entry) => lower(entry.name) === lower(DetectionXmlEntryName)) ??
  entries.find((entry) => lower(entry.name).endsWith("metadata/detection.xml"))

const findContents = (entries: ReadonlyArray<ZipEntry>, fileName: string): ZipEntry | undefined =>
  entries.find((entry) => lower(entry.name) === lower(contentsEntryName(fileName))) ??
  entries.find((entry) => lower(entry.name).endsWith(lower(`contents/${fileName}`)))

const locate = (directory: ZipDirectory, entry: ZipEntry) =>
  Effect.map(
    entryDataOffset(directory, entry),
    (dataStart): LocatedEntry => ({
      path: directory.path,
      entry,
      dataStart
    })
  )

/** Opens a `.intunewin`: reads and validates Detection.xml and finds the encrypted payload (not read yet). */
export const readIntuneWin = (path: string): Effect.Effect<IntuneWinPackage, ReadIntuneWinError> =>
  Effect.gen(function* () {
    const directory = yield* readZipDirectory(path)
    const detectionEntry = findDetectionXml(directory.entries)
    if (detectionEntry === undefined) {
      return yield* new IntuneWinFormatError({ path, message: `${path} has no ${DetectionXmlEntryName}` })
    }
    const xml = yield* readEntry(yield* locate(directory, detectionEntry))
    const detection = yield* parseDetectionXml(Buffer.from(xml).toString("utf8")).pipe(
      Effect.mapError((error) => new IntuneWinFormatError({ path, message: `${path}: ${error.message}` }))
    )
    const contentsEntry = findContents(directory.entries, detection.fileName)
    if (contentsEntry === undefined) {
      return yield* new IntuneWinFormatError({
        path,
        message: `${path} has no encrypted payload ${contentsEntryName(detection.fileName)}`
      })
    }
    const contents = yield* locate(directory, contentsEntry)
    const encryptedSize = contentsEntry.uncompressedSize
    return {
      path,
      detection,
      encryptedSize,
      openEncryptedContent: (range = {}) => streamEntry(contents, range.start, range.end),
      readEncryptedRange: (start, end) => readEntry(contents, start, end)
    }
  })

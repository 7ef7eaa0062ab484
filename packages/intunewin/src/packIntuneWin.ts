import { mkdir, mkdtemp, open, rename, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { basename, dirname, extname, join, resolve } from "node:path"
import { Clock, Effect } from "effect"
import {
  contentsEntryName,
  DefaultToolVersion,
  DetectionXmlEntryName,
  EncryptedHeaderLength,
  EncryptedPackageFileName
} from "./constants.js"
import { createContentEncryptor, drawContentKeys } from "./contentEncryptor.js"
import type { DetectionInfo } from "./detectionInfo.js"
import { writeDetectionXml } from "./detectionXmlWriter.js"
import { type IntuneWinIoError, IntuneWinSourceError } from "./errors.js"
import { tryIo } from "./fileSystem.js"
import { type RandomSource, secureRandom } from "./randomSource.js"
import { listSourceFolder, resolveSetupFile, type SourceEntry } from "./sourceFolder.js"
import { writeZipStream } from "./zipStreamWriter.js"

/** What to pack. */
export interface PackIntuneWinOptions {
  /** Folder whose whole content becomes the package. */
  readonly sourceFolder: string
  /** The installer, relative to sourceFolder (or a path inside it). */
  readonly setupFile: string
  /** Where to write the `.intunewin`; default: `<setup file name>.intunewin` in a new temp folder the caller removes. */
  readonly outputFile?: string
  /** Detection.xml's Name; default: the setup file's name, as Microsoft's tool does for EXE installers. */
  readonly name?: string
  /** Detection.xml's ToolVersion attribute. */
  readonly toolVersion?: string
  /** Source of the AES key, MAC key and IV (drawn in that order); tests pass a fixed one. */
  readonly random?: RandomSource
}

/** A packed `.intunewin`: where it is and what its Detection.xml says. */
export interface PackedIntuneWin {
  readonly outputFile: string
  readonly detection: DetectionInfo
  /** Byte length of the encrypted payload: Graph's sizeEncrypted. */
  readonly encryptedSize: number
}

/** Failures of packing. */
export type PackIntuneWinError = IntuneWinSourceError | IntuneWinIoError

// fflate writes no ZIP64, so every size and offset must fit 32 bits; keep a margin for headers.
const Zip32Limit = 0xffffffff - 16 * 1024 * 1024
const MaxZip32Entries = 0xffff

const checkZip32 = (sourceFolder: string, entries: ReadonlyArray<SourceEntry>) => {
  const total = entries.reduce((sum, entry) => sum + entry.size, 0)
  // Level-1 DEFLATE of incompressible data grows by a few bytes per 64 KiB block.
  const worstCase = total * 1.001 + entries.length * 1024
  if (entries.length > MaxZip32Entries || worstCase > Zip32Limit) {
    return new IntuneWinSourceError({
      path: sourceFolder,
      message: `sourceFolder ${sourceFolder} holds ${entries.length} entries, ${total} bytes: over the 4 GiB / 65535-entry zip limit (no ZIP64 yet)`
    })
  }
  return Effect.void
}

/** The temp folder for intermediate files, removed afterwards whatever happens. */
const withTempFolder = <A, E>(use: (folder: string) => Effect.Effect<A, E>) =>
  Effect.acquireUseRelease(
    tryIo(tmpdir(), "create temp folder in", () => mkdtemp(join(tmpdir(), "planes-intunewin-"))),
    use,
    (folder) => Effect.promise(() => rm(folder, { recursive: true, force: true }))
  )

/** Zips the source entries, encrypting on the fly into `target` (header patched in at the end). */
const writeEncryptedPayload = (entries: ReadonlyArray<SourceEntry>, target: string, random: RandomSource) =>
  Effect.acquireUseRelease(
    tryIo(target, "create", () => open(target, "w")),
    (handle) =>
      Effect.gen(function* () {
        const encryptor = createContentEncryptor(drawContentKeys(random))
        let position = EncryptedHeaderLength
        const append = (bytes: Uint8Array) =>
          Effect.asVoid(
            tryIo(target, "write", () => {
              const at = position
              position += bytes.length
              return handle.write(bytes, 0, bytes.length, at)
            })
          )
        yield* writeZipStream(
          entries.map((entry) =>
            entry.kind === "file"
              ? {
                  kind: "file" as const,
                  name: entry.name,
                  path: entry.path,
                  mtime: entry.mtime,
                  compress: true
                }
              : { kind: "directory" as const, name: entry.name, mtime: entry.mtime }
          ),
          (plain) => append(encryptor.update(plain))
        )
        const result = encryptor.finish()
        yield* append(result.tail)
        yield* tryIo(target, "write", () => handle.write(result.header, 0, result.header.length, 0))
        return result
      }),
    (handle) => Effect.promise(() => handle.close())
  )

/** Writes the outer zip (Contents then Metadata, stored) to `outputFile` via a temp name and a rename. */
const writeOuterZip = (outputFile: string, encryptedFile: string, detectionXml: string, mtime: Date) => {
  const partial = `${outputFile}.partial`
  return Effect.acquireUseRelease(
    tryIo(partial, "create", () => open(partial, "w")),
    (handle) =>
      writeZipStream(
        [
          {
            kind: "file",
            name: contentsEntryName(EncryptedPackageFileName),
            path: encryptedFile,
            mtime,
            compress: false
          },
          { kind: "bytes", name: DetectionXmlEntryName, bytes: Buffer.from(detectionXml, "utf8"), mtime }
        ],
        (chunk) => Effect.asVoid(tryIo(partial, "write", () => handle.write(chunk)))
      ),
    (handle) => Effect.promise(() => handle.close())
  ).pipe(
    Effect.zipRight(tryIo(outputFile, "rename to", () => rename(partial, outputFile))),
    // onError, not tapError: an interrupted pack must not leave a partial file either.
    Effect.onError(() => Effect.promise(() => rm(partial, { force: true })))
  )
}

const defaultOutputFile = (setupFile: string) =>
  Effect.map(
    tryIo(tmpdir(), "create temp folder in", () => mkdtemp(join(tmpdir(), "planes-intunewin-out-"))),
    (folder) => join(folder, `${basename(setupFile, extname(setupFile))}.intunewin`)
  )

/**
 * Packs a folder into a `.intunewin` as Microsoft's Win32 Content Prep Tool does: zip the folder, encrypt
 * the zip with a fresh AES-256-CBC key, HMAC-SHA256 over IV || ciphertext, Detection.xml, outer zip.
 * Streams: neither the zip nor the ciphertext is held in memory. Limit: 4 GiB (no ZIP64 yet).
 */
export const packIntuneWin = (
  options: PackIntuneWinOptions
): Effect.Effect<PackedIntuneWin, PackIntuneWinError> =>
  Effect.gen(function* () {
    const sourceFolder = resolve(options.sourceFolder)
    const entries = yield* listSourceFolder(sourceFolder)
    const setupFile = yield* resolveSetupFile(sourceFolder, options.setupFile, entries)
    yield* checkZip32(sourceFolder, entries)
    const outputFile =
      options.outputFile === undefined ? yield* defaultOutputFile(setupFile) : resolve(options.outputFile)
    yield* tryIo(dirname(outputFile), "create folder", () => mkdir(dirname(outputFile), { recursive: true }))
    const now = new Date(yield* Clock.currentTimeMillis)
    return yield* withTempFolder((folder) =>
      Effect.gen(function* () {
        const encryptedFile = join(folder, EncryptedPackageFileName)
        const encrypted = yield* writeEncryptedPayload(entries, encryptedFile, options.random ?? secureRandom)
        const detection: DetectionInfo = {
          toolVersion: options.toolVersion ?? DefaultToolVersion,
          name: options.name ?? basename(setupFile.replace(/\\/g, "/")),
          unencryptedContentSize: encrypted.plainSize,
          fileName: EncryptedPackageFileName,
          setupFile,
          encryptionInfo: encrypted.encryptionInfo
        }
        yield* writeOuterZip(outputFile, encryptedFile, writeDetectionXml(detection), now)
        return { outputFile, detection, encryptedSize: encrypted.encryptedSize }
      })
    )
  })

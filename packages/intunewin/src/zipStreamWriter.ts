import { createReadStream } from "node:fs"
import { Effect, Stream } from "effect"
import { Zip, ZipDeflate, ZipPassThrough } from "fflate"
import type { IntuneWinIoError } from "./errors.js"
import { ioError } from "./fileSystem.js"

/** One entry to write into a zip: a file streamed from disk, bytes in memory, or a directory. */
export type ZipSource =
  | {
      readonly kind: "file"
      readonly name: string
      readonly path: string
      readonly mtime: Date
      readonly compress: boolean
    }
  | { readonly kind: "bytes"; readonly name: string; readonly bytes: Uint8Array; readonly mtime: Date }
  | { readonly kind: "directory"; readonly name: string; readonly mtime: Date }

/** Where zip bytes go, in order; the writer waits for each chunk before producing more. */
export type ZipSink<E> = (chunk: Uint8Array) => Effect.Effect<void, E>

// DEFLATE level 1, like .NET's CompressionLevel.Fastest that Microsoft's tool uses for the inner zip.
const DeflateLevel = 1
const ReadChunkBytes = 1024 * 1024
const MsDosDirectoryAttribute = 0x10

// A DOS timestamp only spans 1980-2099 (fflate throws outside it).
const dosRange = (date: Date): Date => {
  const earliest = new Date(1980, 0, 1, 0, 0, 0)
  const latest = new Date(2099, 11, 31, 23, 59, 58)
  return date < earliest ? earliest : date > latest ? latest : date
}

/**
 * Writes a zip (fflate's streaming Zip: data descriptors, no ZIP64, so each entry and the archive must
 * stay under 4 GiB) to a sink, one source after the other, holding at most one read chunk in memory.
 */
export const writeZipStream = <E>(
  sources: Iterable<ZipSource>,
  sink: ZipSink<E>
): Effect.Effect<void, E | IntuneWinIoError> =>
  Effect.suspend(() => {
    const pending: Array<Uint8Array> = []
    let failure: Error | null = null
    const zip = new Zip((error, chunk) => {
      if (error !== null) failure = error
      else pending.push(chunk)
    })
    const drain: Effect.Effect<void, E> = Effect.gen(function* () {
      if (failure !== null) return yield* Effect.die(failure)
      for (let chunk = pending.shift(); chunk !== undefined; chunk = pending.shift()) yield* sink(chunk)
    })
    const open = (source: ZipSource): ZipDeflate | ZipPassThrough => {
      const entry =
        source.kind === "file" && source.compress
          ? new ZipDeflate(source.name, { level: DeflateLevel })
          : new ZipPassThrough(source.name)
      entry.mtime = dosRange(source.mtime)
      if (source.kind === "directory") entry.attrs = MsDosDirectoryAttribute
      zip.add(entry)
      return entry
    }
    const writeSource = (source: ZipSource): Effect.Effect<void, E | IntuneWinIoError> => {
      const entry = open(source)
      const push = (chunk: Uint8Array, final: boolean) =>
        Effect.zipRight(
          Effect.sync(() => entry.push(chunk, final)),
          drain
        )
      if (source.kind !== "file")
        return push(source.kind === "bytes" ? source.bytes : new Uint8Array(0), true)
      const chunks = Stream.fromAsyncIterable<Buffer, IntuneWinIoError>(
        createReadStream(source.path, { highWaterMark: ReadChunkBytes }),
        (cause) => ioError(source.path, "read", cause)
      )
      return Stream.runForEach(chunks, (chunk) => push(chunk, false)).pipe(
        Effect.zipRight(push(new Uint8Array(0), true))
      )
    }
    return Effect.forEach(sources, writeSource, { discard: true }).pipe(
      Effect.zipRight(
        Effect.zipRight(
          Effect.sync(() => zip.end()),
          drain
        )
      )
    )
  })

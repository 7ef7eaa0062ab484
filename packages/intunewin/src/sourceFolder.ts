import type { Dirent, Stats } from "node:fs"
import { readdir, stat } from "node:fs/promises"
import { isAbsolute, join, relative, resolve, sep } from "node:path"
import { Effect } from "effect"
import { type IntuneWinIoError, IntuneWinSourceError } from "./errors.js"
import { isNotFound, tryIo } from "./fileSystem.js"

/** One entry of the folder to pack: a file, or an empty directory (kept, as .NET's zipper keeps them). */
export interface SourceEntry {
  /** Zip entry name: relative, `/`-separated, a trailing `/` for a directory. */
  readonly name: string
  readonly path: string
  readonly kind: "file" | "directory"
  readonly size: number
  readonly mtime: Date
}

// Ordinal comparison: the order must not depend on the machine's locale.
const ordinal = (a: SourceEntry, b: SourceEntry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

const statOrMissing = (path: string): Effect.Effect<Stats | undefined, IntuneWinIoError> =>
  tryIo(path, "stat", () =>
    stat(path).catch((cause: unknown) => (isNotFound(cause) ? undefined : Promise.reject(cause)))
  )

const walk = (
  directory: string,
  prefix: string
): Effect.Effect<ReadonlyArray<SourceEntry>, IntuneWinIoError> =>
  Effect.gen(function* () {
    const children: ReadonlyArray<Dirent> = yield* tryIo(directory, "list", () =>
      readdir(directory, { withFileTypes: true })
    )
    const entries: Array<SourceEntry> = []
    for (const child of children) {
      const path = join(directory, child.name)
      const name = `${prefix}${child.name}`
      if (child.isDirectory()) {
        entries.push(...(yield* walk(path, `${name}/`)))
        continue
      }
      // Symlinks are followed to files only; following directories could loop.
      if (!child.isFile() && !child.isSymbolicLink()) continue
      const info = yield* statOrMissing(path)
      if (info?.isFile() !== true) continue
      entries.push({ name, path, kind: "file", size: info.size, mtime: info.mtime })
    }
    if (entries.length === 0 && prefix !== "") {
      const info = yield* tryIo(directory, "stat", () => stat(directory))
      return [{ name: prefix, path: directory, kind: "directory", size: 0, mtime: info.mtime }]
    }
    return entries
  })

/** Every file (and empty directory) under the source folder, sorted by entry name. */
export const listSourceFolder = (
  sourceFolder: string
): Effect.Effect<ReadonlyArray<SourceEntry>, IntuneWinSourceError | IntuneWinIoError> =>
  Effect.gen(function* () {
    const root = resolve(sourceFolder)
    const info = yield* statOrMissing(root)
    if (info === undefined) {
      return yield* new IntuneWinSourceError({ path: root, message: `sourceFolder ${root} does not exist` })
    }
    if (!info.isDirectory()) {
      return yield* new IntuneWinSourceError({
        path: root,
        message: `sourceFolder ${root} is not a directory`
      })
    }
    const entries = yield* walk(root, "")
    return [...entries].sort(ordinal)
  })

/**
 * The setup file as Detection.xml records it: relative to the source folder with Windows separators.
 * Fails unless it names a file inside the folder (given relative to it, or as a path within it).
 */
export const resolveSetupFile = (
  sourceFolder: string,
  setupFile: string,
  entries: ReadonlyArray<SourceEntry>
): Effect.Effect<string, IntuneWinSourceError> => {
  const root = resolve(sourceFolder)
  const inside = relative(root, resolve(root, setupFile))
  if (inside === "" || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    return new IntuneWinSourceError({
      path: setupFile,
      message: `setupFile ${setupFile} is not inside sourceFolder ${root}`
    })
  }
  const parts = inside.split(sep)
  const name = parts.join("/")
  if (!entries.some((entry) => entry.kind === "file" && entry.name === name)) {
    return new IntuneWinSourceError({
      path: setupFile,
      message: `setupFile ${setupFile} is not a file in sourceFolder ${root}`
    })
  }
  return Effect.succeed(parts.join("\\"))
}

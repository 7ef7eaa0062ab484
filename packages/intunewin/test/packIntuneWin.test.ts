import { randomBytes } from "node:crypto"
import { existsSync } from "node:fs"
import { mkdir, readFile, symlink, truncate, writeFile } from "node:fs/promises"
import { basename, dirname, join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import { unzipSync } from "fflate"
import { writeDetectionXml } from "../src/detectionXmlWriter.js"
import { packIntuneWin } from "../src/packIntuneWin.js"
import { readIntuneWin } from "../src/readIntuneWin.js"
import { verifyIntuneWin } from "../src/verifyIntuneWin.js"
import { readZipDirectory } from "../src/zipDirectory.js"
import {
  countingRandom,
  decryptPayload,
  makeTempFolder,
  removeTempFolder,
  unzipToRecord,
  writeTree
} from "./helpers.js"

const tempFolder = Effect.acquireRelease(
  Effect.promise(() => makeTempFolder()),
  (folder) => Effect.promise(() => removeTempFolder(folder))
)

const files = {
  "setup.exe": randomBytes(300 * 1024),
  "readme.txt": "hello intune\n".repeat(1000),
  "lib/a.dll": randomBytes(1000),
  "lib/nested/data.bin": new Uint8Array(0),
  "lib/nested/deeper/config.json": '{"a":1}'
}

const sourceWith = (root: string) =>
  Effect.promise(async () => {
    const source = join(root, "source")
    await writeTree(source, files)
    await mkdir(join(source, "empty", "inner"), { recursive: true })
    return source
  })

const bytesOf = <E>(stream: Stream.Stream<Uint8Array, E>) =>
  Effect.map(Stream.runCollect(stream), (chunks) => Buffer.concat(Chunk.toReadonlyArray(chunks)))

const range = (from: number, length: number) =>
  Buffer.from(Array.from({ length }, (_, i) => (from + i) & 0xff))

describe("packIntuneWin", () => {
  it.scoped("round-trips a folder: read back, verify, decrypt and unzip to the original bytes", () =>
    Effect.gen(function* () {
      const root = yield* tempFolder
      const source = yield* sourceWith(root)
      const outputFile = join(root, "out", "setup.intunewin")
      const packed = yield* packIntuneWin({
        sourceFolder: source,
        setupFile: "setup.exe",
        outputFile,
        random: countingRandom()
      })

      expect(packed.outputFile).toBe(outputFile)
      expect(packed.detection).toMatchObject({
        toolVersion: "1.8.6.0",
        name: "setup.exe",
        fileName: "IntunePackage.intunewin",
        setupFile: "setup.exe",
        encryptionInfo: {
          encryptionKey: range(0, 32).toString("base64"),
          macKey: range(32, 32).toString("base64"),
          initializationVector: range(64, 16).toString("base64"),
          profileIdentifier: "ProfileVersion1",
          fileDigestAlgorithm: "SHA256"
        }
      })

      const opened = yield* readIntuneWin(outputFile)
      expect(opened.detection).toEqual(packed.detection)
      expect(opened.encryptedSize).toBe(packed.encryptedSize)
      expect(yield* verifyIntuneWin(outputFile)).toEqual({
        _tag: "Ok",
        encryptedSize: packed.encryptedSize,
        plainSize: packed.detection.unencryptedContentSize
      })

      const payload = yield* bytesOf(opened.openEncryptedContent())
      expect(payload.length).toBe(packed.encryptedSize)
      const innerZip = decryptPayload(payload, packed.detection.encryptionInfo)
      expect(innerZip.length).toBe(packed.detection.unencryptedContentSize)
      const unpacked = unzipToRecord(innerZip)
      expect(Object.keys(unpacked)).toEqual([
        "empty/inner/",
        "lib/a.dll",
        "lib/nested/data.bin",
        "lib/nested/deeper/config.json",
        "readme.txt",
        "setup.exe"
      ])
      for (const [name, content] of Object.entries(files)) {
        expect(Buffer.from(unpacked[name] ?? [])).toEqual(Buffer.from(content))
      }
    })
  )

  it.scoped("writes the outer zip as the tool does: stored Contents then Metadata/Detection.xml", () =>
    Effect.gen(function* () {
      const root = yield* tempFolder
      const source = yield* sourceWith(root)
      const outputFile = join(root, "setup.intunewin")
      const packed = yield* packIntuneWin({
        sourceFolder: source,
        setupFile: "setup.exe",
        outputFile,
        toolVersion: "1.8.4.0"
      })
      const directory = yield* readZipDirectory(outputFile)
      expect(directory.entries.map((entry) => [entry.name, entry.method])).toEqual([
        ["IntuneWinPackage/Contents/IntunePackage.intunewin", 0],
        ["IntuneWinPackage/Metadata/Detection.xml", 0]
      ])
      const outer = unzipSync(yield* Effect.promise(() => readFile(outputFile)))
      const xml = Buffer.from(outer["IntuneWinPackage/Metadata/Detection.xml"] ?? []).toString("utf8")
      expect(xml).toBe(writeDetectionXml(packed.detection))
      expect(xml).toContain('ToolVersion="1.8.4.0"')
      expect(outer["IntuneWinPackage/Contents/IntunePackage.intunewin"]?.length).toBe(packed.encryptedSize)
    })
  )

  it.scoped("is byte-for-byte deterministic for fixed randomness, files and clock", () =>
    Effect.gen(function* () {
      const root = yield* tempFolder
      const source = yield* sourceWith(root)
      const pack = (name: string) =>
        Effect.flatMap(
          packIntuneWin({
            sourceFolder: source,
            setupFile: "setup.exe",
            outputFile: join(root, name),
            random: countingRandom(5)
          }),
          (packed) => Effect.promise(() => readFile(packed.outputFile))
        )
      expect(Buffer.compare(yield* pack("a.intunewin"), yield* pack("b.intunewin"))).toBe(0)
    })
  )

  it.scoped("records a nested setup file with Windows separators and names the package after it", () =>
    Effect.gen(function* () {
      const root = yield* tempFolder
      const source = yield* sourceWith(root)
      const packed = yield* packIntuneWin({
        sourceFolder: source,
        setupFile: join(source, "lib", "nested", "deeper", "config.json"),
        outputFile: join(root, "nested.intunewin"),
        name: "Config"
      })
      expect(packed.detection.setupFile).toBe("lib\\nested\\deeper\\config.json")
      expect(packed.detection.name).toBe("Config")
      const defaulted = yield* packIntuneWin({
        sourceFolder: source,
        setupFile: "lib/a.dll",
        outputFile: join(root, "d.intunewin")
      })
      expect(defaulted.detection.name).toBe("a.dll")
    })
  )

  it.scoped("writes to a fresh temp file when no outputFile is given", () =>
    Effect.gen(function* () {
      const root = yield* tempFolder
      const source = yield* sourceWith(root)
      const packed = yield* packIntuneWin({ sourceFolder: source, setupFile: "setup.exe" })
      yield* Effect.addFinalizer(() => Effect.promise(() => removeTempFolder(dirname(packed.outputFile))))
      expect(basename(packed.outputFile)).toBe("setup.intunewin")
      expect((yield* verifyIntuneWin(packed.outputFile))._tag).toBe("Ok")
    })
  )

  it.scoped("follows symlinks to files but not to directories", () =>
    Effect.gen(function* () {
      const root = yield* tempFolder
      const source = yield* sourceWith(root)
      yield* Effect.promise(async () => {
        await symlink(join(source, "readme.txt"), join(source, "link.txt"))
        await symlink(join(source, "lib"), join(source, "linkdir"))
        await symlink(join(source, "missing"), join(source, "dangling"))
      })
      const packed = yield* packIntuneWin({
        sourceFolder: source,
        setupFile: "link.txt",
        outputFile: join(root, "l.intunewin")
      })
      const opened = yield* readIntuneWin(packed.outputFile)
      const inner = unzipToRecord(
        decryptPayload(yield* bytesOf(opened.openEncryptedContent()), opened.detection.encryptionInfo)
      )
      expect(Object.keys(inner)).toContain("link.txt")
      expect(Object.keys(inner).some((name) => name.startsWith("linkdir") || name === "dangling")).toBe(false)
    })
  )

  it.scoped("fails with a typed error naming the cause when the input is wrong", () =>
    Effect.gen(function* () {
      const root = yield* tempFolder
      const source = yield* sourceWith(root)
      const failure = (setupFile: string, sourceFolder = source) =>
        Effect.flip(packIntuneWin({ sourceFolder, setupFile, outputFile: join(root, "x.intunewin") }))

      const missing = yield* failure("install.exe")
      expect(missing._tag).toBe("IntuneWinSourceError")
      expect(missing.message).toMatch(/setupFile install.exe is not a file in sourceFolder/)
      expect((yield* failure("lib")).message).toMatch(/setupFile lib is not a file/)
      expect((yield* failure("../setup.exe")).message).toMatch(
        /setupFile ..\/setup.exe is not inside sourceFolder/
      )
      expect((yield* failure(".")).message).toMatch(/is not inside sourceFolder/)
      expect((yield* failure("setup.exe", join(root, "nowhere"))).message).toMatch(
        /sourceFolder .*nowhere does not exist/
      )
      expect((yield* failure("setup.exe", join(source, "setup.exe"))).message).toMatch(/is not a directory/)
      expect(existsSync(join(root, "x.intunewin"))).toBe(false)
    })
  )

  it.scoped("refuses sources over the 4 GiB zip limit before reading them", () =>
    Effect.gen(function* () {
      const root = yield* tempFolder
      const source = join(root, "big")
      yield* Effect.promise(async () => {
        await mkdir(source)
        await writeFile(join(source, "setup.exe"), "x")
        await writeFile(join(source, "huge.bin"), "")
        await truncate(join(source, "huge.bin"), 4.5 * 1024 ** 3) // sparse: no disk used
      })
      const error = yield* Effect.flip(
        packIntuneWin({ sourceFolder: source, setupFile: "setup.exe", outputFile: join(root, "b.intunewin") })
      )
      expect(error._tag).toBe("IntuneWinSourceError")
      expect(error.message).toMatch(/4 GiB/)
    })
  )

  it.scoped("reports a failed write as an I/O error and leaves no partial file", () =>
    Effect.gen(function* () {
      const root = yield* tempFolder
      const source = yield* sourceWith(root)
      const outputFile = join(root, "taken")
      yield* Effect.promise(() => mkdir(join(outputFile, "occupied"), { recursive: true }))
      const error = yield* Effect.flip(
        packIntuneWin({ sourceFolder: source, setupFile: "setup.exe", outputFile })
      )
      expect(error._tag).toBe("IntuneWinIoError")
      expect(error.message).toMatch(/rename to/)
      expect(existsSync(`${outputFile}.partial`)).toBe(false)
    })
  )
})

import { randomBytes } from "node:crypto"
import { readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import { unzipSync, type Zippable, zipSync } from "fflate"
import { writeDetectionXml } from "../src/detectionXmlWriter.js"
import { packIntuneWin } from "../src/packIntuneWin.js"
import { readIntuneWin } from "../src/readIntuneWin.js"
import { verifyIntuneWin } from "../src/verifyIntuneWin.js"
import { readZipDirectory } from "../src/zipDirectory.js"
import {
  centralDirectoryOffsets,
  countingRandom,
  makeTempFolder,
  removeTempFolder,
  writeTree
} from "./helpers.js"

const ContentsName = "IntuneWinPackage/Contents/IntunePackage.intunewin"
const DetectionName = "IntuneWinPackage/Metadata/Detection.xml"

const tempFolder = Effect.acquireRelease(
  Effect.promise(() => makeTempFolder()),
  (folder) => Effect.promise(() => removeTempFolder(folder))
)

const bytesOf = <E>(stream: Stream.Stream<Uint8Array, E>) =>
  Effect.map(Stream.runCollect(stream), (chunks) => Buffer.concat(Chunk.toReadonlyArray(chunks)))

/** Packs a small package and returns its path and its outer zip's entries. */
const packed = (root: string) =>
  Effect.gen(function* () {
    const source = join(root, "source")
    yield* Effect.promise(() =>
      writeTree(source, { "setup.exe": randomBytes(100_000), "notes.txt": "notes" })
    )
    const result = yield* packIntuneWin({
      sourceFolder: source,
      setupFile: "setup.exe",
      outputFile: join(root, "setup.intunewin"),
      random: countingRandom(1)
    })
    const outer = unzipSync(yield* Effect.promise(() => readFile(result.outputFile)))
    return { ...result, outer }
  })

const write = (root: string, name: string, bytes: Uint8Array) =>
  Effect.promise(async () => {
    const path = join(root, name)
    await writeFile(path, bytes)
    return path
  })

const patched = (
  zip: Uint8Array,
  edits: ReadonlyArray<readonly [number, (bytes: Buffer, at: number) => void]>
) => {
  const copy = Buffer.from(zip)
  for (const [at, edit] of edits) edit(copy, at)
  return copy
}

const formatError = (path: string) =>
  Effect.map(Effect.flip(readIntuneWin(path)), (error) => `${error._tag}: ${error.message}`)

describe("readIntuneWin", () => {
  it.scoped("reads the payload in blocks and ranges that add up to the whole", () =>
    Effect.gen(function* () {
      const root = yield* tempFolder
      const { outputFile, encryptedSize } = yield* packed(root)
      const opened = yield* readIntuneWin(outputFile)
      const whole = yield* bytesOf(opened.openEncryptedContent())
      expect(whole.length).toBe(encryptedSize)
      const blockSize = 6 * 1024
      const ranges = Array.from({ length: Math.ceil(encryptedSize / blockSize) }, (_, i) => ({
        start: i * blockSize,
        end: Math.min(encryptedSize, (i + 1) * blockSize)
      }))
      const blocks = yield* Effect.forEach(ranges, (range) =>
        opened.readEncryptedRange(range.start, range.end)
      )
      expect(blocks.slice(0, -1).every((block) => block.length === blockSize)).toBe(true)
      expect(Buffer.concat(blocks)).toEqual(whole)
      expect((yield* opened.readEncryptedRange(encryptedSize, encryptedSize + 10)).length).toBe(0)
      expect((yield* opened.readEncryptedRange(-5, 3)).length).toBe(3)
      expect(yield* bytesOf(opened.openEncryptedContent({ start: 10, end: 1000 }))).toEqual(
        whole.subarray(10, 1000)
      )
      expect(yield* bytesOf(opened.openEncryptedContent({ start: encryptedSize - 7 }))).toEqual(
        whole.subarray(-7)
      )
    })
  )

  it.scoped(
    "reads a package whose outer zip is deflated, with backslash names, as other tools write it",
    () =>
      Effect.gen(function* () {
        const root = yield* tempFolder
        const { outer, encryptedSize } = yield* packed(root)
        const deflated: Zippable = {
          "IntuneWinPackage\\Contents\\IntunePackage.intunewin": [
            outer[ContentsName] ?? new Uint8Array(0),
            { level: 6 }
          ],
          "IntuneWinPackage\\Metadata\\Detection.xml": [
            outer[DetectionName] ?? new Uint8Array(0),
            { level: 6 }
          ]
        }
        const path = yield* write(root, "deflated.intunewin", zipSync(deflated))
        expect((yield* readZipDirectory(path)).entries.map((entry) => entry.method)).toEqual([8, 8])
        const opened = yield* readIntuneWin(path)
        expect(opened.encryptedSize).toBe(encryptedSize)
        expect((yield* verifyIntuneWin(path))._tag).toBe("Ok")
        const whole = yield* bytesOf(opened.openEncryptedContent())
        expect(yield* opened.readEncryptedRange(3 * 4096, 4 * 4096)).toEqual(
          whole.subarray(3 * 4096, 4 * 4096)
        )
      })
  )

  it.scoped("finds Detection.xml and the payload case-insensitively under another root folder", () =>
    Effect.gen(function* () {
      const root = yield* tempFolder
      const { outer } = yield* packed(root)
      const path = yield* write(
        root,
        "renamed.intunewin",
        zipSync({
          "Package/metadata/DETECTION.XML": outer[DetectionName] ?? new Uint8Array(0),
          "Package/contents/intunepackage.intunewin": outer[ContentsName] ?? new Uint8Array(0)
        })
      )
      expect((yield* verifyIntuneWin(path))._tag).toBe("Ok")
    })
  )

  it.scoped("turns tampering into verdicts: flipped byte, truncation, wrong key", () =>
    Effect.gen(function* () {
      const root = yield* tempFolder
      const { outputFile, outer, detection } = yield* packed(root)
      const original = yield* Effect.promise(() => readFile(outputFile))
      const contents = centralDirectoryOffsets(original).find((entry) => entry.name === ContentsName)
      const dataStart = (contents?.localAt ?? 0) + 30 + ContentsName.length
      const flipped = patched(original, [
        [dataStart + 500, (bytes, at) => bytes.writeUInt8((bytes[at] ?? 0) ^ 1, at)]
      ])
      expect((yield* verifyIntuneWin(yield* write(root, "flipped.intunewin", flipped)))._tag).toBe(
        "MacMismatch"
      )

      const payload = outer[ContentsName] ?? new Uint8Array(0)
      const truncated = zipSync({
        [ContentsName]: payload.subarray(0, payload.length - 5),
        [DetectionName]: outer[DetectionName] ?? new Uint8Array(0)
      })
      expect((yield* verifyIntuneWin(yield* write(root, "truncated.intunewin", truncated)))._tag).toBe(
        "Truncated"
      )

      const wrongKey = writeDetectionXml({
        ...detection,
        encryptionInfo: { ...detection.encryptionInfo, encryptionKey: Buffer.alloc(32, 7).toString("base64") }
      })
      const rekeyed = zipSync({ [ContentsName]: payload, [DetectionName]: Buffer.from(wrongKey) })
      expect((yield* verifyIntuneWin(yield* write(root, "rekeyed.intunewin", rekeyed)))._tag).toBe(
        "DigestMismatch"
      )
    })
  )

  it.scoped("fails with IntuneWinFormatError naming what is wrong with the file", () =>
    Effect.gen(function* () {
      const root = yield* tempFolder
      const { outputFile, outer } = yield* packed(root)
      const detectionXml = outer[DetectionName] ?? new Uint8Array(0)
      const payload = outer[ContentsName] ?? new Uint8Array(0)

      expect(yield* formatError(yield* write(root, "text.intunewin", Buffer.from("just some text")))).toMatch(
        /^IntuneWinFormatError: .* is not a zip archive/
      )
      expect(
        yield* formatError(yield* write(root, "nodetection.intunewin", zipSync({ [ContentsName]: payload })))
      ).toMatch(/has no IntuneWinPackage\/Metadata\/Detection.xml/)
      expect(
        yield* formatError(
          yield* write(root, "nopayload.intunewin", zipSync({ [DetectionName]: detectionXml }))
        )
      ).toMatch(/has no encrypted payload IntuneWinPackage\/Contents\/IntunePackage.intunewin/)
      const badBase64 = Buffer.from(
        Buffer.from(detectionXml)
          .toString("utf8")
          .replace(/<Mac>[^<]*</, "<Mac>***<")
      )
      expect(
        yield* formatError(
          yield* write(
            root,
            "badbase64.intunewin",
            zipSync({ [DetectionName]: badBase64, [ContentsName]: payload })
          )
        )
      ).toMatch(/Detection.xml: [\s\S]*Mac[\s\S]*not valid base64/)

      const original = yield* Effect.promise(() => readFile(outputFile))
      const cut = Buffer.concat([original.subarray(0, 1000), original.subarray(2000)])
      expect(yield* formatError(yield* write(root, "cut.intunewin", cut))).toMatch(/truncated/)
    })
  )

  it.scoped("rejects zip features it cannot read: other methods, ZIP64, encryption, corrupt structures", () =>
    Effect.gen(function* () {
      const root = yield* tempFolder
      const { outputFile } = yield* packed(root)
      const original = yield* Effect.promise(() => readFile(outputFile))
      const entries = centralDirectoryOffsets(original)
      const detection = entries.find((entry) => entry.name === DetectionName)
      const contents = entries.find((entry) => entry.name === ContentsName)
      const at = detection?.at ?? 0
      const endRecord = original.length - 22
      const cases: ReadonlyArray<readonly [string, Buffer, RegExp]> = [
        [
          "method",
          patched(original, [[at + 10, (b, o) => b.writeUInt16LE(12, o)]]),
          /unsupported compression method 12/
        ],
        ["zip64-entry", patched(original, [[at + 20, (b, o) => b.writeUInt32LE(0xffffffff, o)]]), /ZIP64/],
        [
          "zip64-archive",
          patched(original, [[endRecord + 10, (b, o) => b.writeUInt16LE(0xffff, o)]]),
          /ZIP64/
        ],
        ["encrypted", patched(original, [[at + 8, (b, o) => b.writeUInt16LE(1, o)]]), /password-protected/],
        [
          "central",
          patched(original, [[contents?.at ?? 0, (b, o) => b.writeUInt32LE(0, o)]]),
          /central directory is corrupt/
        ],
        [
          "local",
          patched(original, [[detection?.localAt ?? 0, (b, o) => b.writeUInt32LE(0, o)]]),
          /has no local header/
        ],
        ["oversize", patched(original, [[at + 20, (b, o) => b.writeUInt32LE(0x7fffffff, o)]]), /is truncated/]
      ]
      for (const [name, bytes, expected] of cases) {
        expect(yield* formatError(yield* write(root, `${name}.intunewin`, bytes))).toMatch(expected)
      }
    })
  )

  it.scoped("reports a corrupt deflated payload as a format error and a vanished file as an I/O error", () =>
    Effect.gen(function* () {
      const root = yield* tempFolder
      const { outer } = yield* packed(root)
      const payload = outer[ContentsName] ?? new Uint8Array(0)
      const detectionXml = outer[DetectionName] ?? new Uint8Array(0)
      const zip = zipSync({ [DetectionName]: detectionXml, [ContentsName]: [payload, { level: 6 }] })
      const contents = centralDirectoryOffsets(zip).find((entry) => entry.name === ContentsName)
      const dataStart = (contents?.localAt ?? 0) + 30 + ContentsName.length

      const garbage = patched(zip, [[dataStart, (b, o) => b.fill(0xff, o, o + 64)]])
      const garbled = yield* readIntuneWin(yield* write(root, "garbage.intunewin", garbage))
      const garbledError = yield* Effect.flip(bytesOf(garbled.openEncryptedContent()))
      expect(garbledError._tag).toBe("IntuneWinFormatError")
      expect(garbledError.message).toMatch(/is corrupt/)

      const oversized = patched(zip, [
        [(contents?.at ?? 0) + 24, (b, o) => b.writeUInt32LE(payload.length + 100, o)]
      ])
      const longer = yield* readIntuneWin(yield* write(root, "oversized.intunewin", oversized))
      const longerError = yield* Effect.flip(bytesOf(longer.openEncryptedContent()))
      expect(longerError.message).toMatch(/inflates to \d+ bytes, not \d+/)

      const path = yield* write(root, "vanishing.intunewin", zip)
      const opened = yield* readIntuneWin(path)
      yield* Effect.promise(() => rm(path))
      const ioError = yield* Effect.flip(bytesOf(opened.openEncryptedContent()))
      expect(ioError._tag).toBe("IntuneWinIoError")
      expect((yield* Effect.flip(readIntuneWin(path)))._tag).toBe("IntuneWinIoError")
    })
  )
})

import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import fc from "fast-check"
import { packIntuneWin } from "../src/packIntuneWin.js"
import { readIntuneWin } from "../src/readIntuneWin.js"
import { verifyIntuneWin } from "../src/verifyIntuneWin.js"
import { decryptPayload, makeTempFolder, removeTempFolder, unzipToRecord, writeTree } from "./helpers.js"

const segment = fc.stringMatching(/^[a-z0-9_-]{1,8}$/)
// Directories get a prefix no file name has, so a path is never both a file and a folder.
const filePath = fc
  .tuple(
    fc.array(
      segment.map((name) => `d-${name}`),
      { maxLength: 2 }
    ),
    segment
  )
  .map(([folders, name]) => [...folders, `f-${name}`].join("/"))
const fileSet = fc.dictionary(filePath, fc.uint8Array({ maxLength: 4096 }), { minKeys: 1, maxKeys: 6 })

const roundTrip = (files: Record<string, Uint8Array>) =>
  Effect.gen(function* () {
    const root = yield* Effect.acquireRelease(
      Effect.promise(() => makeTempFolder("intunewin-prop-")),
      (folder) => Effect.promise(() => removeTempFolder(folder))
    )
    const source = join(root, "source")
    yield* Effect.promise(() => writeTree(source, files))
    const setupFile = Object.keys(files)[0] ?? ""
    const packed = yield* packIntuneWin({
      sourceFolder: source,
      setupFile,
      outputFile: join(root, "p.intunewin")
    })
    expect((yield* verifyIntuneWin(packed.outputFile))._tag).toBe("Ok")
    const opened = yield* readIntuneWin(packed.outputFile)
    const payload = Buffer.concat(
      Chunk.toReadonlyArray(yield* Stream.runCollect(opened.openEncryptedContent()))
    )
    const unpacked = unzipToRecord(decryptPayload(payload, opened.detection.encryptionInfo))
    expect(Object.keys(unpacked).sort()).toEqual(Object.keys(files).sort())
    for (const [name, content] of Object.entries(files))
      expect(Buffer.from(unpacked[name] ?? [])).toEqual(Buffer.from(content))
    expect(opened.detection.setupFile).toBe(setupFile.replace(/\//g, "\\"))
  }).pipe(Effect.scoped)

describe("packIntuneWin property", () => {
  it("round-trips random small file sets", async () => {
    await fc.assert(
      fc.asyncProperty(fileSet, (files) => Effect.runPromise(roundTrip(files))),
      { numRuns: 25 }
    )
  })
})

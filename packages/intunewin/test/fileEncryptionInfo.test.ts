import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { verifyEncryptedContent } from "../src/contentVerifier.js"
import type { DetectionInfo } from "../src/detectionInfo.js"
import {
  ContentFileCommitBody,
  toContentFileCommitBody,
  toFileEncryptionInfo
} from "../src/fileEncryptionInfo.js"
import { sampleEncryptionInfo } from "./helpers.js"

// Copied from shared/apis/examples/graph (Graph v1.0 docs' commit example).
const example: unknown = JSON.parse(
  readFileSync(
    fileURLToPath(
      new URL(
        "../../../contracts/vendor-examples/graph/mobileappcontentfile-commit.request.json",
        import.meta.url
      )
    ),
    "utf8"
  )
)

const detection: DetectionInfo = {
  toolVersion: "1.8.6.0",
  name: "setup.exe",
  unencryptedContentSize: 1,
  fileName: "IntunePackage.intunewin",
  setupFile: "setup.exe",
  encryptionInfo: sampleEncryptionInfo
}

describe("fileEncryptionInfo", () => {
  it("has the documented commit body's keys, in its order, with its @odata.type", () => {
    const documented = Schema.decodeUnknownSync(ContentFileCommitBody)(example)
    const body = toContentFileCommitBody(detection)
    expect(Object.keys(body)).toEqual(Object.keys(documented))
    expect(Object.keys(body.fileEncryptionInfo)).toEqual(Object.keys(documented.fileEncryptionInfo))
    expect(body.fileEncryptionInfo["@odata.type"]).toBe(documented.fileEncryptionInfo["@odata.type"])
  })

  it("copies every value from Detection.xml unchanged", () => {
    const { "@odata.type": _type, ...values } = toFileEncryptionInfo(detection)
    expect(values).toEqual(sampleEncryptionInfo)
  })

  it("accepts the documented placeholder values, which then fail verification instead of throwing", () => {
    const documented = Schema.decodeUnknownSync(ContentFileCommitBody)(example)
    expect(verifyEncryptedContent(new Uint8Array(64), documented.fileEncryptionInfo)._tag).toBe("MacMismatch")
  })

  it("rejects a body whose binary values are not base64", () => {
    const bad = { fileEncryptionInfo: { ...toFileEncryptionInfo(detection), mac: "%%%" } }
    expect(Schema.decodeUnknownEither(ContentFileCommitBody)(bad)._tag).toBe("Left")
  })
})

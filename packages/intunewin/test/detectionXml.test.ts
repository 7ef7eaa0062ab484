import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { DetectionInfo } from "../src/detectionInfo.js"
import { parseDetectionXml } from "../src/detectionXmlParser.js"
import { writeDetectionXml } from "../src/detectionXmlWriter.js"
import { sampleEncryptionInfo } from "./helpers.js"

const info: DetectionInfo = {
  toolVersion: "1.8.6.0",
  name: "setup.exe",
  unencryptedContentSize: 1234,
  fileName: "IntunePackage.intunewin",
  setupFile: "setup.exe",
  encryptionInfo: sampleEncryptionInfo
}

// The layout of Microsoft's tool output (see the report: svrooij/WingetIntune's IntuneMetadataTests sample).
const golden = [
  '<ApplicationInfo xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ToolVersion="1.8.6.0">',
  "  <Name>setup.exe</Name>",
  "  <UnencryptedContentSize>1234</UnencryptedContentSize>",
  "  <FileName>IntunePackage.intunewin</FileName>",
  "  <SetupFile>setup.exe</SetupFile>",
  "  <EncryptionInfo>",
  "    <EncryptionKey>AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=</EncryptionKey>",
  "    <MacKey>AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=</MacKey>",
  "    <InitializationVector>AwMDAwMDAwMDAwMDAwMDAw==</InitializationVector>",
  "    <Mac>BAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ=</Mac>",
  "    <ProfileIdentifier>ProfileVersion1</ProfileIdentifier>",
  "    <FileDigest>BQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU=</FileDigest>",
  "    <FileDigestAlgorithm>SHA256</FileDigestAlgorithm>",
  "  </EncryptionInfo>",
  "</ApplicationInfo>"
].join("\r\n")

const replace = (xml: string, element: string, value: string) =>
  xml.replace(new RegExp(`<${element}>[^<]*</${element}>`), `<${element}>${value}</${element}>`)

const failureMessage = (xml: string) =>
  Effect.map(Effect.flip(parseDetectionXml(xml)), (error) => `${error._tag}: ${error.message}`)

describe("Detection.xml", () => {
  it("is written exactly as Microsoft's tool writes it", () => {
    expect(writeDetectionXml(info)).toBe(golden)
  })

  it.effect("parses what it writes", () =>
    Effect.gen(function* () {
      expect(yield* parseDetectionXml(golden)).toEqual(info)
    })
  )

  it.effect("round-trips the optional Description and MsiInfo, and escapes text", () =>
    Effect.gen(function* () {
      const full: DetectionInfo = {
        ...info,
        name: `Tom & Jerry <"Setup"> 'x'\r\nsecond line`,
        description: "",
        setupFile: "sub\\setup.msi",
        msiInfo: {
          MsiProductCode: "{89E4C65D-96DD-435B-9BBB-EF1EAEF5B738}",
          MsiPublisher: "",
          MsiRequiresReboot: "false"
        }
      }
      const xml = writeDetectionXml(full)
      expect(xml).toContain("<Name>Tom &amp; Jerry &lt;\"Setup\"&gt; 'x'&#xD;&#xA;second line</Name>")
      expect(xml.indexOf("<Description>")).toBeGreaterThan(xml.indexOf("<Name>"))
      expect(xml.indexOf("<MsiInfo>")).toBeGreaterThan(xml.indexOf("</EncryptionInfo>"))
      expect(
        xml.split("\n").every((line, index, lines) => index === lines.length - 1 || line.endsWith("\r"))
      ).toBe(true)
      expect(yield* parseDetectionXml(xml)).toEqual(full)
    })
  )

  it.effect("accepts a byte order mark, an XML declaration, LF line breaks and unknown elements", () =>
    Effect.gen(function* () {
      const relaxed = `\uFEFF<?xml version="1.0" encoding="utf-8"?>\n${golden.replace(/\r\n/g, "\n").replace("</ApplicationInfo>", "  <Future>1</Future>\n</ApplicationInfo>")}`
      expect(yield* parseDetectionXml(relaxed)).toEqual(info)
    })
  )

  it.effect("defaults a missing ToolVersion to empty", () =>
    Effect.gen(function* () {
      const parsed = yield* parseDetectionXml(golden.replace(' ToolVersion="1.8.6.0"', ""))
      expect(parsed.toolVersion).toBe("")
    })
  )

  it.effect("names the cause of a bad document", () =>
    Effect.gen(function* () {
      expect(yield* failureMessage("<ApplicationInfo><Name></ApplicationInfo>")).toMatch(
        /^IntuneWinFormatError: Detection.xml: not well-formed XML/
      )
      expect(yield* failureMessage(replace(golden, "MacKey", "not base64!"))).toMatch(
        /MacKey[\s\S]*not valid base64/
      )
      expect(yield* failureMessage(replace(golden, "InitializationVector", "AAAA"))).toMatch(
        /InitializationVector[\s\S]*must decode to 16 bytes, not 3/
      )
      expect(yield* failureMessage(replace(golden, "UnencryptedContentSize", "lots"))).toMatch(
        /UnencryptedContentSize/
      )
      expect(yield* failureMessage(golden.replace(/\s*<SetupFile>.*<\/SetupFile>/, ""))).toMatch(
        /SetupFile[\s\S]*missing/
      )
      expect(yield* failureMessage("<Other/>")).toMatch(/ApplicationInfo/)
      expect(yield* failureMessage(`<a>${"x".repeat(1024 * 1024)}</a>`)).toMatch(/too large/)
    })
  )

  it("has a schema for carrying DetectionInfo as data, with the same checks", () => {
    expect(Schema.decodeUnknownSync(DetectionInfo)(JSON.parse(JSON.stringify(info)))).toEqual(info)
    const bad = { ...info, encryptionInfo: { ...info.encryptionInfo, macKey: "AAAA" } }
    expect(Schema.decodeUnknownEither(DetectionInfo)(bad)._tag).toBe("Left")
  })
})

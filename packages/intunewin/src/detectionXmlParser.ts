import { Effect, ParseResult, Schema } from "effect"
import { XMLParser, XMLValidator } from "fast-xml-parser"
import { Base64Bytes } from "./base64.js"
import { DigestLength, IvLength, KeyLength, MacLength } from "./constants.js"
import type { DetectionInfo } from "./detectionInfo.js"
import { IntuneWinFormatError } from "./errors.js"

// Detection.xml is a few hundred bytes; anything far bigger is not one (and not worth parsing).
const MaxDetectionXmlLength = 1024 * 1024

// The parsed document, under the XML's own names so a validation message points at the element.
const DetectionDocument = Schema.Struct({
  ApplicationInfo: Schema.Struct({
    "@_ToolVersion": Schema.optionalWith(Schema.String, { default: () => "" }),
    Name: Schema.String,
    Description: Schema.optional(Schema.String),
    UnencryptedContentSize: Schema.NumberFromString.pipe(Schema.int(), Schema.nonNegative()),
    FileName: Schema.NonEmptyString,
    SetupFile: Schema.NonEmptyString,
    EncryptionInfo: Schema.Struct({
      EncryptionKey: Base64Bytes(KeyLength),
      MacKey: Base64Bytes(KeyLength),
      InitializationVector: Base64Bytes(IvLength),
      Mac: Base64Bytes(MacLength),
      ProfileIdentifier: Schema.NonEmptyString,
      FileDigest: Base64Bytes(DigestLength),
      FileDigestAlgorithm: Schema.NonEmptyString
    }),
    MsiInfo: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
  })
})

// Every value stays text (no number or boolean guessing); entities, including &#xA;, are decoded.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true
})

const formatError = (message: string) => new IntuneWinFormatError({ message: `Detection.xml: ${message}` })

/** Parses and validates a Detection.xml; a malformed document or value fails with IntuneWinFormatError. */
export const parseDetectionXml = (xml: string): Effect.Effect<DetectionInfo, IntuneWinFormatError> =>
  Effect.gen(function* () {
    if (xml.length > MaxDetectionXmlLength) {
      return yield* formatError(`${xml.length} characters is too large to be a Detection.xml`)
    }
    const text = xml.replace(/^\uFEFF/, "")
    const validation = XMLValidator.validate(text)
    if (validation !== true) {
      const { msg, line } = validation.err
      return yield* formatError(`not well-formed XML (line ${line}): ${msg}`)
    }
    const parsed: unknown = yield* Effect.try({
      try: () => parser.parse(text),
      catch: (cause) => formatError(`not well-formed XML: ${String(cause)}`)
    })
    const document = yield* Schema.decodeUnknown(DetectionDocument)(parsed).pipe(
      Effect.mapError((error) => formatError(ParseResult.TreeFormatter.formatErrorSync(error)))
    )
    const app = document.ApplicationInfo
    const encryption = app.EncryptionInfo
    return {
      toolVersion: app["@_ToolVersion"],
      name: app.Name,
      ...(app.Description === undefined ? {} : { description: app.Description }),
      unencryptedContentSize: app.UnencryptedContentSize,
      fileName: app.FileName,
      setupFile: app.SetupFile,
      encryptionInfo: {
        encryptionKey: encryption.EncryptionKey,
        macKey: encryption.MacKey,
        initializationVector: encryption.InitializationVector,
        mac: encryption.Mac,
        profileIdentifier: encryption.ProfileIdentifier,
        fileDigest: encryption.FileDigest,
        fileDigestAlgorithm: encryption.FileDigestAlgorithm
      },
      ...(app.MsiInfo === undefined ? {} : { msiInfo: app.MsiInfo })
    }
  })

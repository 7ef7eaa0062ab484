import { XMLBuilder } from "fast-xml-parser"
import type { DetectionInfo } from "./detectionInfo.js"

// .NET's XmlSerializer escapes only &, < and > in text; CR and LF become character references so the
// document's own line breaks (CRLF, XmlWriterSettings' default) stay the only raw ones.
const escapeText = (value: string): string =>
  value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#xD;")
    .replace(/\n/g, "&#xA;")

const escapeAttribute = (value: string): string => escapeText(value).replace(/"/g, "&quot;")

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  format: true,
  indentBy: "  ",
  processEntities: false,
  suppressEmptyNode: false,
  tagValueProcessor: (_name, value) => escapeText(String(value)),
  attributeValueProcessor: (_name, value) => escapeAttribute(String(value))
})

/**
 * Detection.xml as Microsoft's Win32 Content Prep Tool writes it: no XML declaration, the two
 * XmlSerializer namespace declarations, two-space indent, CRLF line breaks, elements in its order.
 */
export const writeDetectionXml = (info: DetectionInfo): string => {
  const encryption = info.encryptionInfo
  // Key order is element order: it must match the tool's (Name, [Description], UnencryptedContentSize, ...).
  const applicationInfo = {
    "@_xmlns:xsd": "http://www.w3.org/2001/XMLSchema",
    "@_xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "@_ToolVersion": info.toolVersion,
    Name: info.name,
    ...(info.description === undefined ? {} : { Description: info.description }),
    UnencryptedContentSize: String(info.unencryptedContentSize),
    FileName: info.fileName,
    SetupFile: info.setupFile,
    EncryptionInfo: {
      EncryptionKey: encryption.encryptionKey,
      MacKey: encryption.macKey,
      InitializationVector: encryption.initializationVector,
      Mac: encryption.mac,
      ProfileIdentifier: encryption.profileIdentifier,
      FileDigest: encryption.fileDigest,
      FileDigestAlgorithm: encryption.fileDigestAlgorithm
    },
    ...(info.msiInfo === undefined ? {} : { MsiInfo: { ...info.msiInfo } })
  }
  const xml: string = builder.build({ ApplicationInfo: applicationInfo })
  return xml.trimEnd().replace(/\n/g, "\r\n")
}

import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import { intentKey } from "@planes/core"
import { golden } from "@planes/core/testing"
import { parseSdmPackageXml } from "@planes/sim-sccm"
import { detectionFor, splitRegistryPath } from "../../src/mapping/detection.js"
import { guidFor } from "../../src/mapping/guid.js"
import { describeWithKey, keyIn } from "../../src/mapping/keyText.js"
import { contentFolder, sdmPackageXml } from "../../src/mapping/sdmPackageXml.js"
import { packageIntent } from "../support/intents.js"

const goldenFile = (name: string) => fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url))
const context = {
  siteId: "{11111111-2222-3333-4444-555555555555}",
  contentLocation: "\\\\cm01\\sources$\\Contoso Widget\\1.2.3"
}

const mapped = (intent = packageIntent()) => {
  const result = sdmPackageXml(intent, intentKey(intent), context)
  if (result._tag === "Problem") throw new Error(JSON.stringify(result.problem))
  return result.value
}

// Pretty-printed one element per line, so a golden diff shows what changed.
const pretty = (xml: string) => xml.replace(/></g, ">\n<")

describe("the SDMPackageXML mapping", () => {
  it("an MSI + registry detection intent (enhanced detection method)", () => {
    const { expected, actual } = golden(goldenFile("sdmPackageXml.enhanced.xml"), pretty(mapped().xml))
    expect(actual).toBe(expected)
  })

  it("a script detection intent, run as user, with its own return codes", () => {
    const intent = packageIntent("3.0.0", {
      detection: [{ _tag: "script", script: "if (Test-Path 'C:\\Widget') { 'found' }", runAs32Bit: true }],
      runAs: "user",
      restart: "suppress",
      architecture: "x86",
      returnCodes: [
        { code: 0, type: "success" },
        { code: 3010, type: "softReboot" },
        { code: 5, type: "failed" }
      ],
      description: undefined
    })
    const { expected, actual } = golden(goldenFile("sdmPackageXml.script.xml"), pretty(mapped(intent).xml))
    expect(actual).toBe(expected)
  })

  it("is deterministic, carries the key, and passes the simulator's SMS Provider validation", () => {
    const intent = packageIntent()
    const a = mapped(intent)
    expect(mapped(packageIntent()).xml).toBe(a.xml)
    expect(keyIn(a.xml)).toBe(intentKey(intent))
    const parsed = parseSdmPackageXml(a.xml)
    expect(parsed).toMatchObject({
      ok: true,
      app: { title: "Contoso Widget 1.2.3", publisher: "Contoso Ltd", softwareVersion: "1.2.3" }
    })
    if (parsed.ok) expect(keyIn(parsed.app.description)).toBe(intentKey(intent))
    expect(a.modelName).toBe(
      `ScopeId_11111111-2222-3333-4444-555555555555/Application_${guidFor(intentKey(intent), "application")}`
    )
  })

  it("refuses what Configuration Manager cannot express", () => {
    const mac = packageIntent("1.0.0", { platform: "macos" })
    expect(sdmPackageXml(mac, intentKey(mac), context)).toMatchObject({
      _tag: "Problem",
      problem: { _tag: "NotWindows" }
    })
    const mixed = packageIntent("1.0.0", {
      detection: [
        { _tag: "file", path: "C:\\Widget", name: "widget.exe", check: "exists" },
        { _tag: "script", script: "exit 0" }
      ]
    })
    expect(sdmPackageXml(mixed, intentKey(mixed), context)).toMatchObject({
      _tag: "Problem",
      problem: { _tag: "UnsupportedDetection", problems: [{ index: 1 }] }
    })
  })
})

describe("detection rules", () => {
  const scope = { authoringScopeId: "ScopeId_X", deploymentTypeName: "DeploymentType_Y" }
  it("expresses files, registry values and MSI codes, all required", () => {
    const result = detectionFor(
      [
        { _tag: "file", path: "%ProgramFiles%\\Widget", name: "widget.exe", check: "exists" },
        {
          _tag: "file",
          path: "%ProgramFiles%\\Widget",
          name: "widget.exe",
          check: "version",
          operator: "lessThan",
          value: "9"
        },
        { _tag: "registry", keyPath: "HKEY_CURRENT_USER\\Software\\W", check: "exists" },
        {
          _tag: "registry",
          keyPath: "HKU\\S-1-5-18\\W",
          valueName: "N",
          check: "integer",
          operator: "equal",
          value: "1"
        },
        { _tag: "msi", productCode: "{12345678-1234-1234-1234-123456789ABC}" }
      ],
      "pl1-aaaaaaaaaaaaaaaaaaaa",
      scope
    )
    expect(result._tag).toBe("Enhanced")
    if (result._tag !== "Enhanced") return
    expect(result.methodBody).toContain("<Operator>And</Operator>")
    expect(result.methodBody).toContain('Hive="HKEY_CURRENT_USER"')
    expect(result.methodBody).toContain('Hive="HKEY_USERS"')
    expect(result.methodBody).toContain("<Operator>LessThan</Operator>")
    expect(result.methodBody).toContain('DataType="Int64"')
  })

  it("names every rule it cannot express", () => {
    const result = detectionFor(
      [
        { _tag: "file", path: "C:\\W", name: "w.exe", check: "version" },
        { _tag: "registry", keyPath: "HKXX\\Software", check: "exists" },
        { _tag: "registry", keyPath: "HKLM\\Software", check: "string" },
        { _tag: "package", packageName: "widget" }
      ],
      "pl1-aaaaaaaaaaaaaaaaaaaa",
      scope
    )
    expect(result).toMatchObject({ _tag: "Problems" })
    if (result._tag === "Problems") expect(result.problems.map((p) => p.index)).toEqual([0, 1, 2, 3])
    expect(splitRegistryPath("HKLM\\SOFTWARE\\Contoso")).toEqual({
      hive: "HKEY_LOCAL_MACHINE",
      key: "SOFTWARE\\Contoso"
    })
  })
})

describe("names and text", () => {
  it("derives GUIDs from the key and purpose", () => {
    const guid = guidFor("pl1-aaaaaaaaaaaaaaaaaaaa", "application")
    expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(guidFor("pl1-aaaaaaaaaaaaaaaaaaaa", "content")).not.toBe(guid)
  })

  it("keeps the key line within the field's length", () => {
    const key = "pl1-aaaaaaaaaaaaaaaaaaaa"
    expect(describeWithKey(key, undefined, 100)).toBe(`[planes key ${key}]`)
    const long = describeWithKey(key, "x".repeat(500), 100)
    expect(long.length).toBeLessThanOrEqual(100)
    expect(keyIn(long)).toBe(key)
  })

  it("puts content under <share>\\<name>\\<version>", () => {
    expect(contentFolder("\\\\cm01\\src$\\", packageIntent("1.0.0", { name: "A/B: C" }))).toBe(
      "\\\\cm01\\src$\\A_B_ C\\1.0.0"
    )
  })
})

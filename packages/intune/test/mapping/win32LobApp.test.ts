import { fileURLToPath } from "node:url"
import { intentKey } from "@planes/core"
import { golden } from "@planes/core/testing"
import { describe, expect, it } from "vitest"
import { readAppNotes } from "../../src/mapping/appNotes.js"
import { win32LobAppBody } from "../../src/mapping/win32LobApp.js"
import { windowsRelease } from "../../src/mapping/windowsRelease.js"
import { decodePackage, packageInput, packageIntent } from "../fixtures.js"

const goldenFile = (name: string) => fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url))
const content = { fileName: "IntunePackage.intunewin", setupFile: "7z2408-x64.msi" }
const key = intentKey(packageIntent)

describe("win32LobApp mapping", () => {
  it.each(["v1.0", "beta"] as const)("maps the intent to the %s create body (golden)", (api) => {
    const result = win32LobAppBody(packageIntent, key, content, api)
    if (result._tag !== "Ok") throw new Error(`unexpected ${result._tag}`)
    const { expected, actual } = golden(goldenFile(`win32LobApp.${api}.json`), result.body)
    expect(actual).toBe(expected)
  })

  it("is deterministic: the same intent gives the same body", () => {
    const again = win32LobAppBody(decodePackage(structuredClone(packageInput)), key, content, "v1.0")
    expect(JSON.stringify(again)).toBe(JSON.stringify(win32LobAppBody(packageIntent, key, content, "v1.0")))
  })

  it("keeps the key and version in notes, where a retry and a rollback read them back", () => {
    const result = win32LobAppBody(packageIntent, key, content, "v1.0")
    if (result._tag !== "Ok") throw new Error("unexpected problem")
    expect(readAppNotes(result.body.notes)).toEqual({ key, name: "7-Zip", version: "24.08" })
    expect(readAppNotes("hand-written notes")).toBeUndefined()
    expect(readAppNotes(null)).toBeUndefined()
    expect(readAppNotes(`key=${key}; version=%E0%A4%A`)).toEqual({
      key,
      name: undefined,
      version: "%E0%A4%A"
    })
  })

  it("fills defaults: Windows Installer return codes, the oldest release, both architectures", () => {
    const minimal = decodePackage({
      ...packageInput,
      architecture: "neutral",
      detection: [{ _tag: "msi", productCode: "{23170F69-40C1-2702-2408-000001000000}" }]
    })
    const { returnCodes: _r, minimumOsVersion: _m, description: _d, ...rest } = minimal
    const result = win32LobAppBody(rest, key, content, "v1.0")
    if (result._tag !== "Ok") throw new Error("unexpected problem")
    expect(result.body.returnCodes).toHaveLength(5)
    expect(result.body.minimumSupportedWindowsRelease).toBe("1607")
    expect(result.body.applicableArchitectures).toBe("x86,x64")
    expect(result.body.description).toBe("7-Zip")
    expect(result.body.msiInformation).toMatchObject({ productVersion: "24.08" })
  })

  it("refuses intents Intune's Win32 apps cannot express", () => {
    const mac = win32LobAppBody(decodePackage({ ...packageInput, platform: "macos" }), key, content, "v1.0")
    expect(mac).toEqual({ _tag: "Problem", problem: { _tag: "NotWindows", platform: "macos" } })
    const dpkg = win32LobAppBody(
      decodePackage({ ...packageInput, detection: [{ _tag: "package", packageName: "p7zip" }] }),
      key,
      content,
      "v1.0"
    )
    expect(dpkg._tag === "Problem" && dpkg.problem._tag).toBe("UnsupportedDetection")
  })

  it.each([
    [undefined, "1607"],
    ["10.0.19045", "22H2"],
    ["19042", "2H20"],
    ["10.0.22631", "22H2"],
    ["21H2", "21H2"],
    ["10.0.10240", "1607"],
    ["ten", "1607"]
  ])("reads minimum OS %s as release %s", (input, release) => {
    expect(windowsRelease(input)).toBe(release)
  })
})

import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { applySettingsPatch, defaultGraphSettings } from "../src/config/settings.js"
import { verifyUpload } from "../src/content/verifyUpload.js"
import { lastSyncAt } from "../src/fleet/fleetIndex.js"
import { failureCodes, hexErrorCode, installStatus } from "../src/fleet/installProgress.js"
import { generateFleet } from "../src/index.js"
import { evaluateFilter, jsonSubject } from "../src/odata/filterEval.js"
import { parseFilter, tokenize } from "../src/odata/filterParser.js"
import { isValidBlockId, parseBlockList } from "../src/storage/blockList.js"
import { encryptPayload } from "./support/payload.js"

const subject = (entity: Record<string, unknown>) => jsonSubject(entity, new Map())
const holds = (filter: string, entity: Record<string, unknown>) =>
  evaluateFilter(parseFilter(filter), subject(entity))

describe("$filter parser and evaluator", () => {
  it("parses strings with doubled quotes, numbers, keywords and paths", () => {
    expect(tokenize("a eq 'O''Brien'")).toEqual([
      { kind: "word", value: "a" },
      { kind: "word", value: "eq" },
      { kind: "string", value: "O'Brien" }
    ])
    expect(holds("size gt 3 and size le 4.5", { size: 4 })).toBe(true)
    expect(holds("size lt 3 or size ge 10", { size: 4 })).toBe(false)
    expect(holds("flag eq true and other eq null", { flag: true })).toBe(true)
    expect(holds("flag ne false", { flag: true })).toBe(true)
    expect(holds("msi/productCode eq 'X'", { msi: { productCode: "X" } })).toBe(true)
    expect(holds("msi/productCode eq 'X'", { msi: null })).toBe(false)
    expect(holds("endswith(name,'zip')", { name: "7zip" })).toBe(true)
    expect(holds("startswith(size,'1')", { size: 1 })).toBe(false)
    expect(holds("name gt 'a'", { name: "b" })).toBe(true)
    expect(holds("name gt 1", { name: "b" })).toBe(false)
  })

  it("rejects malformed filters", () => {
    for (const bad of [
      "",
      "a eq",
      "a 'x'",
      "(a eq 'x'",
      "a eq 'x')",
      "foo(a)",
      "a eq 'x",
      "a eq #",
      "a eq ,",
      "isof('a','b')",
      "startswith(a)",
      "isof(a)"
    ]) {
      expect(() => evaluateFilter(parseFilter(bad), subject({ a: "x" })), bad).toThrow()
    }
  })

  it("round-trips any string through OData quoting", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(holds(`v eq '${s.replace(/'/g, "''")}'`, { v: s })).toBe(true)
      })
    )
  })
})

describe("install progress", () => {
  const base = {
    seed: 1,
    appId: "app",
    deviceId: "dev",
    online: true,
    intent: "required" as const,
    assignedAtMs: 0,
    syncs: [] as number[],
    settings: {
      ...defaultGraphSettings,
      installMinDelayMs: 100,
      installMaxDelayMs: 100,
      installFailureRate: 0
    }
  }

  it("is pending until the attempt ends, then installed", () => {
    expect(installStatus({ ...base, nowMs: 99 }).state).toBe("pendingInstall")
    expect(installStatus({ ...base, nowMs: 100 })).toMatchObject({ state: "installed", lastModifiedMs: 100 })
  })

  it("ignores syncs before assignment or in the future, and syncs after success", () => {
    expect(installStatus({ ...base, syncs: [-5, 500], nowMs: 99 }).state).toBe("pendingInstall")
    expect(installStatus({ ...base, syncs: [200], nowMs: 300 }).lastModifiedMs).toBe(100)
  })

  it("formats error codes as Intune's hex", () => {
    expect(hexErrorCode(-2147023293)).toBe("0x80070643")
    expect(hexErrorCode(0)).toBe("0x00000000")
    expect(failureCodes.length).toBeGreaterThan(0)
  })
})

describe("fleet generator", () => {
  it("is reproducible from its seed and seeds three groups", () => {
    const a = generateFleet({ seed: 5, count: 50, nowMs: 0 })
    const b = generateFleet({ seed: 5, count: 50, nowMs: 0 })
    expect(a).toEqual(b)
    expect(generateFleet({ seed: 6, count: 50, nowMs: 0 }).devices[0]?.id).not.toBe(a.devices[0]?.id)
    expect(Object.values(a.groups).map((g) => g.members.length)).toEqual([50, 3, 13])
    const device = a.devices[0]
    if (device === undefined) throw new Error("no device")
    expect(lastSyncAt(device, [], device.baseSyncAtMs + 3 * device.checkInIntervalMs + 5)).toBe(
      device.baseSyncAtMs + 3 * device.checkInIntervalMs
    )
    expect(
      lastSyncAt({ ...device, online: false }, [device.baseSyncAtMs + 10], device.baseSyncAtMs + 20)
    ).toBe(device.baseSyncAtMs)
  })
})

describe("upload verifier", () => {
  it("accepts a correct payload and names each kind of damage", () => {
    const { bytes, info } = encryptPayload()
    expect(verifyUpload(bytes, info, bytes.length)).toEqual({ ok: true })
    const reason = (b: Uint8Array | null, i = info, size = bytes.length) => {
      const v = verifyUpload(b, i, size)
      return v.ok ? "ok" : v.reason
    }
    expect(reason(null)).toContain("no blob")
    expect(reason(bytes.subarray(0, 40), info, 40)).toContain("cannot be MAC(32) || IV(16)")
    expect(reason(bytes, { ...info, mac: Buffer.alloc(32).toString("base64") })).toContain("declared mac")
    expect(reason(bytes, { ...info, initializationVector: Buffer.alloc(16).toString("base64") })).toContain(
      "initializationVector"
    )
    expect(reason(bytes, { ...info, fileDigestAlgorithm: "MD5" })).toContain("fileDigestAlgorithm")
    expect(reason(bytes, { ...info, encryptionKey: Buffer.alloc(3).toString("base64") })).toContain(
      "cannot decrypt"
    )
    expect(reason(bytes, { ...info, fileDigest: "AAAA" })).toContain("fileDigest")
  })
})

describe("small helpers", () => {
  it("parses block lists and checks block ids", () => {
    expect(
      parseBlockList(
        '\uFEFF<?xml version="1.0"?><BlockList><Latest>QQ==</Latest><Committed>Qg==</Committed></BlockList>'
      )
    ).toEqual([
      { kind: "Latest", id: "QQ==" },
      { kind: "Committed", id: "Qg==" }
    ])
    expect(isValidBlockId("QQ==")).toBe(true)
    expect(isValidBlockId("QQ=")).toBe(false)
    expect(isValidBlockId(Buffer.alloc(65).toString("base64"))).toBe(false)
  })

  it("keeps delay windows ordered when patching settings", () => {
    const s = applySettingsPatch(defaultGraphSettings, {
      installMinDelayMs: 10_000_000,
      exportStartDelayMs: 99_000
    })
    expect(s.installMaxDelayMs).toBe(10_000_000)
    expect(s.exportCompleteDelayMs).toBe(99_000)
  })
})

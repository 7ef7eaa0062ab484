import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import {
  canonicalJson,
  decodeAssignmentIntent,
  decodePackageIntent,
  findKey,
  intentKey,
  keyOf
} from "../../src/index.js"
import { assignmentInput, packageInput } from "../fixtures.js"

const context = { operation: "test", correlationId: "c" }
const decodePackage = (input: unknown) => Effect.runSync(decodePackageIntent(input, context))

// Reverses key order at every level, to prove the key does not depend on it.
const reorder = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reorder)
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reorder(v)])
    )
  }
  return value
}

describe("intentKey", () => {
  it("has golden values that never change across runs and machines", () => {
    expect(intentKey(decodePackage(packageInput))).toBe(GOLDEN_PACKAGE_KEY)
    expect(intentKey(Effect.runSync(decodeAssignmentIntent(assignmentInput, context)))).toBe(
      GOLDEN_ASSIGNMENT_KEY
    )
    expect(keyOf("package", { a: 1 })).toBe(GOLDEN_SMALL_KEY)
  })

  it("is short and printable", () => {
    expect(intentKey(decodePackage(packageInput))).toMatch(/^pl1-[a-z2-7]{20}$/)
  })

  it("is stable under key reordering and value normalisation", () => {
    const base = intentKey(decodePackage(packageInput))
    expect(intentKey(decodePackage(reorder(packageInput)))).toBe(base)
    const noisy = {
      ...packageInput,
      name: ` ${packageInput.name}\t`,
      artifact: { ...packageInput.artifact, sha256: packageInput.artifact.sha256.toUpperCase() }
    }
    expect(intentKey(decodePackage(noisy))).toBe(base)
    // Defaults count as given: omitting them or spelling them out is the same intent.
    expect(intentKey(decodePackage({ ...packageInput, runAs: "system", restart: "basedOnReturnCode" }))).toBe(
      base
    )
  })

  it("changes when any meaningful field changes", () => {
    const base = intentKey(decodePackage(packageInput))
    const changes: ReadonlyArray<(i: typeof packageInput) => unknown> = [
      (i) => ({ ...i, name: "8-Zip" }),
      (i) => ({ ...i, version: "24.09" }),
      (i) => ({ ...i, publisher: "Someone" }),
      (i) => ({ ...i, description: "Other" }),
      (i) => ({ ...i, platform: "macos" }),
      (i) => ({ ...i, architecture: "arm64" }),
      (i) => ({ ...i, minimumOsVersion: "11" }),
      (i) => ({ ...i, artifact: { ...i.artifact, location: "https://elsewhere.example.test/a" } }),
      (i) => ({ ...i, artifact: { ...i.artifact, sha256: "0".repeat(64) } }),
      (i) => ({ ...i, artifact: { ...i.artifact, size: 2 } }),
      (i) => ({ ...i, artifact: { ...i.artifact, fileName: "b.intunewin" } }),
      (i) => ({ ...i, installCommand: "setup.exe /S" }),
      (i) => ({ ...i, uninstallCommand: "uninstall.exe /S" }),
      (i) => ({ ...i, detection: [{ _tag: "file", path: "C:\\x", name: "y.exe", check: "exists" }] }),
      (i) => ({ ...i, returnCodes: [] }),
      (i) => ({ ...i, runAs: "user" }),
      (i) => ({ ...i, restart: "suppress" }),
      (i) => ({ ...i, hints: { intune: { category: "Utilities" } } })
    ]
    const keys = changes.map((change) => intentKey(decodePackage(change(packageInput))))
    for (const key of keys) expect(key).not.toBe(base)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it("never gives a package and an assignment the same key for the same content", () => {
    expect(keyOf("package", { x: 1 })).not.toBe(keyOf("assignment", { x: 1 }))
  })

  it("finds a key in free text", () => {
    const key = intentKey(decodePackage(packageInput))
    expect(findKey(`Managed by planes. key=${key}.`)).toBe(key)
    expect(findKey("no key here")).toBeUndefined()
    expect(findKey(undefined)).toBeUndefined()
  })
})

describe("canonicalJson", () => {
  it("sorts keys, drops undefined, normalises strings and -0", () => {
    expect(canonicalJson({ b: 1, a: [true, null, undefined], c: undefined, d: "e\u0301", z: -0 })).toBe(
      '{"a":[true,null,null],"b":1,"d":"é","z":0}'
    )
  })

  it("refuses values JSON cannot hold", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError)
    expect(() => canonicalJson(() => 1)).toThrow(TypeError)
    expect(() => canonicalJson(BigInt(1))).toThrow(TypeError)
  })
})

const GOLDEN_PACKAGE_KEY = "pl1-uyhp6az6xkoc6tvfbzhz"
const GOLDEN_ASSIGNMENT_KEY = "pl1-quzymmtfrutjf4ynqkgf"
// Cross-checked with Python: base64.b32encode(sha256(b"pl1\npackage\n{\"a\":1}")).lower()[:20]
const GOLDEN_SMALL_KEY = "pl1-hqzln3727l2dlm5cjecm"

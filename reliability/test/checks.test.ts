import { describe, expect, it } from "vitest"
import { formsOf } from "../src/chaos/canaries.js"
import { scanForCanaries } from "../src/chaos/canaryScan.js"
import { collectionsIn, twinsIn } from "../src/chaos/duplicates.js"
import { journalFigures } from "../src/chaos/journal.js"
import { planRun } from "../src/chaos/mix.js"

// The run's own checks, on planted evidence: a check that cannot see a leak or a twin proves nothing.

const canary = { name: "Jamf password", value: "CANARYJamfPassword0123456789abcdef/+=" }

describe("the canary scan", () => {
  it("finds a canary as is, base64, base64url and URL-encoded, and nothing in clean text", () => {
    const forms = formsOf(canary.value)
    expect(forms.length).toBeGreaterThanOrEqual(3)
    const captured = forms.map((form, i) => ({
      source: `log ${i}`,
      text: `level=debug msg="x" value=${form} end`
    }))
    const findings = scanForCanaries([...captured, { source: "clean", text: "nothing to see" }], [canary])
    expect(new Set(findings.map((f) => f.source))).toEqual(new Set(captured.map((c) => c.source)))
    expect(findings.every((f) => !f.context.includes(canary.value))).toBe(true)
  })
})

describe("the duplicate check", () => {
  it("flags two objects of one collection carrying the same key, not one object per key", () => {
    const key = "pl1-abcdefghijklmnopqrst"
    const other = "pl1-bbcdefghijklmnopqrst"
    const state = {
      apps: {
        t: {
          apps: [
            { id: 1, notes: `x ${key}` },
            { id: 2, notes: `[planes key ${key}]` },
            { id: 3, notes: other }
          ]
        }
      }
    }
    const twins = twinsIn(collectionsIn(state, "", new Map()))
    expect(twins).toEqual([{ path: "apps.t.apps", key, count: 2 }])
  })
})

describe("journal figures", () => {
  const entry = (seq: number, status: number | null, extra: Record<string, unknown> = {}) => ({
    seq,
    at: "",
    atMs: seq,
    method: "POST",
    path: "/x",
    query: "",
    status,
    tenant: "t",
    client: "c",
    correlationId: "c1",
    requestId: String(seq),
    faults: [],
    throttled: false,
    earlyRetry: false,
    matched: true,
    durationMs: 1,
    ...extra
  })
  it("counts a request repeating a failed one as a retry, and early arrivals as the journal marks them", () => {
    const figures = journalFigures([
      entry(1, 503, { faults: [{ ruleId: "r", kind: "http" }] }),
      entry(2, 200, { earlyRetry: true }),
      entry(3, 200)
    ])
    expect(figures).toEqual({ requests: 3, faults: 1, retries: 1, earlyAtPlane: 1 })
  })
})

describe("the operation mix", () => {
  it("is the same for the same seed and different for another", () => {
    const targets = [
      { name: "a", plane: "intune" as const },
      { name: "b", plane: "jamf" as const }
    ]
    const flat = (seed: number) => [...planRun(seed, 50, targets).lanes.values()].flat()
    expect(flat(7)).toEqual(flat(7))
    expect(flat(7)).not.toEqual(flat(8))
    expect(flat(7)).toHaveLength(50)
  })
})

import { describe, expect, it, vi } from "@effect/vitest"
// effect derives arbitraries with its own bundled fast-check, so this suite uses that copy throughout.
import { Arbitrary, Effect, Exit, FastCheck as fc, Schema } from "effect"
import {
  AssignmentIntent,
  canonicalJson,
  decodeAssignmentIntent,
  decodePackageIntent,
  intentKey,
  keyOf,
  PackageIntent,
  PermanentError
} from "../../src/index.js"
import {
  breathe,
  brokenTexts,
  formatJsonPath,
  fuzzRuns,
  fuzzTimeout,
  jsonMutations
} from "../../src/testing/index.js"
import { assignmentInput, packageInput } from "../fixtures.js"

// Properties run 500 cases in `npm test` and 10,000 in `npm run fuzz`: the timeout grows with them.
vi.setConfig({ testTimeout: fuzzTimeout(100) })

const context = { operation: "fuzz", correlationId: "c-fuzz" }
const runs = { numRuns: fuzzRuns() }

type Decoder = (
  input: unknown,
  context: { readonly operation: string; readonly correlationId: string }
) => Effect.Effect<unknown, PermanentError>

// Runs a decode to its Exit: a defect (a throw, a die) is a failed property, not a caught error.
const decodeExit = (decode: Decoder, input: unknown) => Effect.runSyncExit(decode(input, context))

// The issue paths of a refused input; fails the property when decoding died instead of refusing.
const refusal = (decode: Decoder, input: unknown): ReadonlyArray<string> | undefined => {
  const exit = decodeExit(decode, input)
  if (Exit.isSuccess(exit)) {
    // Whatever decodes must also key: a throw in intentKey would be a defect at the first adapter call.
    intentKey(exit.value as PackageIntent)
    return undefined
  }
  if (exit.cause._tag !== "Fail")
    throw new Error(`decode did not fail with a typed error: ${exit.cause._tag}`)
  const error = exit.cause.error
  expect(error).toBeInstanceOf(PermanentError)
  expect(error.code).toBe("InvalidInput")
  expect(error.issues?.length).toBeGreaterThan(0)
  return (error.issues ?? []).map((issue) => issue.path)
}

// An issue is about the mutated field when one path contains the other (a union names the tag inside).
const related = (issuePath: string, mutated: string) =>
  issuePath === mutated ||
  issuePath.startsWith(`${mutated}.`) ||
  issuePath.startsWith(`${mutated}[`) ||
  mutated.startsWith(`${issuePath}.`) ||
  mutated.startsWith(`${issuePath}[`)

// effect derives an Instant as any string (its Type side), so valid assignments get a real schedule here.
const instant = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString())
const schedule = fc
  .record(
    { start: instant, deadline: instant, spreadMinutes: fc.integer({ min: 0, max: 10_080 }) },
    { requiredKeys: [] }
  )
  .map((s) =>
    s.start !== undefined && s.deadline !== undefined && s.deadline < s.start
      ? { ...s, start: s.deadline, deadline: s.start }
      : s
  )
const validAssignments: fc.Arbitrary<AssignmentIntent> = fc
  .tuple(Arbitrary.make(AssignmentIntent), fc.option(schedule, { nil: undefined }))
  .map(([{ schedule: _, ...rest }, s]) => (s === undefined ? rest : { ...rest, schedule: s }))

const cases = [
  {
    name: "package intent",
    decode: decodePackageIntent,
    base: packageInput,
    schema: PackageIntent,
    valid: Arbitrary.make(PackageIntent) as fc.Arbitrary<unknown>
  },
  {
    name: "assignment intent",
    decode: decodeAssignmentIntent,
    base: assignmentInput,
    schema: AssignmentIntent,
    valid: validAssignments
  }
] as const

describe.each(cases)("$name decoding (property)", ({ decode, base, schema, valid }) => {
  const mutations = jsonMutations(base)

  it("refuses a mutated field with a typed error naming that field, or accepts it and round-trips", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...mutations), async (mutation) => {
        await breathe()
        const input = mutation.apply(base)
        const paths = refusal(decode, input)
        if (paths === undefined) return
        const mutated = formatJsonPath(mutation.path)
        for (const path of paths) expect(related(path, mutated), `${path} vs ${mutated}`).toBe(true)
      }),
      runs
    )
  })

  it("names every mutated field when several are broken at once", async () => {
    const distinctTop = fc.uniqueArray(fc.constantFrom(...mutations), {
      minLength: 2,
      maxLength: 4,
      selector: (m) => String(m.path[0])
    })
    await fc.assert(
      fc.asyncProperty(distinctTop, async (chosen) => {
        await breathe()
        const input = chosen.reduce<unknown>((value, mutation) => mutation.apply(value), base)
        const paths = refusal(decode, input) ?? []
        // Each mutation that the schema refuses on its own must still be named when combined.
        for (const mutation of chosen) {
          if (refusal(decode, mutation.apply(base)) === undefined) continue
          const mutated = formatJsonPath(mutation.path)
          expect(
            paths.some((path) => related(path, mutated)),
            `${mutated} in ${paths}`
          ).toBe(true)
        }
      }),
      runs
    )
  })

  it("never dies on arbitrary input", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.jsonValue()), async (input) => {
        await breathe()
        refusal(decode, input)
      }),
      runs
    )
  })

  it("never dies on broken JSON text parsed leniently", async () => {
    const text = JSON.stringify(base)
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...brokenTexts(text)), fc.nat(), async (broken, cut) => {
        await breathe()
        let parsed: unknown
        try {
          parsed = JSON.parse(broken(cut))
        } catch {
          parsed = broken(cut)
        }
        refusal(decode, parsed)
      }),
      runs
    )
  })

  it("round-trips valid intents: decode(encode(x)) is x", async () => {
    const encode = Schema.encodeSync(schema as Schema.Schema<unknown, unknown>)
    await fc.assert(
      fc.asyncProperty(valid as fc.Arbitrary<unknown>, async (intent) => {
        await breathe()
        const exit = decodeExit(decode, encode(intent))
        expect(Exit.isSuccess(exit)).toBe(true)
        if (Exit.isSuccess(exit)) expect(canonicalJson(exit.value)).toBe(canonicalJson(intent))
      }),
      runs
    )
  })
})

// Reverses key order at every level.
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

describe("intentKey (property)", () => {
  const packages = Arbitrary.make(PackageIntent)
  const assignments = validAssignments
  const encodePackage = Schema.encodeSync(PackageIntent)
  const encodeAssignment = Schema.encodeSync(AssignmentIntent)
  const decodeP = (input: unknown) => Effect.runSync(decodePackageIntent(input, context))
  const decodeA = (input: unknown) => Effect.runSync(decodeAssignmentIntent(input, context))

  it("is the same for any JSON value with its keys in any order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        await breathe()
        expect(keyOf("k", reorder(value))).toBe(keyOf("k", value))
      }),
      runs
    )
  })

  it("is the same for an intent sent with its keys in any order", async () => {
    await fc.assert(
      fc.asyncProperty(packages, assignments, async (p, a) => {
        await breathe()
        expect(intentKey(decodeP(reorder(encodePackage(p))))).toBe(intentKey(p))
        expect(intentKey(decodeA(reorder(encodeAssignment(a))))).toBe(intentKey(a))
      }),
      runs
    )
  })

  it("changes whenever any one field takes a meaningfully different value", async () => {
    const field = fc.constantFrom(...Object.keys(PackageIntent.fields))
    await fc.assert(
      fc.asyncProperty(packages, packages, field, async (a, b, name) => {
        await breathe()
        const mixed = decodeP({ ...encodePackage(a), [name]: encodePackage(b)[name as keyof PackageIntent] })
        const same = canonicalJson(mixed) === canonicalJson(a)
        expect(intentKey(mixed) === intentKey(a)).toBe(same)
      }),
      runs
    )
    const assignmentField = fc.constantFrom(...Object.keys(AssignmentIntent.fields))
    await fc.assert(
      fc.asyncProperty(assignments, assignments, assignmentField, async (a, b, name) => {
        await breathe()
        const mixed = decodeA({
          ...encodeAssignment(a),
          [name]: encodeAssignment(b)[name as keyof AssignmentIntent]
        })
        expect(intentKey(mixed) === intentKey(a)).toBe(canonicalJson(mixed) === canonicalJson(a))
      }),
      runs
    )
  })
})

describe("hints the fuzzing found unsafe", () => {
  it("refuses Infinity (JSON's 1e999) and a __proto__ key with a typed error naming them", () => {
    const infinite = JSON.parse('{"intune": {"weight": 1e999}}')
    const proto = JSON.parse('{"jamf": {"__proto__": {"x": 1}}}')
    const infinitePaths = refusal(decodePackageIntent, { ...packageInput, hints: infinite }) ?? []
    expect(infinitePaths).toContain("hints.intune.weight")
    expect(infinitePaths.every((path) => path.startsWith("hints"))).toBe(true)
    const protoPaths = refusal(decodePackageIntent, { ...packageInput, hints: proto }) ?? []
    expect(protoPaths).toContain("hints.jamf.__proto__")
    expect(protoPaths.every((path) => path.startsWith("hints"))).toBe(true)
  })
})

import { describe, expect, it, vi } from "@effect/vitest"
import { Effect, Either, Exit, Schema } from "effect"
import fc from "fast-check"
import {
  AssignmentRefFromString,
  decodeAssignmentRef,
  formatAssignmentRef,
  PermanentError,
  PlaneIds,
  parseAssignmentRef
} from "../../src/index.js"
import { breathe, brokenTexts, fuzzRuns, fuzzTimeout } from "../../src/testing/index.js"

// Properties run 500 cases in `npm test` and 10,000 in `npm run fuzz`: the timeout grows with them.
vi.setConfig({ testTimeout: fuzzTimeout(100) })

const runs = { numRuns: fuzzRuns() }
const context = { operation: "queryState", correlationId: "c-ref" }

const idName = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,31}$/)
const idValue = fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 })
const refs = fc.record({
  plane: fc.constantFrom(...PlaneIds),
  ids: fc.dictionary(idName, idValue, { minKeys: 1, maxKeys: 5 })
})

describe("AssignmentRef parsing (property)", () => {
  it("round-trips every valid ref, and prints it one canonical way", async () => {
    await fc.assert(
      fc.asyncProperty(refs, async (ref) => {
        await breathe()
        const text = formatAssignmentRef(ref)
        const parsed = parseAssignmentRef(text)
        expect(parsed).toEqual(Either.right({ plane: ref.plane, ids: { ...ref.ids } }))
        if (Either.isRight(parsed)) expect(formatAssignmentRef(parsed.right)).toBe(text)
        expect(
          Schema.encodeSync(AssignmentRefFromString)(Schema.decodeSync(AssignmentRefFromString)(text))
        ).toBe(text)
      }),
      runs
    )
  })

  it("answers garbage with a reason or a ref that prints back to itself, never a throw", async () => {
    const garbage = fc.oneof(
      fc.string(),
      fc.string({ unit: "binary" }),
      fc.stringMatching(/^(intune|jamf|sccm|landscape|ansible|x)?:?([a-z=;%]{0,3}[A-Za-z0-9_%]*){0,4}$/),
      refs.chain((ref) => {
        const text = formatAssignmentRef(ref)
        return fc.tuple(fc.constantFrom(...brokenTexts(text)), fc.nat()).map(([broken, cut]) => broken(cut))
      })
    )
    await fc.assert(
      fc.asyncProperty(garbage, async (text) => {
        await breathe()
        const parsed = parseAssignmentRef(text)
        if (Either.isLeft(parsed)) {
          expect(parsed.left.length).toBeGreaterThan(0)
          // The Effect form refuses it with a typed PermanentError, not a defect.
          const exit = Effect.runSyncExit(decodeAssignmentRef(text, context))
          expect(Exit.isFailure(exit) && exit.cause._tag === "Fail" && exit.cause.error).toBeInstanceOf(
            PermanentError
          )
          return
        }
        const again = parseAssignmentRef(formatAssignmentRef(parsed.right))
        expect(again).toEqual(parsed)
      }),
      runs
    )
  })
})

import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { parseSccmRef, sccmRef } from "../../src/ref/sccmRef.js"

describe("SCCM assignment refs", () => {
  it.effect("print canonically and parse back", () =>
    Effect.gen(function* () {
      const ref = { deploymentId: 16777400, collectionId: "ABC00011", modelName: "ScopeId_X/Application_Y" }
      const text = sccmRef(ref)
      expect(text).toBe("sccm:collection=ABC00011;deployment=16777400;model=ScopeId_X%2FApplication_Y")
      expect(yield* parseSccmRef(text, "test")).toEqual(ref)
    })
  )

  it.effect("refuse refs of another plane, with missing ids, or a non-numeric deployment", () =>
    Effect.gen(function* () {
      for (const text of [
        "intune:app=1;group=2",
        "sccm:collection=A;deployment=1",
        "sccm:collection=A;deployment=x;model=M",
        "not a ref"
      ]) {
        const error = yield* Effect.flip(parseSccmRef(text, "test"))
        expect(error).toMatchObject({ _tag: "PermanentError", code: "InvalidAssignmentRef" })
      }
    })
  )
})

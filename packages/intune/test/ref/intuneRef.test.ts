import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { intuneRef, parseIntuneRef } from "../../src/ref/intuneRef.js"

describe("Intune assignment refs", () => {
  it.effect("print canonically and parse back, filter included", () =>
    Effect.gen(function* () {
      const ids = {
        app: "a1",
        group: "g 1",
        intent: "uninstall" as const,
        assignment: "x",
        filter: { id: "f1", mode: "exclude" as const }
      }
      const text = intuneRef(ids)
      expect(text).toBe(
        "intune:app=a1;assignment=x;filter=f1;filterMode=exclude;group=g%201;intent=uninstall"
      )
      expect(yield* parseIntuneRef(text, "test")).toEqual(ids)
      expect(yield* parseIntuneRef("intune:app=a;group=g", "test")).toEqual({
        app: "a",
        group: "g",
        intent: "required",
        assignment: undefined,
        filter: undefined
      })
    })
  )

  it.effect("refuse other planes, missing ids and unknown values with a PermanentError", () =>
    Effect.gen(function* () {
      const cases = [
        "jamf:policy=1;group=2",
        "intune:app=a",
        "intune:app=a;group=g;intent=sometimes",
        "intune:app=a;group=g;filter=f;filterMode=maybe",
        "not a ref"
      ]
      for (const text of cases) {
        const error = yield* Effect.flip(parseIntuneRef(text, "test"))
        expect(error._tag).toBe("PermanentError")
        expect(error.code).toBe("InvalidAssignmentRef")
      }
    })
  )
})

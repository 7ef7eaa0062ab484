import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { landscapeRef, parseLandscapeRef } from "../../src/ref/landscapeRef.js"

describe("the Landscape ref", () => {
  it.effect("prints canonically and parses back", () =>
    Effect.gen(function* () {
      const install = {
        search: "planes-pl1-abc",
        package: "curl",
        version: "1:2.3-4ubuntu1",
        goal: "install" as const,
        activity: 42
      }
      const text = landscapeRef(install)
      expect(text).toBe(
        "landscape:activity=42;goal=install;package=curl;search=planes-pl1-abc;version=1%3A2.3-4ubuntu1"
      )
      expect(yield* parseLandscapeRef(text, "t")).toEqual(install)
      const downgrade = { search: "s", package: "curl", version: "1", goal: "install" as const }
      const back = yield* parseLandscapeRef(landscapeRef(downgrade), "t")
      expect(back).toEqual({ ...downgrade, activity: undefined })
    })
  )

  it.effect.each([
    ["intune:app=1;group=2", "belongs to intune"],
    ["landscape:goal=install;package=curl;version=1", "names no search"],
    ["landscape:package=curl;search=s;version=1", "has no goal"],
    ["landscape:goal=install;package=curl;search=s;version=1", "names no activity"],
    ["landscape:activity=x;goal=install;package=curl;search=s;version=1", "non-numeric activity"],
    ["nonsense", "plane prefix"]
  ] as const)("refuses %s", ([text, why]) =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(parseLandscapeRef(text, "t"))
      expect(error._tag).toBe("PermanentError")
      expect(error.message).toContain(why)
    })
  )
})

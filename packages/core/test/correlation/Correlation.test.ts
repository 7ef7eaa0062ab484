import { describe, expect, it } from "@effect/vitest"
import { Effect, HashMap, Logger, Option } from "effect"
import { Correlation } from "../../src/index.js"

describe("Correlation", () => {
  it.effect("generates an id when none is in force, and keeps it for the whole operation", () =>
    Effect.gen(function* () {
      expect(Option.isNone(yield* Correlation.currentOption)).toBe(true)
      const [a, b] = yield* Correlation.ensure(Effect.all([Correlation.current, Correlation.current]))
      expect(a).toBe(b)
      expect(a).toMatch(/^[0-9a-f-]{36}$/)
    })
  )

  it.effect("keeps an id set by the caller", () =>
    Effect.gen(function* () {
      const id = yield* Correlation.ensure(Correlation.current).pipe(
        Correlation.withCorrelationId("caller-7")
      )
      expect(id).toBe("caller-7")
    })
  )

  it.effect("puts the id on every log line", () =>
    Effect.gen(function* () {
      const lines: Array<string> = []
      const logger = Logger.make(({ annotations }) => {
        lines.push(String(Option.getOrElse(HashMap.get(annotations, "correlationId"), () => "none")))
      })
      yield* Effect.log("one").pipe(
        Effect.zipRight(Effect.logWarning("two")),
        Correlation.withCorrelationId("abc"),
        Effect.provide(Logger.replace(Logger.defaultLogger, logger))
      )
      expect(lines).toEqual(["abc", "abc"])
    })
  )
})

import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, HashMap, Logger, Option, Stream } from "effect"
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

  it.effect("keeps one id for every element of a stream, the caller's or a new one", () =>
    Effect.gen(function* () {
      const ids = Stream.range(1, 3).pipe(Stream.mapEffect(() => Correlation.current))
      const fresh = Chunk.toReadonlyArray(yield* Stream.runCollect(Correlation.ensureStream(ids)))
      expect(new Set(fresh).size).toBe(1)
      const mine = yield* Stream.runCollect(Correlation.ensureStream(ids)).pipe(
        Correlation.withCorrelationId("s-1")
      )
      expect(Chunk.toReadonlyArray(mine)).toEqual(["s-1", "s-1", "s-1"])
      expect(Option.isNone(yield* Correlation.currentOption)).toBe(true)
    })
  )
})

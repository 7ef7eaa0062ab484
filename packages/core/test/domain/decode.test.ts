import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { decodeAssignmentIntent, decodePackageIntent, PermanentError } from "../../src/index.js"
import { assignmentInput, packageInput } from "../fixtures.js"

const context = { operation: "publishPackage", correlationId: "c-1" }

describe("decoding intents", () => {
  it.effect("accepts a valid package intent, normalising values and filling defaults", () =>
    Effect.gen(function* () {
      const intent = yield* decodePackageIntent({ ...packageInput, name: "  7-Zip  " }, context)
      expect(intent.name).toBe("7-Zip")
      expect(intent.artifact.sha256).toBe(packageInput.artifact.sha256.toLowerCase())
      expect(intent.runAs).toBe("system")
      expect(intent.restart).toBe("basedOnReturnCode")
    })
  )

  it.effect("names every offending path of a bad package intent in one error", () =>
    Effect.gen(function* () {
      const bad = {
        ...packageInput,
        name: "",
        version: "not a version!",
        platform: "beos",
        artifact: { ...packageInput.artifact, sha256: "xyz", size: -1, fileName: "../etc/passwd" },
        detection: [{ _tag: "msi", productCode: "nope" }],
        surplus: true
      }
      const error = yield* Effect.flip(decodePackageIntent(bad, context))
      expect(error).toBeInstanceOf(PermanentError)
      expect(error.code).toBe("InvalidInput")
      const paths = (error.issues ?? []).map((issue) => issue.path)
      expect(paths).toEqual(
        expect.arrayContaining([
          "name",
          "version",
          "platform",
          "artifact.sha256",
          "artifact.size",
          "artifact.fileName",
          "detection[0].productCode",
          "surplus"
        ])
      )
      expect(error.message).toContain("artifact.sha256")
      expect(error.correlationId).toBe("c-1")
    })
  )

  it.effect("refuses input that is not an object at all", () =>
    Effect.gen(function* () {
      for (const input of [null, 42, "intent", []]) {
        const error = yield* Effect.flip(decodePackageIntent(input, context))
        expect(error.issues?.[0]?.path).toBe("(root)")
      }
    })
  )

  it.effect("accepts a valid assignment intent and normalises instants to UTC", () =>
    Effect.gen(function* () {
      const intent = yield* decodeAssignmentIntent(assignmentInput, context)
      expect(intent.schedule?.deadline).toBe("2026-12-03T17:00:00.000Z")
      expect(intent.target._tag).toBe("group")
    })
  )

  it.effect("refuses a deadline before the start, and a bad key, target and intent", () =>
    Effect.gen(function* () {
      const bad = {
        package: { key: "nope", name: "x", version: "1" },
        target: { _tag: "planet", id: "x" },
        intent: "maybe",
        schedule: { start: "2026-12-03T08:00:00Z", deadline: "2026-12-01T08:00:00Z" }
      }
      const error = yield* Effect.flip(decodeAssignmentIntent(bad, context))
      const paths = (error.issues ?? []).map((issue) => issue.path)
      expect(paths).toEqual(
        expect.arrayContaining(["package.key", "target._tag", "intent", "schedule.deadline"])
      )
    })
  )

  it.effect("refuses a date that is not a real date", () =>
    Effect.gen(function* () {
      const bad = { ...assignmentInput, schedule: { start: "2026-13-45T99:00:00Z" } }
      const error = yield* Effect.flip(decodeAssignmentIntent(bad, context))
      expect(Either.isLeft(Either.left(error))).toBe(true)
      expect(error.issues?.map((i) => i.path)).toContain("schedule.start")
    })
  )
})

import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Schema } from "effect"
import {
  AssignmentRefFromString,
  decodeAssignmentRef,
  formatAssignmentRef,
  PermanentError,
  parseAssignmentRef
} from "../../src/index.js"

describe("AssignmentRef", () => {
  it("formats canonically: names sorted, values percent-encoded", () => {
    const text = formatAssignmentRef({ plane: "intune", ids: { group: "g 1;=", app: "a/b" } })
    expect(text).toBe("intune:app=a%2Fb;group=g%201%3B%3D")
  })

  it("round-trips through format and parse", () => {
    const refs = [
      { plane: "jamf", ids: { policy: "42", group: "7" } },
      { plane: "ansible", ids: { job: "1001", key: "pl1-abcdefghij2345672345" } },
      { plane: "landscape", ids: { activity: "ü😀 x" } }
    ] as const
    for (const ref of refs) {
      const parsed = parseAssignmentRef(formatAssignmentRef(ref))
      expect(parsed).toEqual(Either.right(ref))
    }
  })

  it("round-trips through its Schema", () => {
    const text = "sccm:collection=SMS00042;deployment=%7B1%7D"
    const decoded = Schema.decodeSync(AssignmentRefFromString)(text)
    expect(decoded).toEqual({ plane: "sccm", ids: { collection: "SMS00042", deployment: "{1}" } })
    expect(Schema.encodeSync(AssignmentRefFromString)(decoded)).toBe(text)
  })

  it.each([
    ["", "no plane prefix"],
    ["intune", "no plane prefix"],
    ["mars:app=1", "unknown plane"],
    ["intune:", "carries no ids"],
    ["intune:app", "malformed id"],
    ["intune:=1", "malformed id"],
    ["intune:1x=1", "malformed id"],
    ["intune:app=1;app=2", "repeats"],
    ["intune:app=%E0%A4%A", "badly encoded"],
    ["intune:app=", "empty value"],
    [`intune:app=${"x".repeat(5000)}`, "longer than"]
  ])("rejects %j, saying it %s", (text, reason) => {
    const parsed = parseAssignmentRef(text)
    expect(Either.isLeft(parsed)).toBe(true)
    if (Either.isLeft(parsed)) expect(parsed.left).toContain(reason)
    expect(() => Schema.decodeSync(AssignmentRefFromString)(text)).toThrow(/Assignment reference/)
  })

  it.effect("decodes as an Effect, failing with a PermanentError", () =>
    Effect.gen(function* () {
      const ok = yield* decodeAssignmentRef("jamf:policy=1", { operation: "queryState", correlationId: "c" })
      expect(ok.ids.policy).toBe("1")
      const error = yield* Effect.flip(
        decodeAssignmentRef("garbage", { operation: "queryState", correlationId: "c" })
      )
      expect(error).toBeInstanceOf(PermanentError)
      expect(error.code).toBe("InvalidAssignmentRef")
      expect(error.message).toContain("no plane prefix")
      expect(error.plane).toBe("core")
      const ours = yield* Effect.flip(
        decodeAssignmentRef("garbage", { operation: "queryState", correlationId: "c", plane: "sccm" })
      )
      expect(ours.plane).toBe("sccm")
    })
  )
})

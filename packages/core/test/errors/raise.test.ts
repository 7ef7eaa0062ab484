import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Correlation, planeErrors } from "../../src/index.js"

const { permanent, transient, policy } = planeErrors("jamf")

describe("an adapter's own errors", () => {
  it.effect("name the plane, the operation, the code and the correlation id in force", () =>
    Effect.gen(function* () {
      const inForce = Correlation.withCorrelationId("corr-1")
      expect(
        yield* Effect.flip(permanent("verify package", "PackageVanished", "gone")).pipe(inForce)
      ).toMatchObject({
        _tag: "PermanentError",
        plane: "jamf",
        operation: "verify package",
        code: "PackageVanished",
        correlationId: "corr-1",
        message: "gone"
      })
      expect((yield* Effect.flip(transient("wait", "Lag", "later")).pipe(inForce))._tag).toBe(
        "TransientError"
      )
      const refused = yield* Effect.flip(policy("authenticate", "Refused", "no"))
      expect(refused._tag).toBe("PolicyError")
      expect(refused.correlationId).toMatch(/^[0-9a-f-]{36}$/)
    })
  )
})

import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { type ErrorProfile, failWithResponse, Http } from "../../src/index.js"

const profile: ErrorProfile = {
  plane: "jamf",
  detail: (response) => ({ message: response.body }),
  override: (response) => (response.status === 409 ? "transient" : undefined)
}
const ctx = { operation: "create policy", correlationId: "corr-1" }

describe("failing from a body a reader already read", () => {
  it.effect("classifies through the plane's profile", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        failWithResponse(profile, ctx, { status: 409, headers: {} }, "Error: locked")
      )
      expect(error).toMatchObject({
        _tag: "TransientError",
        plane: "jamf",
        status: 409,
        correlationId: "corr-1"
      })
      expect(error.message).toContain("Error: locked")
      const refused = yield* Effect.flip(failWithResponse(profile, ctx, { status: 400, headers: {} }, "no"))
      expect(refused._tag).toBe("PermanentError")
    })
  )

  it("builds the undecodable-response error custom readers need", () => {
    const error = Http.undecodableResponse(
      { plane: "jamf", ...ctx },
      200,
      "a <policy> document, not <package>"
    )
    expect(error).toMatchObject({ _tag: "PermanentError", code: "UndecodableResponse", status: 200 })
    expect(error.message).toContain("jamf create policy answered HTTP 200 with a <policy> document")
  })
})

import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { sameAssignment } from "../../src/assign/assignments.js"
import { createAssignment } from "../../src/assign/createAssignment.js"
import { assignmentFilterOf } from "../../src/assign/filterHint.js"
import { mobileAppAssignmentBody } from "../../src/mapping/assignment.js"
import { decodeAssignment } from "../fixtures.js"
import { fakeRuntime, fakeTransport, graphError, page, unitConfig } from "../support/fakeGraph.js"

const pkg = { key: "pl1-aaaaaaaaaaaaaaaaaaaa", name: "Tool", version: "1.0" }
const group = { _tag: "group" as const, id: "g1" }
const filterId = "7c1f8c4e-6a3b-4d2e-9f10-0123456789ab"

describe("assignment filters from hints", () => {
  it.effect("reads filterId and filterMode, include by default", () =>
    Effect.gen(function* () {
      const none = decodeAssignment({ package: pkg, target: group, intent: "required" })
      expect(yield* assignmentFilterOf(none, "t")).toBeUndefined()
      const include = decodeAssignment({
        package: pkg,
        target: group,
        intent: "required",
        hints: { intune: { filterId } }
      })
      expect(yield* assignmentFilterOf(include, "t")).toEqual({ id: filterId, mode: "include" })
      const other = decodeAssignment({
        package: pkg,
        target: group,
        intent: "required",
        hints: { intune: {} }
      })
      expect(yield* assignmentFilterOf(other, "t")).toBeUndefined()
    })
  )

  it.effect("refuses a malformed hint, naming it", () =>
    Effect.gen(function* () {
      for (const intune of [
        { filterId: "not-a-guid" },
        { filterMode: "exclude" },
        { filterId, filterMode: "sometimes" }
      ]) {
        const intent = decodeAssignment({
          package: pkg,
          target: group,
          intent: "required",
          hints: { intune }
        })
        const error = yield* Effect.flip(assignmentFilterOf(intent, "t"))
        expect(error).toMatchObject({ _tag: "PermanentError", code: "InvalidHints" })
      }
    })
  )
})

describe("createAssignment refuses what Intune cannot do before calling Graph", () => {
  it.effect("a non-group target, or a filter on v1.0", () =>
    Effect.gen(function* () {
      const fake = yield* fakeTransport(() => graphError(500, "Unexpected"))
      const runtime = yield* fakeRuntime(fake.layer, unitConfig({ apiVersions: { assignments: "v1.0" } }))
      const devices = decodeAssignment({
        package: pkg,
        target: { _tag: "tag", tag: "x" },
        intent: "required"
      })
      expect(yield* Effect.flip(createAssignment(runtime, devices))).toMatchObject({
        code: "UnsupportedIntent"
      })
      const filtered = decodeAssignment({
        package: pkg,
        target: group,
        intent: "required",
        hints: { intune: { filterId } }
      })
      const error = yield* Effect.flip(createAssignment(runtime, filtered))
      expect(error.message).toContain("beta")
      expect(yield* fake.seen).toHaveLength(0)
    })
  )

  it.effect("a package that was never published, or is still publishing", () =>
    Effect.gen(function* () {
      const notes = "key=pl1-aaaaaaaaaaaaaaaaaaaa; package=Tool; version=1.0"
      const answers = [
        page([]),
        page([{ id: "a", displayName: "Tool 1.0", notes, publishingState: "processing" }])
      ]
      const fake = yield* fakeTransport((_, i) => answers[i] ?? page([]))
      const runtime = yield* fakeRuntime(fake.layer)
      const intent = decodeAssignment({ package: pkg, target: group, intent: "required" })
      const missing = yield* Effect.flip(createAssignment(runtime, intent))
      expect(missing).toMatchObject({ code: "PackageNotPublished" })
      expect(missing.message).toContain("publish the package first")
      const processing = yield* Effect.flip(createAssignment(runtime, intent))
      expect(processing.message).toContain("processing")
    })
  )

  it.effect("the group already assigned with another intent is a conflict", () =>
    Effect.gen(function* () {
      const notes = "key=pl1-aaaaaaaaaaaaaaaaaaaa; package=Tool; version=1.0"
      const existing = {
        id: "x",
        intent: "available",
        target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: "G1" }
      }
      const answers = [
        page([{ id: "a", displayName: "Tool 1.0", notes, publishingState: "published" }]),
        page([existing])
      ]
      const fake = yield* fakeTransport((_, i) => answers[i] ?? page([]))
      const runtime = yield* fakeRuntime(fake.layer)
      const intent = decodeAssignment({ package: pkg, target: group, intent: "required" })
      const error = yield* Effect.flip(createAssignment(runtime, intent))
      expect(error).toMatchObject({ code: "AssignmentConflict" })
    })
  )

  it("compares intent and filter", () => {
    const intent = decodeAssignment({ package: pkg, target: group, intent: "required" })
    const mapped = mobileAppAssignmentBody(intent, { id: filterId, mode: "exclude" }, "beta")
    if (mapped._tag !== "Ok") throw new Error("mapping failed")
    const target = { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: "g1" }
    expect(sameAssignment({ id: "x", intent: "required", target }, mapped.body)).toBe(false)
    expect(
      sameAssignment(
        {
          id: "x",
          intent: "required",
          target: {
            ...target,
            deviceAndAppManagementAssignmentFilterId: filterId.toUpperCase(),
            deviceAndAppManagementAssignmentFilterType: "exclude"
          }
        },
        mapped.body
      )
    ).toBe(true)
  })
})

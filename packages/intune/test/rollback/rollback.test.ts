import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { appNotes } from "../../src/mapping/appNotes.js"
import { remediate } from "../../src/remediate/remediate.js"
import { pickVersion, rollback } from "../../src/rollback/rollback.js"
import { fakeRuntime, fakeTransport, graphError, json, page } from "../support/fakeGraph.js"

const ref = "intune:app=a1;group=g1;intent=required"
const key = "pl1-aaaaaaaaaaaaaaaaaaaa" as never
const app = (id: string, version: string, publishingState = "published") => ({
  id,
  displayName: `Tool ${version}`,
  notes: appNotes(key, "Tool", version),
  publishingState
})

describe("rollback and remediate refuse what they cannot act on", () => {
  it.effect("an app that no longer exists, or that planes did not publish", () =>
    Effect.gen(function* () {
      const answers = [
        graphError(404, "ResourceNotFound"),
        json(200, { id: "a1", displayName: "Hand made", notes: "by hand" })
      ]
      const fake = yield* fakeTransport((_, i) => answers[i] ?? graphError(500, "x"))
      const runtime = yield* fakeRuntime(fake.layer)
      expect(yield* Effect.flip(rollback(runtime, ref, "1.0"))).toMatchObject({ code: "AppNotFound" })
      expect(yield* Effect.flip(remediate(runtime, ref, { status: "installed" }))).toMatchObject({
        code: "NotManagedByPlanes"
      })
    })
  )

  it.effect("a target version that is still publishing, or not a version at all", () =>
    Effect.gen(function* () {
      const answers = [json(200, app("a1", "2.0")), page([app("a0", "1.0", "processing")])]
      const fake = yield* fakeTransport((_, i) => answers[i] ?? graphError(500, "x"))
      const runtime = yield* fakeRuntime(fake.layer)
      const error = yield* Effect.flip(rollback(runtime, ref, "1.0"))
      expect(error).toMatchObject({ code: "VersionNotPublished" })
      expect(error.message).toContain("processing")
      expect(yield* Effect.flip(rollback(runtime, ref, "not a version!"))).toMatchObject({
        code: "InvalidVersion"
      })
    })
  )

  it("picks the published app of the version, by its notes", () => {
    const apps = [app("x", "1.0", "notPublished"), app("y", "1.0"), app("z", "2.0")]
    expect(pickVersion(apps, "Tool", "1.0")?.id).toBe("y")
    expect(pickVersion(apps, "Other", "1.0")).toBeUndefined()
    expect(pickVersion([app("x", "1.0", "notPublished")], "Tool", "1.0")?.id).toBe("x")
  })
})

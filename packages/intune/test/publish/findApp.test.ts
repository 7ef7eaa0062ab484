import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { appNotes } from "../../src/mapping/appNotes.js"
import { appFilters, findAppByKey, findAppPatiently, pickByKey } from "../../src/publish/findApp.js"
import { fakeRuntime, fakeTransport, graphError, page } from "../support/fakeGraph.js"

const key = "pl1-aaaaaaaaaaaaaaaaaaaa"
const other = "pl1-bbbbbbbbbbbbbbbbbbbb"
const app = (id: string, notesKey: string, extra: Record<string, unknown> = {}) => ({
  "@odata.type": "#microsoft.graph.win32LobApp",
  id,
  displayName: "Tool 1.0",
  notes: appNotes(notesKey as never, "Tool", "1.0"),
  publishingState: "notPublished",
  ...extra
})

describe("finding an app by its key", () => {
  it("escapes quotes and tries type and name, then name, then type", () => {
    expect(appFilters("O'Brien 1.0")).toEqual([
      "isof('microsoft.graph.win32LobApp') and displayName eq 'O''Brien 1.0'",
      "displayName eq 'O''Brien 1.0'",
      "isof('microsoft.graph.win32LobApp')"
    ])
  })

  it.effect("falls back filter by filter while the tenant answers 400, and matches the key client-side", () =>
    Effect.gen(function* () {
      const fake = yield* fakeTransport((seen) => {
        const filter = seen.url.searchParams.get("$filter") ?? ""
        if (filter.includes("isof") && filter.includes("displayName")) return graphError(400, "BadRequest")
        if (filter.startsWith("displayName")) return graphError(400, "BadRequest")
        // isof alone: every Win32 app, other names and types included, over two pages.
        if (seen.url.searchParams.has("page"))
          return page([app("c", key), app("d", key, { displayName: "Other 1.0" })])
        return page(
          [app("a", other), app("b", key, { "@odata.type": "#microsoft.graph.webApp" })],
          `https://graph.test/v1.0/deviceAppManagement/mobileApps?$filter=x&page=2`
        )
      })
      const runtime = yield* fakeRuntime(fake.layer)
      const found = yield* findAppByKey(runtime.graph, "Tool 1.0", key)
      expect(Option.map(found, (a) => a.id)).toEqual(Option.some("c"))
      const filters = (yield* fake.seen).map((s) => s.url.searchParams.get("$filter"))
      expect(filters.slice(0, 3)).toEqual(appFilters("Tool 1.0"))
      expect((yield* fake.seen)[0]?.url.search).toContain("%20eq%20")
    })
  )

  it.effect("does not swallow other errors", () =>
    Effect.gen(function* () {
      const fake = yield* fakeTransport(() => graphError(403, "Forbidden"))
      const runtime = yield* fakeRuntime(fake.layer)
      const error = yield* Effect.flip(findAppByKey(runtime.graph, "Tool 1.0", key))
      expect(error._tag).toBe("PolicyError")
      expect(yield* fake.seen).toHaveLength(1)
    })
  )

  it("prefers the published twin, else the first", () => {
    const twins = [app("a", key), app("b", key, { publishingState: "published" })]
    expect(Option.map(pickByKey(twins, key as never), (a) => a.id)).toEqual(Option.some("b"))
    expect(Option.map(pickByKey([app("a", key), app("z", key)], key as never), (a) => a.id)).toEqual(
      Option.some("a")
    )
    expect(pickByKey([app("a", other)], key as never)).toEqual(Option.none())
  })

  it.live("keeps looking for a while after an ambiguous create, then gives up", () =>
    Effect.gen(function* () {
      const fake = yield* fakeTransport((_, index) => (index < 2 ? page([]) : page([app("late", key)])))
      const runtime = yield* fakeRuntime(fake.layer)
      const settings = { consistencySeconds: 1, intervalSeconds: 0.01 }
      const found = yield* findAppPatiently(runtime.graph, "Tool 1.0", key, settings)
      expect(Option.map(found, (a) => a.id)).toEqual(Option.some("late"))

      const never = yield* fakeTransport(() => page([]))
      const empty = yield* fakeRuntime(never.layer)
      const none = yield* findAppPatiently(empty.graph, "Tool 1.0", key, {
        consistencySeconds: 0.05,
        intervalSeconds: 0.01
      })
      expect(Option.isNone(none)).toBe(true)
      expect((yield* never.seen).length).toBeGreaterThan(1)
    })
  )
})

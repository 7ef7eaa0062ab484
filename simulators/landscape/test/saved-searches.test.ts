import { describe, expect, it } from "vitest"
import { json, legacy, makeSim } from "./fixtures.js"

type Err = { error: string; message: string }
type Saved = { name: string; title: string; search: string }

describe("saved searches", () => {
  it("create (name given or derived from the title), list with paging, edit, remove", async () => {
    const sim = makeSim()
    expect(
      (await legacy(sim, "CreateSavedSearch", { title: "Planes key 3f2a", search: "tag:web" })).body
    ).toEqual({
      name: "planes-key-3f2a",
      title: "Planes key 3f2a",
      search: "tag:web"
    })
    await legacy(sim, "CreateSavedSearch", { name: "db", title: "Databases", search: "tag:db" })
    await legacy(sim, "CreateSavedSearch", { name: "laptops", title: "Laptops", search: "tag:laptop" })
    const page1 = json<Saved[]>((await legacy(sim, "GetSavedSearches", { limit: "2" })).body)
    const page2 = json<Saved[]>((await legacy(sim, "GetSavedSearches", { limit: "2", offset: "2" })).body)
    const page3 = json<Saved[]>((await legacy(sim, "GetSavedSearches", { limit: "2", offset: "4" })).body)
    expect([...page1, ...page2].map((s) => s.name)).toEqual(["planes-key-3f2a", "db", "laptops"])
    expect(page3).toEqual([])
    const edited = await legacy(sim, "EditSavedSearch", {
      name: "db",
      title: "All databases",
      search: "tag:db OR tag:postgres"
    })
    expect(edited.body).toEqual({ name: "db", title: "All databases", search: "tag:db OR tag:postgres" })
    expect((await legacy(sim, "EditSavedSearch", { name: "db" })).status).toBe(200)
    expect((await legacy(sim, "RemoveSavedSearch", { name: "db" })).body).toEqual({ name: "db" })
    expect(json<Saved[]>((await legacy(sim, "GetSavedSearches")).body)).toHaveLength(2)
  })

  it("answer DuplicateSavedSearch, InvalidSavedSearchName, InvalidSavedSearchCriteria, UnknownSavedSearch", async () => {
    const sim = makeSim()
    await legacy(sim, "CreateSavedSearch", { name: "web", title: "Web", search: "tag:web" })
    const cases: [string, Record<string, string>, string][] = [
      ["CreateSavedSearch", { name: "web", title: "Again", search: "tag:web" }, "DuplicateSavedSearch"],
      ["CreateSavedSearch", { title: "Web", search: "tag:db" }, "DuplicateSavedSearch"],
      ["CreateSavedSearch", { name: "Not A Slug", title: "x", search: "tag:web" }, "InvalidSavedSearchName"],
      ["CreateSavedSearch", { title: "???", search: "tag:web" }, "InvalidSavedSearchName"],
      [
        "CreateSavedSearch",
        { name: "bad", title: "Bad", search: "colour:red" },
        "InvalidSavedSearchCriteria"
      ],
      ["CreateSavedSearch", { name: "bad", title: "Bad" }, "MissingParameter"],
      ["EditSavedSearch", { name: "web", search: "id:x" }, "InvalidSavedSearchCriteria"],
      ["EditSavedSearch", { name: "nope", title: "x" }, "UnknownSavedSearch"],
      ["RemoveSavedSearch", { name: "nope" }, "UnknownSavedSearch"]
    ]
    for (const [action, params, code] of cases) {
      const r = await legacy(sim, action, params)
      expect([r.status, json<Err>(r.body).error], `${action} ${JSON.stringify(params)}`).toEqual([400, code])
    }
  })
})

import { describe, expect, it } from "vitest"
import { type Json, publish, setup } from "./helpers.js"

describe("list envelopes and paging", () => {
  it("pages to the end with next/previous as paths carrying the query", async () => {
    const { call } = setup({ fleetSize: 30 })
    const names: string[] = []
    let url: string | null = "/api/v2/hosts/?page_size=7&order_by=name"
    let pages = 0
    let last: Json = JSON.parse("{}")
    while (url !== null) {
      const page = await call("GET", url)
      expect(page.status).toBe(200)
      last = page.json
      expect(Object.keys(last)).toEqual(["count", "next", "previous", "results"])
      expect(last.count).toBe(30)
      names.push(...last.results.map((h: Json) => h.name))
      url = last.next
      pages++
    }
    expect(pages).toBe(5)
    expect(names).toHaveLength(30)
    expect(names).toEqual([...names].sort())
    expect(last.previous).toBe("/api/v2/hosts/?page_size=7&order_by=name&page=4")
    const second = await call("GET", "/api/v2/hosts/?page_size=7&order_by=name&page=2")
    expect(second.json.previous).toBe("/api/v2/hosts/?page_size=7&order_by=name&page=1")
    expect(second.json.next).toBe("/api/v2/hosts/?page_size=7&order_by=name&page=3")
  })

  it("defaults to 25 per page and caps page_size at 200, rewriting links with the cap", async () => {
    const { call } = setup({ fleetSize: 210 })
    const first = await call("GET", "/api/v2/hosts/")
    expect(first.json.results).toHaveLength(25)
    const capped = await call("GET", "/api/v2/hosts/?page_size=500")
    expect(capped.json.results).toHaveLength(200)
    expect(capped.json.next).toBe("/api/v2/hosts/?page_size=200&page=2")
    const rest = await call("GET", capped.json.next)
    expect(rest.json.results).toHaveLength(10)
    expect(rest.json.next).toBeNull()
    const bogus = await call("GET", "/api/v2/hosts/?page_size=abc")
    expect(bogus.json.results).toHaveLength(25)
  })

  it("answers an empty list as a page of nothing, and a page past the end as 404 Invalid page.", async () => {
    const { call } = setup()
    const empty = await call("GET", "/api/v2/jobs/")
    expect(empty.json).toEqual({ count: 0, next: null, previous: null, results: [] })
    const none = await call("GET", "/api/v2/hosts/?name=no-such-host")
    expect(none.json.count).toBe(0)
    expect((await call("GET", "/api/v2/hosts/?page=99")).json).toEqual({ detail: "Invalid page." })
    expect((await call("GET", "/api/v2/hosts/?page=0")).status).toBe(404)
    expect((await call("GET", "/api/v2/hosts/?page=x")).status).toBe(404)
  })

  it("answers only results with count_disabled=1", async () => {
    const { call } = setup()
    const res = await call("GET", "/api/v2/hosts/?count_disabled=1&page_size=2")
    expect(Object.keys(res.json)).toEqual(["results"])
    expect(res.json.results).toHaveLength(2)
  })
})

describe("filters and ordering", () => {
  it("filters by name, name__icontains, description__icontains, spans, in, not__, or__ and search", async () => {
    const ctx = setup({ fleetSize: 20 })
    const { call } = ctx
    await publish(ctx, { description: "planes-key=abc123" })
    await call("POST", "/api/v2/job_templates/", {
      body: {
        name: "Remove package",
        project: 1,
        inventory: 1,
        playbook: "remove_package.yml",
        description: "planes-key=zzz"
      }
    })
    const exact = await call("GET", "/api/v2/job_templates/?name=Install%20package")
    expect(exact.json.count).toBe(1)
    expect((await call("GET", "/api/v2/job_templates/?name__icontains=PACKAGE")).json.count).toBe(2)
    expect(
      (await call("GET", "/api/v2/job_templates/?description__icontains=ABC123")).json.results[0].name
    ).toBe("Install package")
    expect((await call("GET", "/api/v2/job_templates/?description__contains=ABC123")).json.count).toBe(0)
    expect(
      (await call("GET", "/api/v2/job_templates/?organization__name=Default&name=Remove%20package")).json
        .count
    ).toBe(1)
    expect((await call("GET", "/api/v2/job_templates/?not__name=Remove%20package")).json.count).toBe(1)
    expect(
      (await call("GET", "/api/v2/job_templates/?or__name=Remove%20package&or__name=Install%20package")).json
        .count
    ).toBe(2)
    expect((await call("GET", "/api/v2/job_templates/?id__in=1,2")).json.count).toBe(2)
    expect((await call("GET", "/api/v2/job_templates/?search=zzz")).json.count).toBe(1)
    expect(
      (await call("GET", "/api/v2/job_templates/?name__startswith=Rem&name__endswith=age")).json.count
    ).toBe(1)
    expect(
      (
        await call(
          "GET",
          "/api/v2/job_templates/?name__istartswith=rem&name__iendswith=AGE&name__iexact=remove%20PACKAGE"
        )
      ).json.count
    ).toBe(1)
    expect((await call("GET", "/api/v2/job_templates/?name__regex=^Inst&name__iregex=PACK")).json.count).toBe(
      1
    )
    expect(
      (await call("GET", "/api/v2/job_templates/?id__gt=1&id__gte=2&id__lt=3&id__lte=2")).json.count
    ).toBe(1)
    expect(
      (await call("GET", "/api/v2/job_templates/?created__gte=2026-01-01&created__lt=2027")).json.count
    ).toBe(2)
    expect((await call("GET", "/api/v2/job_templates/?inventory__isnull=false")).json.count).toBe(2)
    expect((await call("GET", "/api/v2/job_templates/?chain__project=1")).json.count).toBe(2)
    const hosts = await call(
      "GET",
      "/api/v2/hosts/?enabled=true&inventory__name=Fleet&order_by=-id&page_size=3"
    )
    expect(hosts.json.results.map((h: Json) => h.id)).toEqual([20, 19, 18])
    expect((await call("GET", "/api/v2/inventories/?organization__name=Default")).json.count).toBe(1)
    expect((await call("GET", "/api/v2/organizations/?name=Default")).json.count).toBe(1)
    expect((await call("GET", "/api/v2/users/?username=admin")).json.count).toBe(1)
    expect(
      (await call("GET", "/api/v2/projects/?status=successful&organization__name=Default")).json.count
    ).toBe(1)
  })

  it("finds jobs by template, status, limit and creator, newest first; refuses filtering on extra_vars", async () => {
    const ctx = setup()
    const { call } = ctx
    const { template } = await publish(ctx)
    for (const key of ["k1", "k2"]) {
      await call("POST", `/api/v2/job_templates/${template.id}/launch/`, {
        body: { extra_vars: { planes_key: key }, limit: "ring1" }
      })
    }
    const found = await call("GET", `/api/v2/jobs/?job_template=${template.id}&order_by=-id`)
    expect(found.json.results.map((j: Json) => j.id)).toEqual([2, 1])
    expect(found.json.results[0].extra_vars).toBe('{"planes_key": "k2"}')
    expect(found.json.results[0].launched_by).toMatchObject({ id: 1, name: "admin", type: "user" })
    expect(
      (await call("GET", "/api/v2/jobs/?status=pending&limit=ring1&created_by__username=admin")).json.count
    ).toBe(2)
    expect(
      (await call("GET", "/api/v2/jobs/?name=Install%20package&launch_type=manual&failed=false")).json.count
    ).toBe(2)
    const refused = await call("GET", "/api/v2/jobs/?extra_vars__contains=k1")
    expect(refused).toMatchObject({
      status: 403,
      json: { detail: "Filtering on extra_vars is not allowed." }
    })
    expect((await call("GET", "/api/v2/jobs/?not__extra_vars__icontains=k1")).status).toBe(403)
    expect((await call("GET", "/api/v2/job_templates/?extra_vars__icontains=x")).status).toBe(403)
    expect((await call("GET", `/api/v2/job_templates/${template.id}/jobs/?order_by=-id`)).json.count).toBe(2)
    expect((await call("GET", "/api/v2/job_templates/99/jobs/")).status).toBe(404)
  })

  it("answers bad lookups with DRF's 400", async () => {
    const { call } = setup()
    const unknown = await call("GET", "/api/v2/hosts/?colour=red")
    expect(unknown).toMatchObject({ status: 400, json: { detail: "Host has no field named 'colour'" } })
    expect((await call("GET", "/api/v2/hosts/?id=abc")).status).toBe(400)
    expect((await call("GET", "/api/v2/hosts/?id__gt=abc")).status).toBe(400)
    expect((await call("GET", "/api/v2/hosts/?enabled=maybe")).status).toBe(400)
    expect((await call("GET", "/api/v2/hosts/?name__isnull=perhaps")).status).toBe(400)
    expect((await call("GET", "/api/v2/hosts/?name__regex=(")).status).toBe(400)
    const order = await call("GET", "/api/v2/hosts/?order_by=colour")
    expect(order).toMatchObject({
      status: 400,
      json: { detail: "Cannot resolve keyword 'colour' into field." }
    })
    expect((await call("GET", "/api/v2/hosts/?order=-name")).json.results[0].name).toMatch(
      /^windows|^ubuntu|^rhel|^macos/
    )
  })
})

import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import { example, makeSim, packageBody } from "./helpers.js"

const upload = (bytes: Uint8Array<ArrayBuffer>, name = "app.pkg") => {
  const form = new FormData()
  form.append("file", new Blob([bytes], { type: "application/octet-stream" }), name)
  return form
}

describe("packages", () => {
  it("creates the documented package and answers {id, href}", async () => {
    const { call } = await makeSim()
    const created = await call("POST", "/api/v1/packages", {
      raw: example("package_create_request.json"),
      headers: { "content-type": "application/json" }
    })
    expect(created.status).toBe(201)
    const documented = JSON.parse(example("package_create_response.json")) as Record<string, unknown>
    expect(Object.keys(created.json).sort()).toEqual(Object.keys(documented).sort())
    expect(created.json).toEqual({ id: "1", href: "http://localhost/api/v1/packages/1" })
    const read = await call("GET", "/api/v1/packages/1")
    expect(read.json).toMatchObject({
      id: "1",
      packageName: "powershell-7.4.1-osx-x64.pkg",
      categoryId: "-1",
      priority: 3,
      notes: null,
      cloudTransferStatus: "NONE",
      hashType: null,
      hashValue: null
    })
  })

  it("refuses a duplicate packageName (any case) and fileName with DUPLICATE_FIELD", async () => {
    const { call } = await makeSim()
    await call("POST", "/api/v1/packages", { body: packageBody("App-1.0.pkg") })
    const dup = await call("POST", "/api/v1/packages", { body: packageBody("app-1.0.PKG") })
    expect(dup.status).toBe(400)
    const documented = JSON.parse(example("jamf_pro_api_error_duplicate.json")) as {
      errors: Record<string, unknown>[]
    }
    expect(Object.keys(dup.json).sort()).toEqual(Object.keys(documented).sort())
    expect(dup.json.errors?.[0]).toEqual({ ...documented.errors[0], description: expect.any(String) })
    const sameFile = await call("POST", "/api/v1/packages", {
      body: { ...packageBody("Other"), fileName: "App-1.0.pkg" }
    })
    expect(sameFile.json.errors?.[0]).toMatchObject({ code: "DUPLICATE_FIELD", field: "fileName" })
  })

  it("searches with RSQL (==, ;, ,, =in=, !=, <, quotes, parentheses) and pages 0-based with sort", async () => {
    const { call } = await makeSim()
    for (const name of ["alpha-1.pkg", "beta-2.pkg", "gamma-3.pkg", "delta-4.pkg", "Alpha Two.pkg"]) {
      await call("POST", "/api/v1/packages", {
        body: { ...packageBody(name), notes: name.startsWith("a") ? "key:abc" : null }
      })
    }
    const names = async (query: string) => {
      const r = await call("GET", `/api/v1/packages?${query}`)
      expect(r.status).toBe(200)
      return (r.json.results as unknown as { packageName: string }[]).map((p) => p.packageName)
    }
    expect(await names(`filter=${encodeURIComponent('packageName=="ALPHA-1.pkg"')}`)).toEqual(["alpha-1.pkg"])
    expect(
      await names(`filter=${encodeURIComponent('packageName=="alpha-1.pkg",packageName=="beta-2.pkg"')}`)
    ).toEqual(["alpha-1.pkg", "beta-2.pkg"])
    expect(
      await names(`filter=${encodeURIComponent('notes=="key:abc";packageName!="alpha-1.pkg"')}`)
    ).toEqual([])
    expect(await names(`filter=${encodeURIComponent("packageName=in=(beta-2.pkg|gamma-3.pkg)")}`)).toEqual([
      "beta-2.pkg",
      "gamma-3.pkg"
    ])
    expect(await names(`filter=${encodeURIComponent("id=out=(1,2,3);(id>4,id=lt=0)")}`)).toEqual([
      "Alpha Two.pkg"
    ])
    expect(await names(`filter=${encodeURIComponent("packageName=='Alpha Two.pkg'")}`)).toEqual([
      "Alpha Two.pkg"
    ])
    expect(await names(`filter=${encodeURIComponent("id<=2")}`)).toEqual(["alpha-1.pkg", "beta-2.pkg"])
    expect(await names(`filter=${encodeURIComponent("id>=4")}`)).toEqual(["delta-4.pkg", "Alpha Two.pkg"])
    expect(await names(`filter=${encodeURIComponent("info==x")}`)).toEqual([])

    const page0 = await call("GET", "/api/v1/packages?page=0&page-size=2&sort=packageName%3Adesc")
    expect(page0.json.totalCount).toBe(5)
    expect((page0.json.results as unknown as { packageName: string }[]).map((p) => p.packageName)).toEqual([
      "gamma-3.pkg",
      "delta-4.pkg"
    ])
    // Case-insensitive text order: "alpha two" sorts before "alpha-1" (space before hyphen).
    expect(await names("page=2&page-size=2&sort=packageName:desc")).toEqual(["Alpha Two.pkg"])
    expect(await names("page=3&page-size=2")).toEqual([])
    expect(await names("sort=priority:asc&sort=id:desc&page-size=5000")).toHaveLength(5)
  })

  it("answers 400 for bad filters, sorts and page numbers", async () => {
    const { call } = await makeSim()
    for (const [query, code] of [
      ["filter=packageName%3D%3D", "INVALID_RSQL_FILTER"],
      ["filter=(id%3D%3D1", "INVALID_RSQL_FILTER"],
      ["filter=id%3D%3D1)", "INVALID_RSQL_FILTER"],
      ["filter=%3D%3D1", "INVALID_RSQL_FILTER"],
      ["filter=id~1", "INVALID_RSQL_FILTER"],
      ["filter=id%3Din%3D1", "INVALID_RSQL_FILTER"],
      ["filter=id%3Din%3D(1", "INVALID_RSQL_FILTER"],
      ["filter=packageName%3D%3D%22open", "INVALID_RSQL_FILTER"],
      ["filter=bogus%3D%3D1", "INVALID_RSQL_FILTER_FIELD"],
      ["sort=bogus:asc", "INVALID_SORT_FIELD"],
      ["sort=id:sideways", "INVALID_SORT_FIELD"],
      ["page=-1", "INVALID_FIELD"],
      ["page-size=0", "INVALID_FIELD"]
    ] as const) {
      const r = await call("GET", `/api/v1/packages?${query}`)
      expect(r.status, query).toBe(400)
      expect(r.json.errors?.[0]?.code, query).toBe(code)
    }
  })

  it("reads, replaces, deletes and keeps history; 404 for unknown ids", async () => {
    const { call, advance } = await makeSim()
    await call("POST", "/api/v1/packages", { body: packageBody("one.pkg") })
    await call("POST", "/api/v1/packages", { body: packageBody("two.pkg") })
    advance(1000)
    const put = await call("PUT", "/api/v1/packages/1", {
      body: { ...packageBody("one.pkg"), notes: "changed" }
    })
    expect(put.status).toBe(200)
    expect(put.json.notes).toBe("changed")
    const clash = await call("PUT", "/api/v1/packages/1", { body: packageBody("two.pkg") })
    expect(clash.json.errors?.[0]).toMatchObject({ code: "DUPLICATE_FIELD", field: "packageName" })
    const history = await call("GET", "/api/v1/packages/1/history")
    expect(history.json.totalCount).toBe(2)
    expect(history.json.results?.[0]).toMatchObject({ note: "Package updated", username: "admin-client" })
    expect((await call("GET", "/api/v1/packages/1/history?sort=bad:asc")).status).toBe(400)
    expect((await call("DELETE", "/api/v1/packages/1")).status).toBe(204)
    const missing = await call("GET", "/api/v1/packages/1")
    expect(missing.status).toBe(404)
    expect(missing.json).toEqual({
      httpStatus: 404,
      errors: [{ code: "INVALID_ID", field: "id", description: expect.any(String), id: "1" }]
    })
    for (const [method, path] of [
      ["PUT", "/api/v1/packages/9"],
      ["DELETE", "/api/v1/packages/9"],
      ["GET", "/api/v1/packages/9/history"],
      ["POST", "/api/v1/packages/9/upload"]
    ] as const) {
      const init = method === "GET" ? {} : { body: packageBody("x") }
      expect((await call(method, path, init)).status, path).toBe(404)
    }
    expect((await call("POST", "/api/v1/packages/delete-multiple", { body: { ids: ["2"] } })).status).toBe(
      204
    )
    expect((await call("GET", "/api/v1/packages")).json.totalCount).toBe(0)
  })

  it("answers the vendor 400 for malformed and invalid bodies, never 500", async () => {
    const { call } = await makeSim()
    const bad = await call("POST", "/api/v1/packages", {
      raw: "{not json",
      headers: { "content-type": "application/json" }
    })
    expect(bad.status).toBe(400)
    expect(bad.json.errors?.[0]).toMatchObject({ code: "INVALID_JSON" })
    const missing = await call("POST", "/api/v1/packages", { body: { packageName: "x" } })
    expect(missing.status).toBe(400)
    expect(missing.json.errors?.[0]).toMatchObject({ code: "MISSING_FIELD", field: "fileName" })
    const wrongType = await call("POST", "/api/v1/packages", {
      body: { ...packageBody("x"), priority: "high" }
    })
    expect(wrongType.json.errors?.[0]).toMatchObject({ code: "INVALID_FIELD", field: "priority" })
    const notObject = await call("POST", "/api/v1/packages", { body: [1, 2] })
    expect(notObject.status).toBe(400)
    expect((await call("POST", "/api/v1/packages/delete-multiple", { body: { ids: 3 } })).status).toBe(400)
    expect((await call("PUT", "/api/v1/packages/1", { body: {} })).status).toBe(404)
  })
})

describe("upload and hash", () => {
  it("stores the file and reports SHA3_512 only after the hash delay", async () => {
    const { sim, call, advance } = await makeSim()
    await call("POST", "/api/v1/packages", { body: packageBody("app.pkg") })
    const bytes = new TextEncoder().encode("pretend this is a flat package")
    const up = await call("POST", "/api/v1/packages/1/upload", { raw: upload(bytes) })
    expect(up.status).toBe(201)
    expect(up.json).toEqual({ id: "1", href: "http://localhost/api/v1/packages/1" })
    const pending = await call("GET", "/api/v1/packages/1")
    expect(pending.json).toMatchObject({
      cloudTransferStatus: "IN_PROGRESS",
      hashType: null,
      hashValue: null,
      size: String(bytes.length)
    })
    expect((await call("GET", "/api/v1/jcds/files")).json).toEqual([])
    advance(29_999)
    expect((await call("GET", "/api/v1/packages/1")).json.hashValue).toBeNull()
    advance(1)
    const sha = createHash("sha3-512").update(bytes).digest("hex")
    expect((await call("GET", "/api/v1/packages/1")).json).toMatchObject({
      cloudTransferStatus: "READY",
      hashType: "SHA3_512",
      hashValue: sha,
      sha3512: sha
    })
    expect((await call("GET", "/api/v1/jcds/files")).json).toEqual([
      { fileName: "app.pkg", length: bytes.length, md5: null, region: "us-east-1", sha3: sha }
    ])
    expect(sim.stores.files.get("default")["1"]).toBe(Buffer.from(bytes).toString("base64"))
  })

  it("accepts the documented raw multipart request", async () => {
    const { call } = await makeSim()
    await call("POST", "/api/v1/packages", {
      raw: example("package_create_request.json"),
      headers: { "content-type": "application/json" }
    })
    const raw = example("package_upload_multipart.txt").replace(/\r?\n/g, "\r\n")
    const [head = "", body = ""] =
      raw.split("\r\n\r\n", 2).length === 2
        ? [raw.slice(0, raw.indexOf("\r\n\r\n")), raw.slice(raw.indexOf("\r\n\r\n") + 4)]
        : []
    const contentType = /Content-Type: (.+)/.exec(head)?.[1] ?? ""
    const r = await call("POST", "/api/v1/packages/1/upload", {
      raw: body,
      headers: { "content-type": contentType, accept: "application/json" }
    })
    expect(r.status).toBe(201)
    expect((await call("GET", "/api/v1/packages/1")).json.size).toBe(String("<binary pkg bytes>".length))
  })

  it("answers 413 above the size limit and 400 without a file part or multipart body", async () => {
    const { sim, call } = await makeSim()
    await call("POST", "/api/v1/packages", { body: packageBody("big.pkg") })
    sim.updateSettings({ maxUploadBytes: 4 })
    const big = await call("POST", "/api/v1/packages/1/upload", { raw: upload(new Uint8Array(5)) })
    expect(big.status).toBe(413)
    expect(big.json.errors?.[0]).toMatchObject({ code: "PAYLOAD_TOO_LARGE" })
    const noFile = new FormData()
    noFile.append("other", "x")
    expect((await call("POST", "/api/v1/packages/1/upload", { raw: noFile })).status).toBe(400)
    expect((await call("POST", "/api/v1/packages/1/upload", { body: { file: "x" } })).status).toBe(400)
    const broken = await call("POST", "/api/v1/packages/1/upload", {
      raw: "garbage",
      headers: { "content-type": "multipart/form-data; boundary=zzz" }
    })
    expect(broken.status).toBe(400)
  })
})

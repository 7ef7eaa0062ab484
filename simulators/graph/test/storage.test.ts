import { describe, expect, it } from "vitest"
import { encryptPayload } from "./support/payload.js"
import { advance, appBody, call, json, makeSim, type Sim, tokenFor } from "./support/sim.js"

const APPS = "/v1.0/deviceAppManagement/mobileApps"

const fileWithUrl = async (sim: Sim, token: string) => {
  const app = await json(await call(sim, "POST", APPS, { token, body: appBody() }))
  const cvPath = `${APPS}/${String(app.id)}/microsoft.graph.win32LobApp/contentVersions/1`
  await call(sim, "POST", `${APPS}/${String(app.id)}/microsoft.graph.win32LobApp/contentVersions`, {
    token,
    body: {}
  })
  const payload = encryptPayload()
  const file = await json(
    await call(sim, "POST", `${cvPath}/files`, {
      token,
      body: { name: "IntunePackage.intunewin", size: payload.plainSize, sizeEncrypted: payload.bytes.length }
    })
  )
  const filePath = `${cvPath}/files/${String(file.id)}`
  advance(sim, 2_000)
  const ready = await json(await call(sim, "GET", filePath, { token }))
  return {
    filePath,
    sas: String(ready.azureStorageUri),
    payload,
    expires: String(ready.azureStorageUriExpirationDateTime)
  }
}

const expectAzure = async (res: Response, status: number, code: string) => {
  expect(res.status).toBe(status)
  expect(res.headers.get("x-ms-error-code")).toBe(code)
  const text = await res.text()
  expect(text).toContain(`<Error><Code>${code}</Code><Message>`)
  return text
}

describe("blob storage endpoint", () => {
  it("answers 403 AuthenticationFailed for an expired URL; renewUpload grants a fresh one", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const { filePath, sas, expires } = await fileWithUrl(sim, token)
    const block = Buffer.from("0000").toString("base64")
    advance(sim, 15 * 60_000)
    const expired = await call(sim, "PUT", `${sas}&comp=block&blockid=${block}`, {
      body: new Uint8Array([1, 2, 3])
    })
    const text = await expectAzure(expired, 403, "AuthenticationFailed")
    expect(text).toContain("<AuthenticationErrorDetail>")
    expect(text).toContain("Signature not valid in the specified time frame")
    expect((await call(sim, "POST", `${filePath}/renewUpload`, { token })).status).toBe(204)
    expect((await json(await call(sim, "GET", filePath, { token }))).uploadState).toBe(
      "azureStorageUriRenewalPending"
    )
    advance(sim, 2_000)
    const renewed = await json(await call(sim, "GET", filePath, { token }))
    expect(renewed.uploadState).toBe("azureStorageUriRenewalSuccess")
    expect(Date.parse(String(renewed.azureStorageUriExpirationDateTime))).toBeGreaterThan(Date.parse(expires))
    const put = await call(sim, "PUT", `${String(renewed.azureStorageUri)}&comp=block&blockid=${block}`, {
      body: new Uint8Array([1])
    })
    expect(put.status).toBe(201)
    expect(put.headers.get("x-ms-request-server-encrypted")).toBe("true")
    // A renewal while one is pending is refused.
    await call(sim, "POST", `${filePath}/renewUpload`, { token })
    expect((await call(sim, "POST", `${filePath}/renewUpload`, { token, body: {} })).status).toBe(400)
    expect((await call(sim, "POST", `${filePath}/renewUpload`, { token, body: { x: 1 } })).status).toBe(400)
  })

  it("rejects tampered URLs, bad block ids, unequal id lengths, unknown blocks and bad XML", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const { sas } = await fileWithUrl(sim, token)
    const id4 = Buffer.from("0000").toString("base64")
    await expectAzure(
      await call(sim, "PUT", `${sas.replace(/sig=[^&]+/, "sig=AAAA")}&comp=block&blockid=${id4}`),
      403,
      "AuthenticationFailed"
    )
    await expectAzure(
      await call(
        sim,
        "PUT",
        `${sas.replace("_storage/tenant-a/", "_storage/tenant-a/x")}&comp=block&blockid=${id4}`
      ),
      403,
      "AuthenticationFailed"
    )
    await expectAzure(await call(sim, "PUT", sas.replace(/&sig=.*/, "")), 403, "AuthenticationFailed")
    await expectAzure(await call(sim, "PUT", `${sas}&comp=block`), 400, "InvalidQueryParameterValue")
    await expectAzure(
      await call(sim, "PUT", `${sas}&comp=block&blockid=@@@`),
      400,
      "InvalidQueryParameterValue"
    )
    await expectAzure(await call(sim, "PUT", `${sas}&comp=append`), 400, "InvalidQueryParameterValue")
    expect(
      (await call(sim, "PUT", `${sas}&comp=block&blockid=${id4}`, { body: new Uint8Array([1]) })).status
    ).toBe(201)
    const id8 = Buffer.from("00000001").toString("base64")
    await expectAzure(
      await call(sim, "PUT", `${sas}&comp=block&blockid=${id8}`, { body: new Uint8Array([1]) }),
      400,
      "InvalidBlobOrBlock"
    )
    await expectAzure(
      await call(sim, "PUT", `${sas}&comp=blocklist`, {
        body: "<BlockList><Latest>bm9wZQ==</Latest></BlockList>"
      }),
      400,
      "InvalidBlockList"
    )
    await expectAzure(
      await call(sim, "PUT", `${sas}&comp=blocklist`, { body: "<NotAList/>" }),
      400,
      "InvalidXmlDocument"
    )
    await expectAzure(
      await call(sim, "PUT", `${sas}&comp=blocklist`, {
        body: "<BlockList><Latest>x</Latest>junk</BlockList>"
      }),
      400,
      "InvalidXmlDocument"
    )
    await expectAzure(await call(sim, "GET", sas), 404, "BlobNotFound")
    const list = await call(sim, "PUT", `${sas}&comp=blocklist`, {
      body: `<BlockList><Uncommitted>${id4}</Uncommitted></BlockList>`
    })
    expect(list.status).toBe(201)
    expect(list.headers.get("etag")).toMatch(/^"0x/)
    const got = await call(sim, "GET", sas)
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(new Uint8Array([1]))
  })

  it("accepts a single Put Blob with x-ms-blob-type and commits it", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const { sas, payload, filePath } = await fileWithUrl(sim, token)
    await expectAzure(
      await call(sim, "PUT", sas, { body: new Uint8Array(payload.bytes) }),
      400,
      "MissingRequiredHeader"
    )
    const put = await call(sim, "PUT", sas, {
      body: new Uint8Array(payload.bytes),
      headers: { "x-ms-blob-type": "BlockBlob" }
    })
    expect(put.status).toBe(201)
    await call(sim, "POST", `${filePath}/commit`, { token, body: { fileEncryptionInfo: payload.info } })
    advance(sim, 5_000)
    expect((await json(await call(sim, "GET", filePath, { token }))).uploadState).toBe("commitFileSuccess")
    expect((await call(sim, "POST", `${filePath}/renewUpload`, { token })).status).toBe(400)
    expect(
      (await call(sim, "POST", `${filePath}/commit`, { token, body: { fileEncryptionInfo: payload.info } }))
        .status
    ).toBe(400)
    expect(
      (await call(sim, "POST", `${filePath}/commit`, { token, body: { fileEncryptionInfo: {} } })).status
    ).toBe(400)
  })
})

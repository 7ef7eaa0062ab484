import { describe, expect, it } from "vitest"
import { encryptPayload } from "./support/payload.js"
import { uploadBlocks } from "./support/publish.js"
import { admin, advance, appBody, arr, call, json, makeSim, obj, type Sim, tokenFor } from "./support/sim.js"

const APPS = "/v1.0/deviceAppManagement/mobileApps"

const setup = async (sim: Sim, token: string, cast = "/microsoft.graph.win32LobApp") => {
  const created = await call(sim, "POST", APPS, { token, body: appBody() })
  const appId = String((await json(created)).id)
  const cv = await call(sim, "POST", `${APPS}/${appId}${cast}/contentVersions`, { token, body: {} })
  expect(cv.status).toBe(201)
  const cvId = String((await json(cv)).id)
  return { appId, cvId, cvPath: `${APPS}/${appId}${cast}/contentVersions/${cvId}` }
}

const createFile = async (sim: Sim, token: string, cvPath: string, sizeEncrypted: number, size = 10) => {
  const file = await call(sim, "POST", `${cvPath}/files`, {
    token,
    body: {
      "@odata.type": "#microsoft.graph.mobileAppContentFile",
      name: "IntunePackage.intunewin",
      size,
      sizeEncrypted,
      manifest: null,
      isDependency: false
    }
  })
  expect(file.status).toBe(201)
  const body = await json(file)
  return { fileId: String(body.id), filePath: `${cvPath}/files/${String(body.id)}`, body }
}

describe("publish state machine", () => {
  it("takes a new app from notPublished through upload, commit and processing to published", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const { appId, cvId, cvPath } = await setup(sim, token)
    const app = await json(await call(sim, "GET", `${APPS}/${appId}`, { token }))
    expect(app.publishingState).toBe("notPublished")
    expect(cvId).toBe("1")

    const payload = encryptPayload()
    const { filePath, body } = await createFile(sim, token, cvPath, payload.bytes.length, payload.plainSize)
    expect(body.uploadState).toBe("azureStorageUriRequestPending")
    expect(body.azureStorageUri).toBeNull()

    advance(sim, 1_999)
    expect((await json(await call(sim, "GET", filePath, { token }))).uploadState).toBe(
      "azureStorageUriRequestPending"
    )
    advance(sim, 1)
    const ready = await json(await call(sim, "GET", filePath, { token }))
    expect(ready.uploadState).toBe("azureStorageUriRequestSuccess")
    expect(String(ready.azureStorageUri)).toMatch(
      /^http:\/\/localhost\/_storage\/tenant-a\/.+\?sv=2019-02-02&sr=b&sp=rcw&se=.+&sig=/
    )
    expect(Date.parse(String(ready.azureStorageUriExpirationDateTime))).toBe(
      sim.kit.clock.now() + 15 * 60_000
    )

    await uploadBlocks(sim, String(ready.azureStorageUri), payload.bytes)
    const early = await call(sim, "PATCH", `${APPS}/${appId}`, {
      token,
      body: { committedContentVersion: cvId }
    })
    expect(early.status).toBe(400)

    expect(
      (await call(sim, "POST", `${filePath}/commit`, { token, body: { fileEncryptionInfo: payload.info } }))
        .status
    ).toBe(204)
    expect((await json(await call(sim, "GET", filePath, { token }))).uploadState).toBe("commitFilePending")
    advance(sim, 5_000)
    const committed = await json(await call(sim, "GET", filePath, { token }))
    expect(committed.uploadState).toBe("commitFileSuccess")
    expect(committed.isCommitted).toBe(true)

    const patch = await call(sim, "PATCH", `${APPS}/${appId}`, {
      token,
      body: { "@odata.type": "#microsoft.graph.win32LobApp", committedContentVersion: cvId }
    })
    expect(patch.status).toBe(204)
    const processing = await json(await call(sim, "GET", `${APPS}/${appId}`, { token }))
    expect(processing.publishingState).toBe("processing")
    expect(processing.committedContentVersion).toBe(cvId)
    advance(sim, 10_000)
    const published = await json(await call(sim, "GET", `${APPS}/${appId}`, { token }))
    expect(published.publishingState).toBe("published")
    expect(published.size).toBe(payload.plainSize)

    // A second content version on a published app keeps it published.
    const cv2 = await call(sim, "POST", `${APPS}/${appId}/contentVersions`, { token, body: {} })
    expect((await json(cv2)).id).toBe("2")
  })

  it.each([
    ["truncated", (b: Buffer) => b.subarray(0, b.length - 16), "sizeEncrypted"],
    [
      "corrupt",
      (b: Buffer) => Buffer.concat([b.subarray(0, 60), Buffer.from([b[60] === 0 ? 1 : 0]), b.subarray(61)]),
      "MAC"
    ]
  ])("fails the commit of a %s upload with commitFileFailed", async (_, damage, reason) => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const { cvPath, appId, cvId } = await setup(sim, token, "/microsoft.graph.mobileLobApp")
    const payload = encryptPayload()
    const { filePath } = await createFile(sim, token, cvPath, payload.bytes.length)
    advance(sim, 2_000)
    const ready = await json(await call(sim, "GET", filePath, { token }))
    await uploadBlocks(sim, String(ready.azureStorageUri), damage(payload.bytes))
    await call(sim, "POST", `${filePath}/commit`, { token, body: { fileEncryptionInfo: payload.info } })
    advance(sim, 5_000)
    expect((await json(await call(sim, "GET", filePath, { token }))).uploadState).toBe("commitFileFailed")
    const state = await json(await admin(sim, "GET", "/graph/apps"))
    expect(JSON.stringify(state.apps)).toContain(reason)
    const patch = await call(sim, "PATCH", `${APPS}/${appId}`, {
      token,
      body: { committedContentVersion: cvId }
    })
    expect(patch.status).toBe(400)
  })

  it("fails the commit when the declared encryption info is wrong, and lets a corrected commit succeed", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const { cvPath } = await setup(sim, token, "")
    const payload = encryptPayload()
    const { filePath } = await createFile(sim, token, cvPath, payload.bytes.length)
    advance(sim, 2_000)
    const ready = await json(await call(sim, "GET", filePath, { token }))
    await uploadBlocks(sim, String(ready.azureStorageUri), payload.bytes)
    const wrongDigest = { ...payload.info, fileDigest: Buffer.alloc(32).toString("base64") }
    await call(sim, "POST", `${filePath}/commit`, { token, body: { fileEncryptionInfo: wrongDigest } })
    advance(sim, 5_000)
    expect((await json(await call(sim, "GET", filePath, { token }))).uploadState).toBe("commitFileFailed")
    await call(sim, "POST", `${filePath}/commit`, { token, body: { fileEncryptionInfo: payload.info } })
    advance(sim, 5_000)
    expect((await json(await call(sim, "GET", filePath, { token }))).uploadState).toBe("commitFileSuccess")
  })

  it("refuses to commit before the upload URL exists and fails a commit with nothing uploaded", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const { cvPath } = await setup(sim, token)
    const payload = encryptPayload()
    const { filePath } = await createFile(sim, token, cvPath, payload.bytes.length)
    const early = await call(sim, "POST", `${filePath}/commit`, {
      token,
      body: { fileEncryptionInfo: payload.info }
    })
    expect(early.status).toBe(400)
    expect(obj((await json(early)).error).code).toBe("BadRequest")
    advance(sim, 2_000)
    await call(sim, "POST", `${filePath}/commit`, { token, body: { fileEncryptionInfo: payload.info } })
    advance(sim, 5_000)
    expect((await json(await call(sim, "GET", filePath, { token }))).uploadState).toBe("commitFileFailed")
  })

  it("lists content versions and files and answers 404 for unknown ones", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const { cvPath, appId } = await setup(sim, token)
    await createFile(sim, token, cvPath, 64)
    const versions = await json(
      await call(sim, "GET", `${APPS}/${appId}/microsoft.graph.win32LobApp/contentVersions`, { token })
    )
    expect(versions.value).toEqual([{ "@odata.type": "#microsoft.graph.mobileAppContent", id: "1" }])
    expect((await json(await call(sim, "GET", cvPath, { token }))).id).toBe("1")
    const files = await json(await call(sim, "GET", `${cvPath}/files`, { token }))
    expect(arr(files.value).length).toBe(1)
    expect((await call(sim, "GET", `${APPS}/${appId}/contentVersions/9`, { token })).status).toBe(404)
    expect((await call(sim, "GET", `${cvPath}/files/nope`, { token })).status).toBe(404)
    expect((await call(sim, "POST", `${APPS}/nope/contentVersions`, { token, body: {} })).status).toBe(404)
    const bad = await call(sim, "POST", `${cvPath}/files`, {
      token,
      body: { name: "x", size: -1, sizeEncrypted: 1 }
    })
    expect(bad.status).toBe(400)
    expect(String(obj((await json(bad)).error).message)).toContain("size")
  })

  it("publishes immediately when the publish delay is zero", async () => {
    const sim = makeSim({ settings: { publishDelayMs: 0, sasDelayMs: 0, commitDelayMs: 0 } })
    const token = await tokenFor(sim)
    const { cvPath, appId, cvId } = await setup(sim, token)
    const payload = encryptPayload()
    const { filePath, body } = await createFile(sim, token, cvPath, payload.bytes.length)
    expect(body.uploadState).toBe("azureStorageUriRequestSuccess")
    await uploadBlocks(sim, String(body.azureStorageUri), payload.bytes)
    await call(sim, "POST", `${filePath}/commit`, { token, body: { fileEncryptionInfo: payload.info } })
    await call(sim, "PATCH", `${APPS}/${appId}`, { token, body: { committedContentVersion: cvId } })
    expect((await json(await call(sim, "GET", `${APPS}/${appId}`, { token }))).publishingState).toBe(
      "published"
    )
  })
})

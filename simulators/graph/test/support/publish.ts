import { expect } from "vitest"
import { encryptPayload } from "./payload.js"
import { advance, appBody, call, json, type Sim } from "./sim.js"

/** Uploads bytes to an upload URL as Put Block (two blocks when possible) + Put Block List. */
export const uploadBlocks = async (sim: Sim, sasUri: string, bytes: Buffer): Promise<void> => {
  const half = Math.ceil(bytes.length / 2)
  const chunks = [bytes.subarray(0, half), bytes.subarray(half)].filter((c) => c.length > 0)
  const ids = chunks.map((_, i) => Buffer.from(String(i).padStart(4, "0")).toString("base64"))
  for (const [i, chunk] of chunks.entries()) {
    const res = await call(sim, "PUT", `${sasUri}&comp=block&blockid=${encodeURIComponent(ids[i] ?? "")}`, {
      body: new Uint8Array(chunk),
      headers: { "x-ms-blob-type": "BlockBlob" }
    })
    expect(res.status).toBe(201)
  }
  const list = `<?xml version="1.0" encoding="utf-8"?><BlockList>${ids.map((id) => `<Latest>${id}</Latest>`).join("")}</BlockList>`
  const res = await call(sim, "PUT", `${sasUri}&comp=blocklist`, { body: list })
  expect(res.status).toBe(201)
}

/** Creates an app and drives it to `published` with a correctly encrypted upload; returns its id. */
export const publishApp = async (
  sim: Sim,
  token: string,
  version: "v1.0" | "beta" = "v1.0",
  overrides: Record<string, unknown> = {}
): Promise<string> => {
  const base = `/${version}/deviceAppManagement/mobileApps`
  const created = await call(sim, "POST", base, { token, body: appBody(overrides) })
  expect(created.status).toBe(201)
  const appId = String((await json(created)).id)
  const cv = await call(sim, "POST", `${base}/${appId}/microsoft.graph.win32LobApp/contentVersions`, {
    token,
    body: {}
  })
  const cvId = String((await json(cv)).id)
  const payload = encryptPayload()
  const file = await call(
    sim,
    "POST",
    `${base}/${appId}/microsoft.graph.win32LobApp/contentVersions/${cvId}/files`,
    {
      token,
      body: {
        name: "IntunePackage.intunewin",
        size: payload.plainSize,
        sizeEncrypted: payload.bytes.length,
        manifest: null,
        isDependency: false
      }
    }
  )
  const fileId = String((await json(file)).id)
  const filePath = `${base}/${appId}/microsoft.graph.win32LobApp/contentVersions/${cvId}/files/${fileId}`
  advance(sim, 60_000)
  const ready = await json(await call(sim, "GET", filePath, { token }))
  await uploadBlocks(sim, String(ready.azureStorageUri), payload.bytes)
  expect(
    (await call(sim, "POST", `${filePath}/commit`, { token, body: { fileEncryptionInfo: payload.info } }))
      .status
  ).toBe(204)
  advance(sim, 60_000)
  expect((await json(await call(sim, "GET", filePath, { token }))).uploadState).toBe("commitFileSuccess")
  const patched = await call(sim, "PATCH", `${base}/${appId}`, {
    token,
    body: { "@odata.type": "#microsoft.graph.win32LobApp", committedContentVersion: cvId }
  })
  expect(patched.status).toBe(204)
  advance(sim, 60_000)
  return appId
}

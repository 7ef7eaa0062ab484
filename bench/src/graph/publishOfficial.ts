import { Client, GraphError } from "@microsoft/microsoft-graph-client"
import { intentKey, type PackageIntent } from "@planes/core"
import { appDisplayName, mobileAppAssignmentBody, win32LobAppBody } from "@planes/intune"
import { readIntuneWin, toContentFileCommitBody } from "@planes/intunewin"
import { Effect, Schema } from "effect"
import { graphToken } from "./graphSim.js"
import type { IntentBatch } from "./intents.js"
import type { BatchOutcome } from "./publishOurs.js"

const pollMs = 10
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

// The official client hands back untyped JSON; the script reads only these fields, decoded.
const WithId = Schema.Struct({ id: Schema.String })
const AppList = Schema.Struct({ value: Schema.Array(WithId) })
const FileState = Schema.Struct({
  id: Schema.String,
  uploadState: Schema.String,
  azureStorageUri: Schema.optional(Schema.NullOr(Schema.String))
})
const withId = Schema.decodeUnknownSync(WithId)

/**
 * The same publish and assign as the Intune plane, written the way a user of Microsoft's JavaScript Graph
 * client would: `Client.init` with its default middleware (auth, RetryHandler: 429/503/504, Retry-After,
 * three retries), one request after another, polling every 10 ms like the plane. Storage uploads use bare
 * fetch, as the Graph client does not speak Azure blob storage.
 */
export const publishWithOfficialClient = async (
  batch: IntentBatch,
  options: { readonly url: string; readonly concurrency: number }
): Promise<BatchOutcome> => {
  const token = await graphToken(options.url)
  const client = Client.init({
    baseUrl: `${options.url}/`,
    defaultVersion: "v1.0",
    authProvider: (done) => done(null, token)
  })
  // The client's auth handler only signs https Graph hosts; on the loopback simulator the header is set
  // per request instead. Every other middleware (retry, redirect, telemetry) runs as shipped.
  const api = (path: string) => client.api(path).header("authorization", `Bearer ${token}`)
  const pkg = await Effect.runPromise(readIntuneWin(batch.artifactPath))
  const payload = await Effect.runPromise(pkg.readEncryptedRange(0, pkg.encryptedSize))

  const waitForFile = async (path: string, done: string): Promise<typeof FileState.Type> => {
    for (;;) {
      const file = Schema.decodeUnknownSync(FileState)(await api(path).get())
      if (file.uploadState === done) return file
      if (file.uploadState.endsWith("Failed")) throw new Error(`content file ${file.id}: ${file.uploadState}`)
      await sleep(pollMs)
    }
  }

  const publishOne = async (intent: PackageIntent, index: number): Promise<void> => {
    const key = intentKey(intent)
    const name = appDisplayName(intent)
    const filter = `displayName eq '${name.replace(/'/g, "''")}'`
    const existing = Schema.decodeUnknownSync(AppList)(
      await api("/deviceAppManagement/mobileApps").filter(filter).get()
    )
    if (existing.value.length > 0) throw new Error(`${name} exists already`)
    const mapped = win32LobAppBody(
      intent,
      key,
      { fileName: pkg.detection.fileName, setupFile: pkg.detection.setupFile },
      "v1.0"
    )
    if (mapped._tag !== "Ok") throw new Error(`cannot map ${name}`)
    const app = withId(await api("/deviceAppManagement/mobileApps").post(mapped.body))
    const appPath = `/deviceAppManagement/mobileApps/${app.id}`
    const versionsPath = `${appPath}/microsoft.graph.win32LobApp/contentVersions`
    const version = withId(await api(versionsPath).post({}))
    const file = withId(
      await api(`${versionsPath}/${version.id}/files`).post({
        "@odata.type": "#microsoft.graph.mobileAppContentFile",
        name: pkg.detection.fileName,
        size: pkg.detection.unencryptedContentSize,
        sizeEncrypted: pkg.encryptedSize,
        manifest: null,
        isDependency: false
      })
    )
    const filePath = `${versionsPath}/${version.id}/files/${file.id}`
    const granted = await waitForFile(filePath, "azureStorageUriRequestSuccess")
    await uploadBlob(granted.azureStorageUri ?? "", payload)
    await api(`${filePath}/commit`).post(toContentFileCommitBody(pkg.detection))
    await waitForFile(filePath, "commitFileSuccess")
    await api(appPath).patch({
      "@odata.type": "#microsoft.graph.win32LobApp",
      committedContentVersion: version.id
    })
    const assignment = batch.assignments[index]
    if (assignment === undefined) return
    const body = mobileAppAssignmentBody(assignment, undefined, "beta")
    if (body._tag !== "Ok") throw new Error(`cannot map the assignment of ${name}`)
    await api(`${appPath}/assignments`).version("beta").post(body.body)
  }

  const failures: string[] = []
  const started = performance.now()
  let next = 0
  const worker = async () => {
    for (let index = next++; index < batch.packages.length; index = next++) {
      const intent = batch.packages[index]
      if (intent === undefined) continue
      await publishOne(intent, index).catch((error: unknown) => {
        failures.push(error instanceof GraphError ? `${error.statusCode} ${error.code}` : String(error))
      })
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker))
  return {
    elapsedMs: performance.now() - started,
    failed: failures.length,
    ...(failures[0] === undefined ? {} : { firstFailure: failures[0] })
  }
}

// One Put Block and a Put Block List, as Azure storage expects them.
const uploadBlob = async (sasUrl: string, payload: Uint8Array): Promise<void> => {
  const blockId = Buffer.from("0000").toString("base64")
  const block = new URL(sasUrl)
  block.searchParams.set("comp", "block")
  block.searchParams.set("blockid", blockId)
  const put = await fetch(block, {
    method: "PUT",
    headers: { "x-ms-blob-type": "BlockBlob", "content-type": "application/octet-stream" },
    body: Buffer.from(payload)
  })
  if (!put.ok) throw new Error(`put block: ${put.status}`)
  const list = new URL(sasUrl)
  list.searchParams.set("comp", "blocklist")
  const commit = await fetch(list, {
    method: "PUT",
    headers: { "content-type": "application/xml" },
    body: `<?xml version="1.0" encoding="utf-8"?><BlockList><Latest>${blockId}</Latest></BlockList>`
  })
  if (!commit.ok) throw new Error(`put block list: ${commit.status}`)
}

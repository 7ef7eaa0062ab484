import { XmlBuilder } from "@pact-foundation/pact"
import { Effect } from "effect"
import { beforeAll, describe, it } from "vitest"
import { planBlocks } from "../../src/upload/blocks.js"
import { uploadContent } from "../../src/upload/uploadContent.js"
import {
  exampleAppId,
  exampleContentVersionId,
  exampleFileId,
  examplePackage,
  examplePayload,
  fromState,
  graphClient,
  pactV4,
  runOk,
  startFresh,
  stateValue,
  storageClients,
  storageProvider
} from "./pactSupport.js"

// The Intune adapter's contract with Azure Storage behind a content file's upload URL: Put Block for each
// block of the encrypted payload, then Put Block List. The SAS URL is the credential and comes from the
// provider state (a content file awaiting upload), so the path and every SAS parameter are injected.

/** The upload URL's path and SAS parameters, as a content file's azureStorageUri carries them. */
const sas = {
  path: "/pactcontainer/pact-upload.bin",
  query: {
    sv: "2019-02-02",
    sr: "b",
    sp: "rcw",
    se: "2026-11-25T12:15:00Z",
    sig: "cGFjdC1leGFtcGxlLXNpZ25hdHVyZQ=="
  }
} as const

const sasQuery = Object.fromEntries(
  Object.entries(sas.query).map(([name, example]) => [name, fromState("^\\S+$", stateValue(name), example)])
)
const blobPath = fromState("^/\\S+$", stateValue("blobPath"), sas.path)
const [block] = planBlocks(examplePayload.length, 1024)
const blockId = block?.id ?? ""

const storage = pactV4(storageProvider)

beforeAll(() => startFresh(storageProvider))

describe("Azure Storage block upload", () => {
  it("uploads the encrypted payload as blocks, then commits the block list", async () => {
    storage
      .addInteraction()
      .given("a content file awaiting upload exists")
      .uponReceiving("a Put Block of the encrypted payload")
      .withRequest("PUT", blobPath, (b) =>
        b
          .query({ ...sasQuery, comp: "block", blockid: blockId })
          .headers({ "x-ms-blob-type": "BlockBlob" })
          .body("application/octet-stream", Buffer.from(examplePayload))
      )
      .willRespondWith(201)
    await storage
      .addInteraction()
      .given("block {blockId} was put to the upload URL of a content file", { blockId })
      .uponReceiving("a Put Block List naming every block as the latest")
      .withRequest("PUT", blobPath, (b) =>
        b.query({ ...sasQuery, comp: "blocklist" }).xmlBody(
          new XmlBuilder("1.0", "utf-8", "BlockList").build((list) => {
            list.appendElement("Latest", new Map(), blockId)
          })
        )
      )
      .willRespondWith(201)
      .executeTest(async (server) => {
        const url = new URL(`${server.url}${sas.path}`)
        for (const [name, value] of Object.entries(sas.query)) url.searchParams.set(name, value)
        await runOk(
          Effect.gen(function* () {
            // The Graph client is only used to renew an expiring URL, which this far-off expiry never needs.
            const graph = yield* graphClient(server.url)
            const storage = yield* storageClients
            yield* uploadContent(
              graph,
              storage,
              {
                appId: exampleAppId,
                contentVersionId: exampleContentVersionId,
                file: {
                  id: exampleFileId,
                  uploadState: "azureStorageUriRequestSuccess",
                  azureStorageUri: url.toString(),
                  azureStorageUriExpirationDateTime: "2099-01-01T00:00:00Z"
                }
              },
              examplePackage,
              { blockSize: 1024, renewalMarginMillis: 0, poll: { intervalSeconds: 0.01, timeoutSeconds: 30 } }
            )
          })
        )
      })
  })
})

import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { storageErrorDetail } from "../../src/upload/storageErrorProfile.js"
import { uploadContent } from "../../src/upload/uploadContent.js"
import { fakeRuntime, fakeTransport, json } from "../support/fakeGraph.js"

const pkg = {
  path: "/x.intunewin",
  detection: {} as never,
  encryptedSize: 10,
  openEncryptedContent: () => {
    throw new Error("not used")
  },
  readEncryptedRange: () => Effect.succeed(new Uint8Array(10))
}
const settings = { blockSize: 1024, renewalMarginMillis: 0, poll: { intervalSeconds: 1, timeoutSeconds: 1 } }

describe("the upload", () => {
  it.effect("refuses a file without a usable upload URL before touching storage", () =>
    Effect.gen(function* () {
      const fake = yield* fakeTransport(() => json(500, {}))
      const runtime = yield* fakeRuntime(fake.layer)
      for (const azureStorageUri of [null, "not a url"]) {
        const file = { id: "f", uploadState: "azureStorageUriRequestSuccess", azureStorageUri }
        const error = yield* Effect.flip(
          uploadContent(
            runtime.graph,
            runtime.storage,
            { appId: "a", contentVersionId: "1", file },
            pkg,
            settings
          )
        )
        expect(error).toMatchObject({ _tag: "PermanentError", code: "NoUploadUrl" })
      }
      expect(yield* fake.seen).toHaveLength(0)
    })
  )

  it("reads Azure Storage's XML errors", () => {
    const body =
      '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request.\nRequestId:1</Message></Error>'
    expect(storageErrorDetail({ status: 403, headers: {}, body })).toEqual({
      code: "AuthenticationFailed",
      message: "Server failed to authenticate the request."
    })
    expect(storageErrorDetail({ status: 500, headers: {}, body: "" })).toEqual({})
  })
})

import { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Http } from "@planes/core"
import { Effect, Layer } from "effect"
import { makeAdminServiceClient } from "../../src/adminservice/AdminServiceClient.js"
import { makeSiteId } from "../../src/publish/siteId.js"
import { fakeHttp, json } from "../support/fakeHttp.js"
import { testRetries } from "../support/layers.js"

const siteIdFrom = (answers: ReadonlyArray<Response>, configured?: string) =>
  Effect.gen(function* () {
    const fake = yield* fakeHttp((_, i) => answers[i] ?? json(500, {}))
    const client = yield* Http.makePlaneHttpClient({
      plane: "sccm",
      baseUrl: "https://cm01/AdminService"
    }).pipe(Effect.provide(Layer.merge(Layer.succeed(HttpClient.HttpClient, fake.client), testRetries)))
    return { siteId: yield* makeSiteId(makeAdminServiceClient(client, 10), configured), seen: fake.seen }
  })

describe("the site id", () => {
  it.effect("is the configured one, without asking", () =>
    Effect.gen(function* () {
      const { siteId, seen } = yield* siteIdFrom([], "{AAAA}")
      expect(yield* siteId).toBe("{AAAA}")
      expect(yield* seen).toHaveLength(0)
    })
  )

  it.effect(
    "else is asked of SMS_Identification once; an empty answer is an error that is not remembered",
    () =>
      Effect.gen(function* () {
        const { siteId, seen } = yield* siteIdFrom([
          json(201, { ReturnValue: 0 }),
          json(201, { ReturnValue: 0, SiteID: "{11111111-2222-3333-4444-555555555555}" })
        ])
        expect(yield* Effect.flip(siteId)).toMatchObject({ code: "NoSiteId" })
        expect(yield* siteId).toBe("{11111111-2222-3333-4444-555555555555}")
        expect(yield* siteId).toBe("{11111111-2222-3333-4444-555555555555}")
        const calls = yield* seen
        expect(calls).toHaveLength(2)
        expect(calls[0]?.url.pathname).toBe("/AdminService/wmi/SMS_Identification.GetSiteID")
      })
  )
})

import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Either, Layer } from "effect"
import {
  decodeLandscapeConfig,
  landscapeConfigFromEnv,
  loadLandscapeConfig
} from "../../src/config/loadConfig.js"
import { LandscapePlane } from "../../src/LandscapePlane.js"
import { testRetries, testSecrets } from "../support/simulator.js"

const valid = {
  url: "https://landscape.example.com",
  auth: {
    _tag: "accessKey",
    accessKey: "vault:secret/planes/landscape#access_key",
    secretKey: "vault:secret/planes/landscape#secret_key"
  },
  repository: {
    distribution: "ubuntu",
    series: "jammy",
    pocket: "updates",
    mode: "mirror",
    mirrorUri: "http://archive.ubuntu.com/ubuntu",
    profile: { tags: ["ring-0"] }
  }
}

describe("configuration", () => {
  it("decodes with defaults and refuses literal secrets", () => {
    const decoded = decodeLandscapeConfig(valid)
    expect(Either.getOrThrow(decoded)).toMatchObject({
      apiVersion: "2011-08-01",
      tokenMinutes: 60,
      pageSize: 200
    })
    const literal = decodeLandscapeConfig({
      ...valid,
      auth: { _tag: "accessKey", accessKey: "AK123", secretKey: "s3cret" }
    })
    expect(Either.isLeft(literal)).toBe(true)
  })

  it.effect("reads LANDSCAPE_CONFIG as JSON and builds the plane from it", () =>
    Effect.gen(function* () {
      const provider = ConfigProvider.fromMap(new Map([["LANDSCAPE_CONFIG", JSON.stringify(valid)]]))
      const config = yield* loadLandscapeConfig(landscapeConfigFromEnv).pipe(
        Effect.withConfigProvider(provider)
      )
      expect(config.repository.components).toEqual(["main"])
      const plane = yield* Effect.provide(
        LandscapePlane,
        LandscapePlane.layerConfig().pipe(
          Layer.provide(Layer.mergeAll(FetchHttpClient.layer, testRetries, testSecrets))
        )
      ).pipe(Effect.withConfigProvider(provider))
      expect(plane.plane).toBe("landscape")
      const notJson = ConfigProvider.fromMap(new Map([["LANDSCAPE_CONFIG", "{"]]))
      const error = yield* Effect.flip(
        loadLandscapeConfig(landscapeConfigFromEnv).pipe(Effect.withConfigProvider(notJson))
      )
      expect(String(error)).toContain("not JSON")
      const bad = ConfigProvider.fromMap(new Map([["LANDSCAPE_CONFIG", "{}"]]))
      expect(
        Either.isLeft(
          yield* Effect.either(
            loadLandscapeConfig(landscapeConfigFromEnv).pipe(Effect.withConfigProvider(bad))
          )
        )
      ).toBe(true)
    })
  )
})

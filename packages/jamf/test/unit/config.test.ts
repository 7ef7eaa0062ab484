import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Either, Layer } from "effect"
import { decodeJamfConfig, jamfConfigFromEnv, loadJamfConfig } from "../../src/config/loadConfig.js"
import { JamfPlane } from "../../src/JamfPlane.js"
import { testRetries, testSecrets } from "../support/layers.js"

const withEnv = (env: Record<string, string>) =>
  Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

describe("configuration", () => {
  it("decodes with defaults, and names every bad field", () => {
    const decoded = decodeJamfConfig({
      baseUrl: "https://example.jamfcloud.com",
      auth: {
        _tag: "clientCredentials",
        clientId: "planes",
        clientSecret: "vault:secret/planes/jamf#client_secret"
      }
    })
    expect(decoded).toMatchObject({
      _tag: "Right",
      right: {
        maxConcurrent: 5,
        pageSize: 100,
        stickyCookieNames: ["jpro-ingress", "APBALANCEID"],
        categoryId: "-1"
      }
    })
    const bad = decodeJamfConfig({
      baseUrl: "ftp://x",
      auth: { _tag: "userToken", username: "u", password: "hunter2" }
    })
    expect(Either.isLeft(bad)).toBe(true)
    if (Either.isLeft(bad)) expect(String(bad.left)).toMatch(/baseUrl[\s\S]*password/)
  })

  it.effect("reads an API client from the environment", () =>
    Effect.gen(function* () {
      const config = yield* loadJamfConfig(jamfConfigFromEnv)
      expect(config.auth).toEqual({
        _tag: "clientCredentials",
        clientId: "planes",
        clientSecret: "env:JAMF_SECRET"
      })
    }).pipe(
      withEnv({
        JAMF_BASE_URL: "https://example.jamfcloud.com",
        JAMF_CLIENT_ID: "planes",
        JAMF_CLIENT_SECRET_REF: "env:JAMF_SECRET"
      })
    )
  )

  it.effect("reads a user from the environment", () =>
    Effect.gen(function* () {
      const config = yield* loadJamfConfig(jamfConfigFromEnv)
      expect(config.auth).toEqual({ _tag: "userToken", username: "svc", password: "file:/run/secrets/jamf" })
    }).pipe(
      withEnv({
        JAMF_BASE_URL: "https://example.jamfcloud.com",
        JAMF_USERNAME: "svc",
        JAMF_PASSWORD_REF: "file:/run/secrets/jamf"
      })
    )
  )

  it.effect("refuses an environment without credentials, or with a bad value", () =>
    Effect.gen(function* () {
      const missing = yield* Effect.flip(
        loadJamfConfig(jamfConfigFromEnv).pipe(withEnv({ JAMF_BASE_URL: "https://x.test" }))
      )
      expect(String(missing)).toContain("JAMF_CLIENT_SECRET_REF")
      const invalid = yield* Effect.flip(
        loadJamfConfig(jamfConfigFromEnv).pipe(
          withEnv({ JAMF_BASE_URL: "not a url", JAMF_CLIENT_ID: "a", JAMF_CLIENT_SECRET_REF: "env:B" })
        )
      )
      expect(String(invalid)).toContain("baseUrl")
    })
  )

  it.scoped("builds the plane from the environment", () =>
    Effect.gen(function* () {
      const plane = yield* JamfPlane
      expect(plane.plane).toBe("jamf")
    }).pipe(
      Effect.provide(
        JamfPlane.layerConfig().pipe(
          Layer.provide(Layer.mergeAll(FetchHttpClient.layer, testRetries, testSecrets))
        )
      ),
      withEnv({
        JAMF_BASE_URL: "https://example.jamfcloud.com",
        JAMF_CLIENT_ID: "planes",
        JAMF_CLIENT_SECRET_REF: "env:X"
      })
    )
  )
})

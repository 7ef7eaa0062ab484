import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Either, Layer } from "effect"
import { decodeIntuneConfig, intuneConfigFromEnv, loadIntuneConfig } from "../../src/config/loadConfig.js"
import { IntunePlane } from "../../src/IntunePlane.js"
import { testRetries, testSecrets } from "../support/layers.js"

const fromEnv = (env: Record<string, string>) =>
  loadIntuneConfig(intuneConfigFromEnv).pipe(
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))
  )

describe("configuration", () => {
  it.effect(
    "fills Intune's defaults: v1.0 for apps, beta for filters and reports, the documented write limit",
    () =>
      Effect.gen(function* () {
        const config = yield* fromEnv({
          INTUNE_TENANT_ID: "t",
          INTUNE_CLIENT_ID: "c",
          INTUNE_CERTIFICATE_REF: "vault:secret/intune#cert",
          INTUNE_PRIVATE_KEY_REF: "vault:secret/intune#key"
        })
        expect(config).toMatchObject({
          credential: { _tag: "certificate", certificate: "vault:secret/intune#cert" },
          authorityUrl: "https://login.microsoftonline.com",
          graphUrl: "https://graph.microsoft.com",
          apiVersions: { apps: "v1.0", assignments: "beta", reports: "beta", devices: "v1.0" },
          writeLimit: { requests: 100, perSeconds: 20 },
          uploadBlockSize: 6 * 1024 * 1024,
          pollTimeoutSeconds: 600,
          pollIntervalSeconds: 2,
          listConsistencySeconds: 30,
          remediationConcurrency: 4
        })
      })
  )

  it.effect("takes a client secret reference and cloud URLs, and refuses a missing credential", () =>
    Effect.gen(function* () {
      const config = yield* fromEnv({
        INTUNE_TENANT_ID: "t",
        INTUNE_CLIENT_ID: "c",
        INTUNE_CLIENT_SECRET_REF: "env:INTUNE_SECRET",
        INTUNE_AUTHORITY_URL: "https://login.microsoftonline.us",
        INTUNE_GRAPH_URL: "https://graph.microsoft.us"
      })
      expect(config.credential).toEqual({ _tag: "secret", secret: "env:INTUNE_SECRET" })
      expect(config.graphUrl).toBe("https://graph.microsoft.us")
      const error = yield* Effect.flip(fromEnv({ INTUNE_TENANT_ID: "t", INTUNE_CLIENT_ID: "c" }))
      expect(String(error)).toContain("INTUNE_CERTIFICATE_REF")
    })
  )

  it("refuses a bad configuration with a ConfigError naming the field", () => {
    const result = decodeIntuneConfig({
      tenantId: "t",
      clientId: "c",
      credential: { _tag: "secret", secret: "plain-text" }
    })
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) expect(String(result.left)).toContain("secret reference")
  })

  it.effect("layerConfig builds the plane from the environment", () =>
    Effect.gen(function* () {
      const plane = yield* IntunePlane
      expect(plane.plane).toBe("intune")
    }).pipe(
      Effect.provide(
        IntunePlane.layerConfig().pipe(
          Layer.provide(Layer.mergeAll(FetchHttpClient.layer, testRetries, testSecrets))
        )
      ),
      Effect.withConfigProvider(
        ConfigProvider.fromMap(
          new Map([
            ["INTUNE_TENANT_ID", "t"],
            ["INTUNE_CLIENT_ID", "c"],
            ["INTUNE_CLIENT_SECRET_REF", "env:X"]
          ])
        )
      )
    )
  )
})

import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Either } from "effect"
import { decodeSccmConfig, loadSccmConfig, sccmConfigFromEnv } from "../../src/config/loadConfig.js"

const env = (values: Record<string, string>) =>
  Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(values))))

describe("configuration", () => {
  it.effect("from the environment: NTLM, with DP groups and a site id", () =>
    Effect.gen(function* () {
      const config = yield* loadSccmConfig(sccmConfigFromEnv).pipe(
        env({
          SCCM_BASE_URL: "https://cm01.contoso.com/AdminService",
          SCCM_CONTENT_SHARE: "\\\\cm01\\sources$",
          SCCM_DOMAIN: "CONTOSO",
          SCCM_USER: "svc-planes",
          SCCM_PASSWORD_REF: "vault:secret/planes/sccm#password",
          SCCM_SITE_ID: "{11111111-2222-3333-4444-555555555555}",
          SCCM_DP_GROUPS: "All DPs, Branch DPs,"
        })
      )
      expect(config.auth).toEqual({
        _tag: "ntlm",
        domain: "CONTOSO",
        user: "svc-planes",
        password: "vault:secret/planes/sccm#password",
        workstation: "PLANES",
        scheme: "Negotiate"
      })
      expect(config.distributionPointGroups).toEqual(["All DPs", "Branch DPs"])
      expect(config.limitingCollectionId).toBe("SMS00001")
    })
  )

  it.effect("from the environment: the token route, or an error naming what to set", () =>
    Effect.gen(function* () {
      const base = {
        SCCM_BASE_URL: "https://cmg.contoso.test/AdminService_TokenAuth",
        SCCM_CONTENT_SHARE: "\\\\cm01\\s"
      }
      const bearer = yield* loadSccmConfig(sccmConfigFromEnv).pipe(
        env({ ...base, SCCM_TOKEN_REF: "file:/run/token" })
      )
      expect(bearer.auth).toEqual({ _tag: "bearer", token: "file:/run/token" })
      const missing = yield* Effect.flip(loadSccmConfig(sccmConfigFromEnv).pipe(env(base)))
      expect(String(missing)).toContain("SCCM_PASSWORD_REF")
    })
  )

  it("refuses plain credentials, non-UNC shares and bad site ids, naming each field", () => {
    const result = decodeSccmConfig({
      baseUrl: "cm01",
      auth: { _tag: "ntlm", domain: "C", user: "u", password: "hunter2" },
      contentShare: "C:\\sources",
      siteId: "not-a-guid"
    })
    expect(Either.isLeft(result)).toBe(true)
    const text = Either.isLeft(result) ? String(result.left) : ""
    for (const field of ["baseUrl", "password", "contentShare", "siteId"]) expect(text).toContain(field)
  })
})

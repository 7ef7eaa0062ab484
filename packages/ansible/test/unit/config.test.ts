import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Either, Exit, Layer } from "effect"
import { AnsiblePlane } from "../../src/AnsiblePlane.js"
import { ansibleConfigFromEnv, decodeAnsibleConfig, loadAnsibleConfig } from "../../src/config/loadConfig.js"
import { testRetries, testSecrets } from "../support/simulator.js"

const fromEnv = (env: Record<string, string>) =>
  loadAnsibleConfig(ansibleConfigFromEnv).pipe(
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))
  )

const base = { AWX_URL: "https://awx.example.com", AWX_PROJECT_SCM_URL: "https://git.example.com/p.git" }

describe("configuration", () => {
  it.effect("reads a token, or a user and password, by reference from the environment", () =>
    Effect.gen(function* () {
      const token = yield* fromEnv({ ...base, AWX_TOKEN_REF: "vault:secret/planes/awx#token" })
      expect(token).toMatchObject({ apiRoot: "/api/v2/", organization: "Default", auth: { _tag: "token" } })
      const basic = yield* fromEnv({
        ...base,
        AWX_USERNAME: "planes",
        AWX_PASSWORD_REF: "file:/run/secrets/awx",
        AWX_API_ROOT: "/api/controller/v2/",
        AWX_PROJECT_SCM_BRANCH: "stable",
        AWX_ORGANIZATION: "Ops",
        AWX_DEFAULT_INVENTORY: "Fleet"
      })
      expect(basic).toMatchObject({
        apiRoot: "/api/controller/v2/",
        organization: "Ops",
        defaultInventory: "Fleet",
        project: { scmBranch: "stable", name: "planes playbooks" },
        auth: { _tag: "basic", username: "planes" }
      })
      const missing = yield* Effect.exit(fromEnv(base))
      expect(Exit.isFailure(missing)).toBe(true)
    })
  )

  it("refuses literal credentials and API roots without their slashes", () => {
    const bad = decodeAnsibleConfig({
      url: "https://awx.example.com/api",
      apiRoot: "/api/v2",
      auth: { _tag: "token", token: "abc" },
      project: { scmUrl: "x" }
    })
    expect(Either.isLeft(bad)).toBe(true)
    if (Either.isLeft(bad)) {
      const text = String(bad.left)
      expect(text).toMatch(/secret reference/)
      expect(text).toMatch(/starts and ends with '\/'/)
    }
  })

  it.effect("layerConfig builds the plane from the environment", () =>
    Effect.gen(function* () {
      const plane = yield* AnsiblePlane
      expect(plane.plane).toBe("ansible")
    }).pipe(
      Effect.provide(
        AnsiblePlane.layerConfig().pipe(
          Layer.provide(Layer.mergeAll(FetchHttpClient.layer, testRetries, testSecrets)),
          Layer.provide(
            Layer.setConfigProvider(
              ConfigProvider.fromMap(new Map(Object.entries({ ...base, AWX_TOKEN_REF: "env:AWX_TOKEN" })))
            )
          )
        )
      )
    )
  )
})

import { type AssignmentIntent, decodePackageIntent, intentKey, RetryPolicy } from "@planes/core"
import { SccmConfig, SccmPlane, SccmTransport } from "@planes/sccm"
import { Effect, Layer, Schema } from "effect"
import { benchSecrets } from "./benchSecret.js"
import { measureStream } from "./measure.js"
import type { FleetRunResult } from "./protocol.js"
import { sccmAccount, sccmPassword } from "./sccmSim.js"
import { advanceSimClock } from "./simClock.js"

const planeLayer = (url: string) => {
  const config = Schema.decodeUnknownSync(SccmConfig)({
    baseUrl: `${url}/AdminService`,
    auth: { _tag: "ntlm", ...sccmAccount, password: "env:PLANES_BENCH_SCCM_PASSWORD" },
    siteId: "11111111-2222-3333-4444-555555555555",
    contentShare: "\\\\cm01.contoso.com\\sources$\\planes",
    distributionPointGroups: ["All DPs"]
  })
  return SccmPlane.layer(config).pipe(
    Layer.provide(Layer.mergeAll(SccmTransport.layer, RetryPolicy.default, benchSecrets(sccmPassword)))
  )
}

const context = { operation: "bench", correlationId: "bench-fleet-sccm" }
const msiCode = "{0B1E2C3D-4F50-4617-8293-A4B5C6D7E8F9}"
// The connector names the MSI in the application's content and never reads it, so the location is a
// placeholder and nothing is written to disk.
const benchPackage = Effect.runSync(
  decodePackageIntent(
    {
      name: "Planes Bench",
      version: "1.0.0",
      publisher: "Contoso",
      platform: "windows",
      architecture: "x64",
      artifact: {
        location: "https://artifacts.contoso.test/planes-bench-1.0.0.msi",
        sha256: "b".repeat(64),
        size: 4096,
        fileName: "planes-bench-1.0.0.msi"
      },
      installCommand: "msiexec /i planes-bench-1.0.0.msi /qn",
      uninstallCommand: `msiexec /x ${msiCode} /qn`,
      detection: [{ _tag: "msi", productCode: msiCode, productVersion: "1.0.0" }]
    },
    context
  )
)

// The built-in "All Systems" collection: every device of the site, as a site-wide rollout targets it.
const assignment: AssignmentIntent = {
  package: { key: intentKey(benchPackage), name: benchPackage.name, version: benchPackage.version },
  target: { _tag: "group", id: "SMS00001" },
  intent: "required"
}

/**
 * Worker side, Configuration Manager: publishes the bench application (distributed to every DP),
 * deploys it as required to All Systems, moves the site's clock two hours so every device has
 * reported, then streams the deployment's device states.
 */
export const runSccmCase = (url: string): Promise<FleetRunResult> =>
  Effect.runPromise(
    Effect.gen(function* () {
      const plane = yield* SccmPlane
      yield* plane.publishPackage(benchPackage)
      const { ref } = yield* plane.createAssignment(assignment)
      yield* Effect.promise(() => advanceSimClock(url, 2 * 3_600_000))
      return yield* measureStream(plane.deviceStates(ref))
    }).pipe(Effect.provide(planeLayer(url)))
  )

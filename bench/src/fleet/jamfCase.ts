import { createHash, randomBytes } from "node:crypto"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { FetchHttpClient } from "@effect/platform"
import { type AssignmentIntent, decodePackageIntent, intentKey, RetryPolicy } from "@planes/core"
import { JamfConfig, JamfPlane } from "@planes/jamf"
import { Effect, Layer, Schema } from "effect"
import { benchSecrets } from "./benchSecret.js"
import { jamfCheckInMs, jamfClientId, jamfClientSecret } from "./jamfSim.js"
import { measureStream } from "./measure.js"
import type { FleetRunResult } from "./protocol.js"
import { advanceSimClock } from "./simClock.js"

const planeLayer = (url: string) => {
  const config = Schema.decodeUnknownSync(JamfConfig)({
    baseUrl: url,
    auth: { _tag: "clientCredentials", clientId: jamfClientId, clientSecret: "env:PLANES_BENCH_JAMF_SECRET" },
    hashPollIntervalSeconds: 0.05
  })
  return JamfPlane.layer(config).pipe(
    Layer.provide(Layer.mergeAll(FetchHttpClient.layer, RetryPolicy.default, benchSecrets(jamfClientSecret)))
  )
}

const context = { operation: "bench", correlationId: "bench-fleet-jamf" }

// A small flat package in a temporary folder: Jamf's publish uploads the file itself.
const writePackage = async () => {
  const folder = await mkdtemp(join(tmpdir(), "planes-bench-jamf-"))
  const fileName = "PlanesBench-1.0.0.pkg"
  const bytes = randomBytes(4096)
  await writeFile(join(folder, fileName), bytes)
  const intent = Effect.runSync(
    decodePackageIntent(
      {
        name: "Planes Bench",
        version: "1.0.0",
        publisher: "Contoso",
        platform: "macos",
        artifact: {
          location: pathToFileURL(join(folder, fileName)).href,
          sha256: createHash("sha256").update(bytes).digest("hex"),
          size: bytes.length,
          fileName
        },
        installCommand: `installer -pkg ${fileName} -target /`,
        uninstallCommand: 'rm -rf "/Applications/Planes Bench.app"',
        detection: [{ _tag: "file", path: "/Applications", name: "Planes Bench.app", check: "exists" }]
      },
      context
    )
  )
  return { intent, cleanup: () => rm(folder, { recursive: true, force: true }) }
}

// A smart group every simulated Mac matches, as a fleet-wide rollout would be scoped.
const everyMac = JSON.stringify([{ name: "Operating System", searchType: "like", value: "macOS" }])

/**
 * Worker side, Jamf Pro: publishes the bench package, scopes a check-in policy to a smart group of the
 * whole fleet, moves the clock past one check-in interval so every Mac runs it, then streams the
 * states (one inventory page per batch, one policy-log read per computer).
 */
export const runJamfCase = async (url: string): Promise<FleetRunResult> => {
  const pkg = await writePackage()
  try {
    return await Effect.runPromise(
      Effect.gen(function* () {
        const plane = yield* JamfPlane
        yield* plane.publishPackage(pkg.intent)
        const assignment: AssignmentIntent = {
          package: { key: intentKey(pkg.intent), name: pkg.intent.name, version: pkg.intent.version },
          target: { _tag: "query", query: everyMac },
          intent: "required"
        }
        const { ref } = yield* plane.createAssignment(assignment)
        yield* Effect.promise(() => advanceSimClock(url, jamfCheckInMs + 60_000))
        return yield* measureStream(plane.deviceStates(ref))
      }).pipe(Effect.provide(planeLayer(url)))
    )
  } finally {
    await pkg.cleanup()
  }
}

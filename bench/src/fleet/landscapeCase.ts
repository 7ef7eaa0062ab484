import { FetchHttpClient } from "@effect/platform"
import { type AssignmentIntent, keyOf, RetryPolicy, SecretStore } from "@planes/core"
import { LandscapeConfig, LandscapePlane } from "@planes/landscape"
import { Effect, Layer, Redacted, Schema } from "effect"
import { benchPackage, landscapeEmail, landscapePassword, wholeFleet } from "./landscapeSim.js"
import { measureStream } from "./measure.js"
import type { FleetRunResult } from "./protocol.js"

const planeLayer = (url: string) => {
  const config = Schema.decodeUnknownSync(LandscapeConfig)({
    url,
    auth: { _tag: "password", email: landscapeEmail, password: "env:BENCH_LS_PASSWORD" },
    // Unused by this run (nothing is published), but every Landscape connector names its pocket.
    repository: {
      distribution: "ubuntu",
      series: "jammy",
      pocket: "updates",
      mode: "mirror",
      mirrorUri: "http://archive.ubuntu.com/ubuntu",
      profile: { allComputers: true }
    }
  })
  const secrets = Layer.succeed(SecretStore, {
    resolve: () => Effect.succeed(Redacted.make(landscapePassword))
  })
  return LandscapePlane.layer(config).pipe(
    Layer.provide(Layer.mergeAll(FetchHttpClient.layer, RetryPolicy.default, secrets))
  )
}

// The package is already in the archive, so the assignment needs no publish: its key only names it.
const assignment: AssignmentIntent = {
  package: { key: keyOf("package", benchPackage), ...benchPackage },
  target: { _tag: "query", query: wholeFleet },
  intent: "required"
}

/**
 * Worker side, Landscape: installs the bench package on the whole fleet (a saved search and one
 * InstallPackages group), moves the simulator's clock so every computer's activity ends, then streams
 * the states.
 */
export const runLandscapeCase = (url: string): Promise<FleetRunResult> =>
  Effect.runPromise(
    Effect.gen(function* () {
      const plane = yield* LandscapePlane
      const { ref } = yield* plane.createAssignment(assignment)
      yield* Effect.promise(() =>
        fetch(`${url}/_sim/clock/advance`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ ms: 60_000 })
        })
      )
      return yield* measureStream(plane.deviceStates(ref))
    }).pipe(Effect.provide(planeLayer(url)))
  )

import { FetchHttpClient } from "@effect/platform"
import { AnsibleConfig, AnsiblePlane } from "@planes/ansible"
import { type AssignmentIntent, decodePackageIntent, intentKey, RetryPolicy } from "@planes/core"
import { Effect, Layer, Schema } from "effect"
import { awxPassword } from "./ansibleSim.js"
import { benchSecrets } from "./benchSecret.js"
import { measureStream } from "./measure.js"
import type { FleetRunResult } from "./protocol.js"
import { advanceSimClock } from "./simClock.js"

const planeLayer = (url: string) => {
  const config = Schema.decodeUnknownSync(AnsibleConfig)({
    url,
    auth: { _tag: "basic", username: "admin", password: "env:PLANES_BENCH_AWX_PASSWORD" },
    project: { scmUrl: "https://git.example.com/planes/playbooks.git", scmBranch: "main" },
    pollIntervalSeconds: 0.05
  })
  return AnsiblePlane.layer(config).pipe(
    Layer.provide(Layer.mergeAll(FetchHttpClient.layer, RetryPolicy.default, benchSecrets(awxPassword)))
  )
}

const context = { operation: "bench", correlationId: "bench-fleet-ansible" }
// A distribution package: the playbook installs it from the hosts' own repositories, so the artifact
// is never downloaded and its location is a placeholder.
const benchPackage = Effect.runSync(
  decodePackageIntent(
    {
      name: "planes-bench",
      version: "1.0.0",
      publisher: "Contoso",
      platform: "linux",
      artifact: {
        location: "https://mirror.example.com/pool/main/p/planes-bench/planes-bench_1.0.0_amd64.deb",
        sha256: "c".repeat(64),
        size: 4096,
        fileName: "planes-bench_1.0.0_amd64.deb"
      },
      installCommand: "apt-get install -y planes-bench=1.0.0",
      uninstallCommand: "apt-get remove -y planes-bench",
      detection: [{ _tag: "package", packageName: "planes-bench", version: "1.0.0" }]
    },
    context
  )
)

/** Worker side, Ansible: publishes the playbook's template, launches it on the whole inventory, moves the
 * controller's clock until the job and its events are done, then streams the host states. */
export const runAnsibleCase = (url: string, inventory: string): Promise<FleetRunResult> =>
  Effect.runPromise(
    Effect.gen(function* () {
      const plane = yield* AnsiblePlane
      yield* plane.publishPackage(benchPackage)
      const assignment: AssignmentIntent = {
        package: { key: intentKey(benchPackage), name: benchPackage.name, version: benchPackage.version },
        target: { _tag: "inventory", inventory },
        intent: "required"
      }
      const { ref } = yield* plane.createAssignment(assignment)
      yield* Effect.promise(() => advanceSimClock(url, 10 * 60_000))
      return yield* measureStream(plane.deviceStates(ref))
    }).pipe(Effect.provide(planeLayer(url)))
  )

// Child-process entry: the adapter side of one fleet-state run, alone in its process so its peak memory
// is the adapter's. Sets up one assignment on the prepared simulator, then streams deviceStates.
import { Schema } from "effect"
import { FleetRunRequest, type FleetRunResult } from "./protocol.js"

// Source-mapped stack traces (tsx turns them on) cost every Effect span a file read; a benchmark needs none.
process.setSourceMapsEnabled(false)

const request = Schema.decodeUnknownSync(Schema.parseJson(FleetRunRequest))(process.argv[2] ?? "")

// Each case is imported on demand: a worker loads one adapter, not all five, so it starts sooner.
const run = async (): Promise<FleetRunResult> => {
  switch (request.plane) {
    case "intune":
      return (await import("./intuneCase.js")).runIntuneCase(request.url, request.groupId)
    case "landscape":
      return (await import("./landscapeCase.js")).runLandscapeCase(request.url)
    case "jamf":
      return (await import("./jamfCase.js")).runJamfCase(request.url)
    case "sccm":
      return (await import("./sccmCase.js")).runSccmCase(request.url)
    case "ansible":
      return (await import("./ansibleCase.js")).runAnsibleCase(request.url, request.inventory)
  }
}

run().then(
  (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
  (error: unknown) => process.send?.({ ok: false, error: String(error) }, () => process.exit(1))
)

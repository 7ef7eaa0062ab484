// Child-process entry: the adapter side of one fleet-state run, alone in its process so its peak memory
// is the adapter's. Sets up one assignment on the prepared simulator, then streams deviceStates.
import { Schema } from "effect"
import { runIntuneCase } from "./intuneCase.js"
import { runLandscapeCase } from "./landscapeCase.js"
import { FleetRunRequest, type FleetRunResult } from "./protocol.js"

// Source-mapped stack traces (tsx turns them on) cost every Effect span a file read; a benchmark needs none.
process.setSourceMapsEnabled(false)

const request = Schema.decodeUnknownSync(Schema.parseJson(FleetRunRequest))(process.argv[2] ?? "")

const run = (): Promise<FleetRunResult> => {
  switch (request.plane) {
    case "intune":
      return runIntuneCase(request.url, request.groupId)
    case "landscape":
      return runLandscapeCase(request.url)
  }
}

run().then(
  (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
  (error: unknown) => process.send?.({ ok: false, error: String(error) }, () => process.exit(1))
)

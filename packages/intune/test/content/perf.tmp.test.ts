import { it } from "@effect/vitest"
import { Effect } from "effect"
import { packIntuneWin } from "../../src/content/packIntuneWin.js"
import { verifyIntuneWin } from "../../src/content/verifyIntuneWin.js"
it.live("perf", () => Effect.gen(function* () {
  let t = Date.now()
  const p = yield* packIntuneWin({ sourceFolder: "/tmp/perf/src", setupFile: "setup.exe", outputFile: "/tmp/perf/out.intunewin" })
  console.log("pack ms", Date.now() - t, p.encryptedSize, process.memoryUsage().rss / 1e6)
  t = Date.now()
  console.log(yield* verifyIntuneWin(p.outputFile), "verify ms", Date.now() - t, process.memoryUsage().rss / 1e6)
}), 120000)

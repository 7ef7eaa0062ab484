import { mergeConfig } from "vitest/config"
import { sharedConfig } from "../../vitest.shared.js"

// API tests start a Graph simulator and publish real .intunewin content: give them room on 2 cores.
// Files run one at a time: the demo test (test/demo) runs the whole stack in child processes, and beside
// it the API tests' timing-sensitive simulator draws would vary; the demo dominates the time anyway.
export default mergeConfig(sharedConfig({ testTimeout: 60_000 }), { test: { fileParallelism: false } })

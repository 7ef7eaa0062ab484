import { mergeConfig } from "vitest/config"
import { sharedConfig } from "../vitest.shared.js"

// One test file runs the whole stack (six simulators and the control plane) for a short chaos run.
export default mergeConfig(sharedConfig({ testTimeout: 150_000 }), { test: { fileParallelism: false } })

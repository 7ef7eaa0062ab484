import { mergeConfig } from "vitest/config"
import { sharedConfig } from "../../vitest.shared.js"

// The test files share heavy imports (effect, the Graph simulator, jose, node-forge). One module graph per
// worker instead of one per file cuts the run to a third; no test relies on module state of another file.
export default mergeConfig(sharedConfig(), { test: { isolate: false } })

import { mergeConfig } from "vitest/config"
import { sharedConfig } from "../../vitest.shared.js"

// The test files share heavy imports (effect, the AWX simulator). One module graph per worker instead of one
// per file keeps the run short; no test relies on module state of another file.
export default mergeConfig(sharedConfig(), { test: { isolate: false } })

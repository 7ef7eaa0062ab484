import { mergeConfig } from "vitest/config"
import { sharedConfig } from "../../vitest.shared.js"

// The test files share heavy imports (effect, the Landscape simulator); one module graph per worker keeps
// the run short. No test relies on module state of another file.
export default mergeConfig(sharedConfig(), { test: { isolate: false } })

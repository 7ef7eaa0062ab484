import { mergeConfig } from "vitest/config"
import { sharedConfig } from "../vitest.shared.js"

// Quick mode runs every benchmark once at small sizes (child processes included): give it room on 2 cores.
export default mergeConfig(sharedConfig({ testTimeout: 180_000 }), {})

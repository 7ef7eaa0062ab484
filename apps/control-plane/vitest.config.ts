import { mergeConfig } from "vitest/config"
import { sharedConfig } from "../../vitest.shared.js"

// API tests start a Graph simulator and publish real .intunewin content: give them room on 2 cores.
export default mergeConfig(sharedConfig({ testTimeout: 60_000 }), {})

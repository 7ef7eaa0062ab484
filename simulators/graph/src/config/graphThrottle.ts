import type { ThrottleSettings, ThrottleSettingsPatch } from "@planes/sim-kit"
import type { GraphThrottlePatch } from "../admin/adminSchemas.js"
import { intuneThrottleRules } from "./throttleRules.js"

/** The kit throttle patch for Graph throttle options (rules rebuilt only when the window scale changes). */
export const kitThrottlePatch = (patch: GraphThrottlePatch): ThrottleSettingsPatch => ({
  ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }),
  ...(patch.windowScale === undefined ? {} : { rules: intuneThrottleRules(patch.windowScale) }),
  ...(patch.punishEarlyRetries === undefined ? {} : { punishEarlyRetries: patch.punishEarlyRetries }),
  retryAfter: {
    ...(patch.retryAfterOmitProbability === undefined
      ? {}
      : { omitProbability: patch.retryAfterOmitProbability }),
    ...(patch.fractionalRetryAfter === undefined ? {} : { fractional: patch.fractionalRetryAfter })
  }
})

/** The Graph view of the kit's throttle settings. */
export const graphThrottleView = (settings: ThrottleSettings) => ({
  enabled: settings.enabled,
  windowScale: (settings.rules[0]?.windowMs ?? 20_000) / 20_000,
  retryAfterOmitProbability: settings.retryAfter.omitProbability,
  fractionalRetryAfter: settings.retryAfter.fractional,
  punishEarlyRetries: settings.punishEarlyRetries,
  rules: settings.rules
})

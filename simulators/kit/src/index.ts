// Public API of @planes/sim-kit: everything a vendor simulator builds on.
export {
  type AdminInput,
  adminBadRequest,
  decodeAdminInput,
  readAdminBody,
  readJsonBody
} from "./admin/admin-body.js"
export { AdminInputError } from "./admin/admin-error.js"
export type { SeedHook } from "./admin/admin-routes.js"
export { ADMIN_PREFIX, isAdminPath } from "./admin-path.js"
export type { AdvanceHook } from "./advance.js"
export { setAnswerHeader } from "./answer-header.js"
export { type ClockOptions, type ClockView, SimClock } from "./clock.js"
export { createSimulator, type Simulator, type SimulatorOptions } from "./create-simulator.js"
export type { NoExtra, SimContext, SimEnv, SimVariables } from "./env.js"
export {
  defaultErrorCode,
  type ErrorContext,
  type ErrorFormatter,
  type ErrorSource,
  jsonErrorFormatter,
  reasonPhrase,
  type SimError
} from "./error-format.js"
export {
  type AddRuleResult,
  type FaultDecision,
  type FaultFiring,
  FaultPlan,
  type FaultRequest
} from "./faults/fault-plan.js"
export {
  FaultEffect,
  FaultMatch,
  FaultRuleInput,
  type FaultRuleView,
  FaultTrigger
} from "./faults/fault-rule.js"
export { NO_SOCKET_STATUS, SIM_FAULT_HEADER, type SocketFaultKind, socketOf } from "./faults/socket.js"
export type { HeaderInput } from "./headers.js"
export { authorizationFingerprint } from "./identity.js"
export {
  type AppliedFault,
  Journal,
  type JournalEntry,
  type JournalFilter,
  type UnmatchedRequest
} from "./journal.js"
export type { SimKit, SimSnapshot } from "./kit.js"
export { defaultLogger, type LogLevel, type SimLogger, silentLogger, stderrLogger } from "./logger.js"
export {
  clampPageSize,
  decodeSkipToken,
  encodeSkipToken,
  type NumberedPage,
  type OffsetPage,
  sliceOffset,
  slicePage
} from "./paging.js"
export { compilePathPattern, type PathPattern } from "./path-pattern.js"
export {
  ANONYMOUS_CLIENT,
  DEFAULT_TENANT,
  DEFAULT_THROTTLE_KEY,
  SEED_HEADER,
  type TenantOf
} from "./pipeline.js"
export { Prng } from "./prng.js"
export { hashString, normaliseSeed, SEED_ENV_VAR } from "./seed.js"
export { type Fetchable, type RunningServer, type ServeOptions, serve } from "./serve.js"
export {
  GLOBAL_TENANT,
  type ImportResult,
  type StoreSnapshot,
  type TenantStore,
  TenantStores
} from "./stores.js"
export { type JournalQuery, type SimForTests, startForTests } from "./testing.js"
export {
  ThrottleRule,
  ThrottleScope,
  ThrottleSettings,
  ThrottleSettingsPatch
} from "./throttle/throttle-settings.js"
export {
  type EarlyRetry,
  formatRetryAfter,
  parseRetryAfterMs,
  type ThrottleDecision,
  type ThrottleRequest,
  Throttler
} from "./throttle/throttler.js"
export { type IssuedToken, type IssueOptions, type TokenLookup, TokenTable } from "./tokens.js"

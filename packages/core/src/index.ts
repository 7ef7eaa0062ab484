// Domain

// Artifacts
export * from "./artifact/localArtifact.js"
// Correlation
export * as Correlation from "./correlation/Correlation.js"
export * from "./domain/AssignmentIntent.js"
export * from "./domain/AssignmentRef.js"
export * from "./domain/AssignmentState.js"
export * from "./domain/DeviceState.js"
export * from "./domain/decode.js"
export * from "./domain/PackageIntent.js"
export * from "./domain/PlaneId.js"
export * from "./domain/primitives.js"
export * from "./domain/Results.js"
// Errors
export * from "./errors/classify.js"
export * from "./errors/PlaneError.js"
export * from "./errors/raise.js"
// HTTP
export * as Http from "./http/index.js"
export * from "./http/RetryAfter.js"
export { RetryPolicy, type RetrySettings, retrying } from "./http/RetryPolicy.js"
// Idempotency
export * from "./idempotency/findOrCreate.js"
// Keys
export * from "./keys/canonical.js"
export * from "./keys/intentKey.js"
export * from "./plane/ExecutionPlane.js"
// The plane interface
export * from "./plane/poll.js"
// Secrets
export * from "./secrets/index.js"

// Helpers for the test suites of planes' workspaces; not part of the runtime API.

export * from "./fuzzHttp.js"
export * from "./fuzzMutations.js"
export * from "./fuzzPlane.js"
export * from "./fuzzRuns.js"
export * from "./golden.js"
export * from "./mutatedAnswers.js"

// Helpers for the test suites of planes' workspaces; not part of the runtime API.
export * from "./golden.js"

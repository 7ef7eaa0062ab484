import { randomBytes } from "node:crypto"

/** The API client the tests use (every privilege); credentials minted per run. */
export const clientId = "planes-jamf-test"
export const clientSecret = `client-secret-${randomBytes(8).toString("hex")}`

/** A user account for the user-token flow. */
export const username = "planes-svc"
export const password = `user-password-${randomBytes(8).toString("hex")}`

/** An API client that may only read packages (for 403s). */
export const readerId = "planes-jamf-reader"
export const readerSecret = `reader-secret-${randomBytes(8).toString("hex")}`

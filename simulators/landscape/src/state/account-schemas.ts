import { Schema } from "effect"

/** Rates and delays that drive activities and auth, per account. */
export const Settings = Schema.Struct({
  /** Probability a child activity fails (seeded per activity). */
  failureRate: Schema.Number.pipe(Schema.between(0, 1)),
  /** Probability a child activity is never picked up (the computer stays silent). */
  unreachableRate: Schema.Number.pipe(Schema.between(0, 1)),
  /** Longest wait before a computer's next exchange picks an activity up. */
  exchangeIntervalSeconds: Schema.Number.pipe(Schema.nonNegative()),
  /** How long a client activity runs once delivered. */
  executionSeconds: Schema.Number.pipe(Schema.nonNegative()),
  /** How long a mirror sync takes from 0 to 100 percent. */
  syncSeconds: Schema.Number.pipe(Schema.positive()),
  /** How long a pull takes. */
  pullSeconds: Schema.Number.pipe(Schema.positive()),
  /** Probability a sync or pull ends in error (progress -1). */
  syncFailureRate: Schema.Number.pipe(Schema.between(0, 1)),
  /** How far a signed request's timestamp may be from the simulated clock. */
  signatureWindowMinutes: Schema.Number.pipe(Schema.positive())
})
/** Rates and delays. */
export type Settings = typeof Settings.Type

/** Defaults: no failures, a one-minute exchange interval, two-minute syncs, a 15-minute signature window. */
export const defaultSettings: Settings = {
  failureRate: 0,
  unreachableRate: 0,
  exchangeIntervalSeconds: 60,
  executionSeconds: 30,
  syncSeconds: 120,
  pullSeconds: 30,
  syncFailureRate: 0,
  signatureWindowMinutes: 15
}

/** A Landscape administrator: password login, access key pair, accounts and role. */
export const User = Schema.Struct({
  id: Schema.Number,
  email: Schema.String,
  name: Schema.String,
  password: Schema.String,
  accessKey: Schema.optional(Schema.String),
  secretKey: Schema.optional(Schema.String),
  /** Accounts the user belongs to; the first is the default. */
  accounts: Schema.NonEmptyArray(Schema.String),
  /** `admin` may change things; `auditor` may only read (writes answer 403 `Unauthorised`). */
  role: Schema.Literal("admin", "auditor")
})
/** A Landscape user. */
export type User = typeof User.Type

/** What an issued JWT stands for (kept in the kit's token table by its `jti`, with its expiry). */
export const Session = Schema.Struct({ userId: Schema.Number, account: Schema.String })
/** A JWT session. */
export type Session = typeof Session.Type

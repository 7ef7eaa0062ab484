import { Schema } from "effect"

/** Where and when an object was written: the node that took the write and the simulated instant. */
export const Origin = Schema.Struct({ node: Schema.Number, atMs: Schema.Number })
/** Where and when an object was written. */
export type Origin = typeof Origin.Type

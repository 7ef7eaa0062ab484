import type { Schema } from "effect"
import type { AccountContext } from "../context.js"
import { decodeInput } from "../util/decode.js"
import type { LegacyParams } from "./params.js"

/** A legacy action: decodes its parameters with its schema, then runs. */
export interface LegacyAction {
  /** Read-only actions are open to auditors; the rest need an administrator. */
  readonly readOnly: boolean
  readonly run: (ctx: AccountContext, params: LegacyParams) => unknown
}

/** Defines an action from a parameter schema and a body that gets the decoded parameters. */
export const action = <A, I>(
  schema: Schema.Schema<A, I>,
  run: (ctx: AccountContext, params: A) => unknown,
  readOnly = false
): LegacyAction => ({ readOnly, run: (ctx, params) => run(ctx, decodeInput(schema, params)) })

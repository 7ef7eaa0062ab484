import { canonicalJson } from "@planes/core"
import { Either, Schema } from "effect"

/** Extra variables as planes writes them: flat JSON values. */
export type ExtraVars = Readonly<Record<string, string | number | boolean>>

/**
 * Extra variables as the JSON text AWX keeps (keys sorted, so the same variables always give the same
 * text, and a golden file pins it byte for byte).
 */
export const varsText = (vars: ExtraVars): string => canonicalJson(vars)

const VarsObject = Schema.Record({ key: Schema.String, value: Schema.Unknown })
const decodeVars = Schema.decodeUnknownEither(VarsObject)

/**
 * Reads a job's or template's `extra_vars` text (AWX stores JSON, `{"k": "v"}`); text that is not a JSON
 * object (YAML someone typed in the UI) reads as no variables, since planes only ever writes JSON.
 */
export const parseVars = (text: string): Readonly<Record<string, unknown>> => {
  try {
    const json: unknown = JSON.parse(text)
    return Array.isArray(json) ? {} : Either.getOrElse(decodeVars(json), () => ({}))
  } catch {
    return {}
  }
}

/** A string variable of parsed extra variables, if it is one. */
export const stringVar = (vars: Readonly<Record<string, unknown>>, name: string): string | undefined => {
  const value = vars[name]
  return typeof value === "string" ? value : undefined
}

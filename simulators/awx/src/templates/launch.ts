import { FieldReader } from "../errors/fields.js"
import type { FieldErrors } from "../errors/responses.js"
import { parseVars, pyJson, VARS_PARSE_ERROR } from "../http/vars.js"
import type { InventoryRecord, TemplateRecord } from "../state/records.js"
import { PROMPTS, type Prompt } from "./prompts.js"

/** A launch body resolved against its template: accepted values, the ignored ones, or field errors. */
export type LaunchDecision =
  | {
      readonly ok: true
      readonly inventory: number
      readonly limit: string
      readonly extraVars: string
      readonly jobType: "run" | "check"
      readonly jobTags: string
      readonly skipTags: string
      readonly verbosity: number
      readonly forks: number
      readonly credentials: readonly number[]
      /** Prompts the template does not ask for: dropped, and echoed back (AWX `ignored_fields`). */
      readonly ignored: Readonly<Record<string, unknown>>
    }
  | { readonly ok: false; readonly errors: FieldErrors }

// Reads one prompt's value with the check its kind needs (a type error is a 400 even when unprompted).
const readPrompt = (fields: FieldReader, prompt: Prompt): unknown => {
  switch (prompt.kind) {
    case "vars": {
      const parsed = parseVars(fields.raw(prompt.field))
      return parsed ?? fields.fail(prompt.field, VARS_PARSE_ERROR)
    }
    case "string":
      return fields.string(prompt.field)
    case "int":
      return fields.integer(prompt.field)
    case "intList":
      return fields.intList(prompt.field)
    case "bool":
      return fields.boolean(prompt.field)
    case "jobType":
      return fields.choice(prompt.field, ["run", "check"] as const)
  }
}

const textOf = (value: unknown, fallback: string): string => (typeof value === "string" ? value : fallback)
const numberOf = (value: unknown, fallback: number): number => (typeof value === "number" ? value : fallback)

/**
 * Applies AWX's prompt rule: a launch field is honoured only when the template's `ask_*_on_launch` flag
 * is on; otherwise it is dropped and returned in `ignored_fields` while the job still starts. `null`
 * values are refused (400). Accepted `extra_vars` merge over the template's, the launch winning.
 */
export const decideLaunch = (
  template: TemplateRecord,
  body: Readonly<Record<string, unknown>>,
  inventories: readonly InventoryRecord[]
): LaunchDecision => {
  const fields = new FieldReader(body)
  const accepted: Record<string, unknown> = {}
  const ignored: Record<string, unknown> = {}
  for (const prompt of PROMPTS) {
    if (!fields.has(prompt.field)) continue
    const value = readPrompt(fields, prompt)
    if (value === undefined) continue
    // An empty extra_vars has nothing to ignore; AWX only reports variables it actually dropped.
    const empty =
      prompt.kind === "vars" && typeof value === "object" && value !== null && Object.keys(value).length === 0
    if (template.ask[prompt.flag]) accepted[prompt.field] = value
    else if (!empty) ignored[prompt.field] = value
  }
  const inventory = numberOf(accepted.inventory, template.inventory ?? -1)
  if (fields.ok && fields.has("inventory") && template.ask.ask_inventory_on_launch) {
    if (!inventories.some((i) => i.id === inventory)) {
      fields.fail("inventory", `Invalid pk "${inventory}" - object does not exist.`)
    }
  }
  if (fields.ok && inventory < 0)
    fields.fail("inventory", "Job Template 'inventory' is missing or undefined.")
  if (!fields.ok) return { ok: false, errors: fields.errors }
  const templateVars = parseVars(template.extra_vars) ?? {}
  const launchVars = accepted.extra_vars === undefined ? {} : (parseVars(accepted.extra_vars) ?? {})
  const merged = { ...templateVars, ...launchVars }
  return {
    ok: true,
    inventory,
    limit: textOf(accepted.limit, template.limit),
    extraVars: Object.keys(merged).length === 0 ? template.extra_vars : pyJson(merged),
    jobType:
      accepted.job_type === "check" || accepted.job_type === "run" ? accepted.job_type : template.job_type,
    jobTags: textOf(accepted.job_tags, template.job_tags),
    skipTags: textOf(accepted.skip_tags, template.skip_tags),
    verbosity: numberOf(accepted.verbosity, template.verbosity),
    forks: numberOf(accepted.forks, template.forks),
    credentials: Array.isArray(accepted.credentials)
      ? accepted.credentials.filter((x): x is number => typeof x === "number")
      : template.credentials,
    ignored
  }
}

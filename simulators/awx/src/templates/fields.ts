import type { FieldReader } from "../errors/fields.js"
import { parseVars, pyJson, VARS_PARSE_ERROR } from "../http/vars.js"
import type { AskFlags, TemplateRecord } from "../state/records.js"
import { noAsks, PROMPTS } from "./prompts.js"

/** The writable fields of a job template, read from a create (all) or PATCH (some) body. */
export interface TemplateInput {
  readonly name: string | undefined
  readonly description: string | undefined
  readonly job_type: "run" | "check" | undefined
  /** null: explicitly none (then the template must ask for it on launch). */
  readonly inventory: number | null | undefined
  readonly project: number | undefined
  readonly playbook: string | undefined
  readonly extra_vars: string | undefined
  readonly limit: string | undefined
  readonly forks: number | undefined
  readonly verbosity: number | undefined
  readonly timeout: number | undefined
  readonly job_tags: string | undefined
  readonly skip_tags: string | undefined
  readonly become_enabled: boolean | undefined
  readonly allow_simultaneous: boolean | undefined
  readonly survey_enabled: boolean | undefined
  readonly ask: Partial<AskFlags>
}

const int = (fields: FieldReader, name: string): number | undefined => fields.integer(name) ?? undefined

/** Reads a template body field by field; problems accumulate on `fields` as DRF field errors. */
export const readTemplateInput = (fields: FieldReader, creating: boolean): TemplateInput => {
  const ask: { -readonly [K in keyof AskFlags]?: boolean } = {}
  for (const { flag } of PROMPTS) {
    const value = fields.boolean(flag)
    if (value !== undefined) ask[flag] = value
  }
  let extraVars: string | undefined
  if (fields.has("extra_vars")) {
    const raw = fields.raw("extra_vars")
    const parsed = raw === null ? {} : parseVars(raw)
    if (parsed === undefined) fields.fail("extra_vars", VARS_PARSE_ERROR)
    else extraVars = typeof raw === "string" ? raw : pyJson(parsed)
  }
  return {
    name: fields.string("name", { required: creating, allowBlank: false }),
    description: fields.string("description"),
    job_type: fields.has("job_type") ? fields.choice("job_type", ["run", "check"] as const) : undefined,
    inventory: fields.integer("inventory", { nullable: true }),
    project: fields.integer("project", { required: creating }) ?? undefined,
    playbook: fields.string("playbook", { required: creating, allowBlank: false }),
    extra_vars: extraVars,
    limit: fields.string("limit"),
    forks: int(fields, "forks"),
    verbosity: int(fields, "verbosity"),
    timeout: int(fields, "timeout"),
    job_tags: fields.string("job_tags"),
    skip_tags: fields.string("skip_tags"),
    become_enabled: fields.boolean("become_enabled"),
    allow_simultaneous: fields.boolean("allow_simultaneous"),
    survey_enabled: fields.boolean("survey_enabled"),
    ask
  }
}

/** Applies input over a base record (a fresh template, or the one a PATCH changes). */
export const mergeTemplate = (base: TemplateRecord, input: TemplateInput): TemplateRecord => ({
  ...base,
  name: input.name ?? base.name,
  description: input.description ?? base.description,
  job_type: input.job_type ?? base.job_type,
  inventory: input.inventory === undefined ? base.inventory : input.inventory,
  project: input.project ?? base.project,
  playbook: input.playbook ?? base.playbook,
  extra_vars: input.extra_vars ?? base.extra_vars,
  limit: input.limit ?? base.limit,
  forks: input.forks ?? base.forks,
  verbosity: input.verbosity ?? base.verbosity,
  timeout: input.timeout ?? base.timeout,
  job_tags: input.job_tags ?? base.job_tags,
  skip_tags: input.skip_tags ?? base.skip_tags,
  become_enabled: input.become_enabled ?? base.become_enabled,
  allow_simultaneous: input.allow_simultaneous ?? base.allow_simultaneous,
  survey_enabled: input.survey_enabled ?? base.survey_enabled,
  ask: { ...base.ask, ...input.ask }
})

/** A template with every default, before input is merged over it. */
export const blankTemplate = (id: number, now: number): TemplateRecord => ({
  id,
  name: "",
  description: "",
  job_type: "run",
  inventory: null,
  project: 0,
  organization: 0,
  playbook: "",
  extra_vars: "",
  limit: "",
  forks: 0,
  verbosity: 0,
  timeout: 0,
  job_tags: "",
  skip_tags: "",
  become_enabled: false,
  allow_simultaneous: false,
  survey_enabled: false,
  credentials: [],
  ask: noAsks(),
  created_ms: now,
  modified_ms: now
})

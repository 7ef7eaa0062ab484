import type { IntentKey } from "@planes/core"
import { type ExtraVars, varsText } from "./extraVars.js"
import { describe, type PackageName } from "./names.js"
import { type Operation, playbookOf } from "./operations.js"

/** What a job template is made of, besides the project it runs from. */
export interface TemplateSpec {
  readonly name: string
  readonly key: IntentKey
  readonly operation: Operation
  readonly pkg?: PackageName | undefined
  readonly vars: ExtraVars
}

/** The template flags every planes launch relies on: variables, limit and inventory are chosen per launch. */
export const askFlags = {
  ask_variables_on_launch: true,
  ask_limit_on_launch: true,
  ask_inventory_on_launch: true
} as const

/**
 * The body that creates (or, PATCHed, updates) a job template. No inventory: every launch names one, so
 * the template asks for it. `allow_simultaneous`, because assignments of one package to different
 * inventories must not queue behind each other; `become_enabled`, because installing needs root.
 */
export const jobTemplateBody = (spec: TemplateSpec, project: number) => ({
  name: spec.name,
  description: describe(spec.key, spec.operation, spec.pkg),
  job_type: "run",
  project,
  playbook: playbookOf[spec.operation],
  extra_vars: varsText(spec.vars),
  ...askFlags,
  become_enabled: true,
  allow_simultaneous: true
})
/** A job template create body. */
export type JobTemplateBody = ReturnType<typeof jobTemplateBody>

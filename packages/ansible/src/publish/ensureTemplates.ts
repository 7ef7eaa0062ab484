import { type IntentKey, keyOf, type PlaneError, type PlaneObject } from "@planes/core"
import { Effect } from "effect"
import { organizationId } from "../awx/resources.js"
import type { JobTemplate } from "../awx/schemas.js"
import type { TemplateSpec } from "../mapping/jobTemplate.js"
import { mirrorTemplateName } from "../mapping/names.js"
import type { AnsibleRuntime } from "../runtime.js"
import type { Ensured } from "./ensureNamed.js"
import { ensureProject, waitForSync } from "./ensureProject.js"
import { ensureTemplate } from "./ensureTemplate.js"

/** The key of the connector's mirror template (one per name prefix: it carries no package). */
export const mirrorTemplateKey = (prefix: string): IntentKey => keyOf("ansible-mirror-template", { prefix })

/** The spec of the connector's repository-mirror template; the mirror comes with each launch. */
export const mirrorTemplateSpec = (prefix: string): TemplateSpec => ({
  name: mirrorTemplateName(prefix),
  key: mirrorTemplateKey(prefix),
  operation: "mirror",
  vars: {}
})

/** What ensuring templates did: the organization, and every object touched, in order. */
export interface EnsuredTemplates {
  readonly organization: number
  /** The template of the first spec: the one the operation goes on with. */
  readonly primary: Ensured<JobTemplate>
  readonly templates: ReadonlyArray<Ensured<JobTemplate>>
  readonly objects: ReadonlyArray<PlaneObject>
}

/**
 * Makes sure the playbook project exists and has synced, then each template of `specs` (in order): the
 * common first half of publishing a package and of configuring a mirror.
 */
export const ensureTemplates = (
  runtime: AnsibleRuntime,
  specs: readonly [TemplateSpec, ...ReadonlyArray<TemplateSpec>],
  operation: string
): Effect.Effect<EnsuredTemplates, PlaneError> =>
  Effect.gen(function* () {
    const organization = yield* organizationId(runtime.awx, runtime.config.organization, operation)
    const project = yield* ensureProject(runtime, organization)
    yield* waitForSync(runtime, project.value)
    const [first, ...rest] = specs
    const primary = yield* ensureTemplate(runtime, first, project.value.id, organization)
    const others = yield* Effect.forEach(rest, (spec) =>
      ensureTemplate(runtime, spec, project.value.id, organization)
    )
    const templates = [primary, ...others]
    return {
      organization,
      primary,
      templates,
      objects: [
        { kind: "project", id: String(project.value.id), name: project.value.name, created: project.created },
        ...templates.map((t) => ({
          kind: "job_template",
          id: String(t.value.id),
          name: t.value.name,
          created: t.created
        }))
      ]
    }
  })

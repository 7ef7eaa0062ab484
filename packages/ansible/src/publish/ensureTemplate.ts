import { HttpClientRequest } from "@effect/platform"
import { findKey, type PlaneError } from "@planes/core"
import { Effect } from "effect"
import { awxPath } from "../awx/paths.js"
import { findTemplate } from "../awx/resources.js"
import { JobTemplate } from "../awx/schemas.js"
import { askFlags, jobTemplateBody, type TemplateSpec } from "../mapping/jobTemplate.js"
import { playbookOf } from "../mapping/operations.js"
import type { AnsibleRuntime } from "../runtime.js"
import { attachCredentials } from "./attachCredentials.js"
import { type Ensured, ensureNamed } from "./ensureNamed.js"

const operation = "ensure job template"

/**
 * Whether a template found by name must be brought back to the planes form: it carries another key
 * (the same package and version published from a changed intent), or someone changed what planes relies
 * on (project, playbook, the prompts it launches with).
 */
export const templateDrifted = (template: JobTemplate, spec: TemplateSpec, project: number): boolean =>
  findKey(template.description) !== spec.key ||
  template.project !== project ||
  template.playbook !== playbookOf[spec.operation] ||
  Object.keys(askFlags).some((flag) => template[flag as keyof typeof askFlags] !== true)

/**
 * The job template of `spec` in the organization: found by name, or created from the pure mapping, with
 * the configured credentials attached. A template that drifted from the planes form is PATCHed back
 * (still `created: false`), so publishing a changed intent under the same name and version converges
 * instead of failing.
 */
export const ensureTemplate = (
  runtime: AnsibleRuntime,
  spec: TemplateSpec,
  project: number,
  organization: number
): Effect.Effect<Ensured<JobTemplate>, PlaneError> =>
  Effect.gen(function* () {
    const { awx } = runtime
    const body = jobTemplateBody(spec, project)
    const ensured = yield* ensureNamed(runtime, {
      find: findTemplate(awx, spec.name, organization, operation),
      create: awx.json(
        operation,
        HttpClientRequest.post(awxPath("job_templates")).pipe(HttpClientRequest.bodyUnsafeJson(body)),
        JobTemplate,
        { retry: false }
      )
    })
    yield* attachCredentials(runtime, ensured.value.id)
    if (!templateDrifted(ensured.value, spec, project)) return ensured
    const updated = yield* awx.json(
      "update job template",
      HttpClientRequest.patch(awxPath("job_templates", ensured.value.id)).pipe(
        HttpClientRequest.bodyUnsafeJson(body)
      ),
      JobTemplate
    )
    return { value: updated, created: ensured.created }
  })

import { HttpClientRequest } from "@effect/platform"
import { findOrCreate, type IntentKey, type PlaneError, RetryPolicy } from "@planes/core"
import { Effect, Option, Stream } from "effect"
import { awxPath } from "../awx/paths.js"
import { jobsOfTemplate } from "../awx/resources.js"
import { type Job, LaunchAnswer } from "../awx/schemas.js"
import { permanent } from "../errors.js"
import type { ExtraVars } from "../mapping/extraVars.js"
import { parseVars, stringVar } from "../mapping/extraVars.js"
import { type LaunchTarget, launchBody } from "../mapping/launch.js"
import { keyVar } from "../mapping/packageVars.js"
import type { AnsibleRuntime } from "../runtime.js"

/** A launch: the template, where it runs, its key and the variables it adds to the template's. */
export interface LaunchSpec {
  readonly template: number
  readonly target: LaunchTarget
  readonly key: IntentKey
  readonly vars: ExtraVars
}

/** The job a launch started (or a previous launch with the same key), and whether this call started it. */
export interface Launched {
  readonly job: Job
  readonly created: boolean
}

/**
 * The newest manual job of the template that carries `key` in its extra variables. AWX neither
 * deduplicates launches nor lets a list be filtered on `extra_vars` (403), so the template's jobs are
 * listed newest first and each one's variables read, page by page until one matches.
 */
export const findLaunch = (
  runtime: AnsibleRuntime,
  template: number,
  key: IntentKey,
  operation: string
): Effect.Effect<Option.Option<Job>, PlaneError> =>
  jobsOfTemplate(runtime.awx, template, "manual", operation).pipe(
    Stream.filter((job) => stringVar(parseVars(job.extra_vars), keyVar) === key),
    Stream.runHead
  )

/**
 * What of a launch AWX did not apply to the job: the fields it echoed in `ignored_fields`, and, for a
 * job found again, the inventory or limit it runs with if they differ from the launch's.
 */
export const notApplied = (
  job: Job,
  spec: LaunchSpec,
  ignored: Readonly<Record<string, unknown>>
): ReadonlyArray<string> => [
  ...Object.keys(ignored),
  ...(job.inventory !== spec.target.inventory && !("inventory" in ignored) ? ["inventory"] : []),
  ...(job.limit !== spec.target.limit && !("limit" in ignored) ? ["limit"] : [])
]

/**
 * Launches a template once per key: looks for a job that carries the key, launches only when none does
 * (find-or-create, the launch itself never retried on its own). A launch AWX did not fully apply (a
 * template that does not ask for a field drops it into `ignored_fields` and starts the job anyway) is a
 * PermanentError naming the fields; the job is canceled, since it runs without the inventory, limit or
 * variables planes asked for.
 */
export const launchOnce = (
  runtime: AnsibleRuntime,
  spec: LaunchSpec,
  operation: string
): Effect.Effect<Launched, PlaneError> =>
  Effect.gen(function* () {
    const { awx } = runtime
    const found = yield* findOrCreate({
      find: Effect.map(
        findLaunch(runtime, spec.template, spec.key, operation),
        Option.map((job) => ({ job, ignored: {} }))
      ),
      create: Effect.map(
        awx.json(
          operation,
          HttpClientRequest.post(awxPath("job_templates", spec.template, "launch")).pipe(
            HttpClientRequest.bodyUnsafeJson(launchBody(spec.target, spec.key, spec.vars))
          ),
          LaunchAnswer,
          { retry: false }
        ),
        (answer) => ({ job: answer, ignored: answer.ignored_fields })
      )
    }).pipe(Effect.provideService(RetryPolicy, runtime.retry))
    const { job, ignored } = found.value
    const fields = notApplied(job, spec, ignored)
    if (fields.length > 0) {
      yield* awx
        .empty("cancel job", HttpClientRequest.post(awxPath("jobs", job.id, "cancel")), { expected: [405] })
        .pipe(Effect.ignore)
      return yield* permanent(
        operation,
        "LaunchFieldsIgnored",
        `Job ${job.id} of template ${spec.template} was started without ${fields.join(", ")}: the template does not ask for ${fields.length === 1 ? "it" : "them"} on launch, so AWX dropped ${fields.length === 1 ? "it" : "them"} (ignored_fields). The job was canceled. Publish the package again to restore the template's ask_*_on_launch flags.`
      )
    }
    return { job, created: found.created }
  })

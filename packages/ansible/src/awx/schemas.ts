import { Schema } from "effect"

// What the connector reads from AWX answers; everything else in the bodies is ignored.

/** An organization. */
export const Organization = Schema.Struct({ id: Schema.Int, name: Schema.String })
/** An organization. */
export type Organization = typeof Organization.Type

/** An inventory. */
export const Inventory = Schema.Struct({ id: Schema.Int, name: Schema.String, organization: Schema.Int })
/** An inventory. */
export type Inventory = typeof Inventory.Type

/** A project and its sync status (`never updated`, `pending`, ..., `successful`, `failed`, `ok` for manual). */
export const Project = Schema.Struct({
  id: Schema.Int,
  name: Schema.String,
  description: Schema.String,
  organization: Schema.NullOr(Schema.Int),
  status: Schema.String
})
/** A project. */
export type Project = typeof Project.Type

/** A job template: its identity, where its key lives, and the prompts it allows on launch. */
export const JobTemplate = Schema.Struct({
  id: Schema.Int,
  name: Schema.String,
  description: Schema.String,
  organization: Schema.NullOr(Schema.Int),
  project: Schema.NullOr(Schema.Int),
  playbook: Schema.String,
  extra_vars: Schema.String,
  ask_variables_on_launch: Schema.Boolean,
  ask_limit_on_launch: Schema.Boolean,
  ask_inventory_on_launch: Schema.Boolean
})
/** A job template. */
export type JobTemplate = typeof JobTemplate.Type

/** A job: its status and launch configuration (extra_vars is a JSON or YAML string). */
export const Job = Schema.Struct({
  id: Schema.Int,
  status: Schema.String,
  failed: Schema.Boolean,
  job_template: Schema.NullOr(Schema.Int),
  inventory: Schema.NullOr(Schema.Int),
  limit: Schema.String,
  extra_vars: Schema.String,
  launch_type: Schema.String,
  event_processing_finished: Schema.Boolean,
  job_explanation: Schema.optionalWith(Schema.String, { default: () => "" })
})
/** A job. */
export type Job = typeof Job.Type

/** The answer to a launch: the job, and the prompts AWX dropped because the template does not ask for them. */
export const LaunchAnswer = Schema.extend(
  Job,
  Schema.Struct({
    job: Schema.Int,
    ignored_fields: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.Unknown }), {
      default: () => ({})
    })
  })
)
/** The answer to a launch. */
export type LaunchAnswer = typeof LaunchAnswer.Type

/** One host's recap in a job (`dark` = unreachable). */
export const HostSummary = Schema.Struct({
  host: Schema.NullOr(Schema.Int),
  host_name: Schema.String,
  ok: Schema.Int,
  changed: Schema.Int,
  failures: Schema.Int,
  dark: Schema.Int,
  skipped: Schema.optionalWith(Schema.Int, { default: () => 0 }),
  failed: Schema.Boolean
})
/** One host's recap in a job. */
export type HostSummary = typeof HostSummary.Type

/** A list page without paging links (`count` and `results` only are read). */
export const ListOf = <A, I>(item: Schema.Schema<A, I>) =>
  Schema.Struct({ count: Schema.Int, results: Schema.Array(item) })

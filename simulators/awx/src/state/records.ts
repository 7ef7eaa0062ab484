import { Schema } from "effect"

// Every record is kept in its JSON form (ids, epoch ms, strings) so the kit's state snapshot is the
// record itself; the serializers under each resource folder turn records into AWX bodies.

/** A user: basic-auth credentials plus the role the simulator enforces. */
export const UserRecord = Schema.Struct({
  id: Schema.Number,
  username: Schema.String,
  password: Schema.String,
  first_name: Schema.String,
  last_name: Schema.String,
  email: Schema.String,
  /** `admin` may do everything, `operator` may read and launch/relaunch/cancel, `auditor` may only read. */
  role: Schema.Literal("admin", "operator", "auditor"),
  created_ms: Schema.Number
})
/** A user record. */
export type UserRecord = typeof UserRecord.Type

/** An OAuth2 access token (personal, application or seeded), with its secret value. */
export const TokenRecord = Schema.Struct({
  id: Schema.Number,
  token: Schema.String,
  refresh_token: Schema.String,
  user: Schema.Number,
  application: Schema.NullOr(Schema.Number),
  description: Schema.String,
  scope: Schema.Literal("read", "write"),
  created_ms: Schema.Number,
  expires_ms: Schema.Number
})
/** A token record. */
export type TokenRecord = typeof TokenRecord.Type

/** An organization. */
export const OrganizationRecord = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  description: Schema.String,
  created_ms: Schema.Number
})
/** An organization record. */
export type OrganizationRecord = typeof OrganizationRecord.Type

/** An inventory. */
export const InventoryRecord = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  description: Schema.String,
  organization: Schema.Number,
  variables: Schema.String,
  created_ms: Schema.Number
})
/** An inventory record. */
export type InventoryRecord = typeof InventoryRecord.Type

/** How a host answers every play (the seeded fleet draws it; a seed may pin it). */
export const HostBehaviour = Schema.Literal("random", "ok", "failed", "unreachable")

/** A host of an inventory; `platform` and the facts in `variables` come from the seeded fleet. */
export const HostRecord = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  description: Schema.String,
  inventory: Schema.Number,
  enabled: Schema.Boolean,
  variables: Schema.String,
  platform: Schema.String,
  groups: Schema.mutable(Schema.Array(Schema.String)),
  behaviour: HostBehaviour,
  created_ms: Schema.Number
})
/** A host record. */
export type HostRecord = typeof HostRecord.Type

/** One project update (SCM sync) with its simulated timeline. */
export const ProjectUpdateRecord = Schema.Struct({
  id: Schema.Number,
  project: Schema.Number,
  created_ms: Schema.Number,
  running_ms: Schema.Number,
  finished_ms: Schema.Number,
  outcome: Schema.Literal("successful", "failed")
})
/** A project update record. */
export type ProjectUpdateRecord = typeof ProjectUpdateRecord.Type

/** A project (SCM or manual). */
export const ProjectRecord = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  description: Schema.String,
  organization: Schema.Number,
  scm_type: Schema.String,
  scm_url: Schema.String,
  scm_branch: Schema.String,
  scm_update_on_launch: Schema.Boolean,
  allow_override: Schema.Boolean,
  credential: Schema.NullOr(Schema.Number),
  local_path: Schema.String,
  playbooks: Schema.mutable(Schema.Array(Schema.String)),
  created_ms: Schema.Number
})
/** A project record. */
export type ProjectRecord = typeof ProjectRecord.Type

/** The prompt flags of a job template, in AWX's field names. */
export const AskFlags = Schema.Struct({
  ask_variables_on_launch: Schema.Boolean,
  ask_limit_on_launch: Schema.Boolean,
  ask_inventory_on_launch: Schema.Boolean,
  ask_credential_on_launch: Schema.Boolean,
  ask_tags_on_launch: Schema.Boolean,
  ask_skip_tags_on_launch: Schema.Boolean,
  ask_job_type_on_launch: Schema.Boolean,
  ask_verbosity_on_launch: Schema.Boolean,
  ask_diff_mode_on_launch: Schema.Boolean,
  ask_scm_branch_on_launch: Schema.Boolean,
  ask_labels_on_launch: Schema.Boolean,
  ask_forks_on_launch: Schema.Boolean,
  ask_timeout_on_launch: Schema.Boolean,
  ask_job_slice_count_on_launch: Schema.Boolean,
  ask_instance_groups_on_launch: Schema.Boolean,
  ask_execution_environment_on_launch: Schema.Boolean
})
/** The prompt flags of a job template. */
export type AskFlags = typeof AskFlags.Type

/** A job template. */
export const TemplateRecord = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  description: Schema.String,
  job_type: Schema.Literal("run", "check"),
  inventory: Schema.NullOr(Schema.Number),
  project: Schema.Number,
  organization: Schema.Number,
  playbook: Schema.String,
  extra_vars: Schema.String,
  limit: Schema.String,
  forks: Schema.Number,
  verbosity: Schema.Number,
  timeout: Schema.Number,
  job_tags: Schema.String,
  skip_tags: Schema.String,
  become_enabled: Schema.Boolean,
  allow_simultaneous: Schema.Boolean,
  survey_enabled: Schema.Boolean,
  credentials: Schema.mutable(Schema.Array(Schema.Number)),
  ask: AskFlags,
  created_ms: Schema.Number,
  modified_ms: Schema.Number
})
/** A job template record. */
export type TemplateRecord = typeof TemplateRecord.Type

/** What one host did in a job. */
export const HostOutcome = Schema.Literal("ok", "changed", "failed", "unreachable")
/** A host outcome. */
export type HostOutcome = typeof HostOutcome.Type

/** A job: its launch configuration, simulated timeline and the per-host outcomes drawn at launch. */
export const JobRecord = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  description: Schema.String,
  job_template: Schema.Number,
  inventory: Schema.NullOr(Schema.Number),
  project: Schema.Number,
  organization: Schema.Number,
  playbook: Schema.String,
  job_type: Schema.Literal("run", "check"),
  limit: Schema.String,
  extra_vars: Schema.String,
  job_tags: Schema.String,
  skip_tags: Schema.String,
  verbosity: Schema.Number,
  forks: Schema.Number,
  credentials: Schema.mutable(Schema.Array(Schema.Number)),
  launch_type: Schema.Literal("manual", "relaunch"),
  created_by: Schema.Number,
  relaunched_from: Schema.NullOr(Schema.Number),
  created_ms: Schema.Number,
  /** Instants (epoch ms) the job enters each state; `finished_ms` ends it, events land at `events_ms`. */
  pending_ms: Schema.Number,
  waiting_ms: Schema.Number,
  running_ms: Schema.Number,
  finished_ms: Schema.Number,
  events_ms: Schema.Number,
  canceled_ms: Schema.NullOr(Schema.Number),
  /** The final status the run reaches unless canceled first. */
  outcome: Schema.Literal("successful", "failed", "error"),
  job_explanation: Schema.String,
  hosts: Schema.mutable(
    Schema.Array(Schema.Struct({ host: Schema.Number, host_name: Schema.String, outcome: HostOutcome }))
  )
})
/** A job record. */
export type JobRecord = typeof JobRecord.Type

/** A registered OAuth2 application (needed by the `/api/o/token/` password grant). */
export const ApplicationRecord = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  client_id: Schema.String,
  /** Empty for a public client (which sends only `client_id`). */
  client_secret: Schema.String,
  client_type: Schema.Literal("public", "confidential"),
  organization: Schema.Number,
  created_ms: Schema.Number
})
/** An application record. */
export type ApplicationRecord = typeof ApplicationRecord.Type

/** An inventory group; membership is kept on the hosts (`HostRecord.groups`, by group name). */
export const GroupRecord = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  description: Schema.String,
  inventory: Schema.Number,
  variables: Schema.String,
  created_ms: Schema.Number
})
/** A group record. */
export type GroupRecord = typeof GroupRecord.Type

/** A credential (only what job templates and launches refer to; secrets are never rendered). */
export const CredentialRecord = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  description: Schema.String,
  organization: Schema.NullOr(Schema.Number),
  credential_type: Schema.Number,
  inputs: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
  created_ms: Schema.Number
})
/** A credential record. */
export type CredentialRecord = typeof CredentialRecord.Type

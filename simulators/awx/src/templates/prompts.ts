import type { AskFlags } from "../state/records.js"

/** A launch-time field and the template flag that allows it (AWX `ask_mapping`). */
export interface Prompt {
  readonly field: string
  readonly flag: keyof AskFlags
  readonly kind: "vars" | "string" | "int" | "intList" | "bool" | "jobType"
}

/** Every field AWX accepts on launch, with its `ask_*_on_launch` flag. */
export const PROMPTS: readonly Prompt[] = [
  { field: "extra_vars", flag: "ask_variables_on_launch", kind: "vars" },
  { field: "limit", flag: "ask_limit_on_launch", kind: "string" },
  { field: "inventory", flag: "ask_inventory_on_launch", kind: "int" },
  { field: "credentials", flag: "ask_credential_on_launch", kind: "intList" },
  { field: "job_tags", flag: "ask_tags_on_launch", kind: "string" },
  { field: "skip_tags", flag: "ask_skip_tags_on_launch", kind: "string" },
  { field: "job_type", flag: "ask_job_type_on_launch", kind: "jobType" },
  { field: "verbosity", flag: "ask_verbosity_on_launch", kind: "int" },
  { field: "diff_mode", flag: "ask_diff_mode_on_launch", kind: "bool" },
  { field: "scm_branch", flag: "ask_scm_branch_on_launch", kind: "string" },
  { field: "labels", flag: "ask_labels_on_launch", kind: "intList" },
  { field: "forks", flag: "ask_forks_on_launch", kind: "int" },
  { field: "timeout", flag: "ask_timeout_on_launch", kind: "int" },
  { field: "job_slice_count", flag: "ask_job_slice_count_on_launch", kind: "int" },
  { field: "instance_groups", flag: "ask_instance_groups_on_launch", kind: "intList" },
  { field: "execution_environment", flag: "ask_execution_environment_on_launch", kind: "int" }
]

/** The template flags, all false: what a template has unless its create body says otherwise. */
export const noAsks = (): AskFlags => ({
  ask_variables_on_launch: false,
  ask_limit_on_launch: false,
  ask_inventory_on_launch: false,
  ask_credential_on_launch: false,
  ask_tags_on_launch: false,
  ask_skip_tags_on_launch: false,
  ask_job_type_on_launch: false,
  ask_verbosity_on_launch: false,
  ask_diff_mode_on_launch: false,
  ask_scm_branch_on_launch: false,
  ask_labels_on_launch: false,
  ask_forks_on_launch: false,
  ask_timeout_on_launch: false,
  ask_job_slice_count_on_launch: false,
  ask_instance_groups_on_launch: false,
  ask_execution_environment_on_launch: false
})

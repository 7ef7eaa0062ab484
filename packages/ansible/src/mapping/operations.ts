/** The plane operations that have a playbook and a job template of their own. */
export const Operations = ["install", "remove", "remediate", "mirror"] as const
/** A plane operation with a playbook. */
export type Operation = (typeof Operations)[number]

/** The playbook (in `playbooks/` of this package, at the root of the project) each operation runs. */
export const playbookOf: Readonly<Record<Operation, string>> = {
  install: "install_package.yml",
  remove: "remove_package.yml",
  remediate: "remediate.yml",
  mirror: "configure_mirror.yml"
}

/** The operations whose templates carry one package's defaults; `mirror` is one template per connector. */
export const PackageOperations = [
  "install",
  "remove",
  "remediate"
] as const satisfies ReadonlyArray<Operation>
/** An operation with one template per published package. */
export type PackageOperation = (typeof PackageOperations)[number]

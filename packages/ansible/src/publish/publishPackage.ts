import { Correlation, intentKey, type PackageIntent, type PlaneError, type PublishResult } from "@planes/core"
import { Effect } from "effect"
import type { TemplateSpec } from "../mapping/jobTemplate.js"
import { templateName } from "../mapping/names.js"
import type { PackageOperation } from "../mapping/operations.js"
import { packageVars } from "../mapping/packageVars.js"
import type { AnsibleRuntime } from "../runtime.js"
import { ensureTemplates, mirrorTemplateSpec } from "./ensureTemplates.js"

/** The package's templates: install, remove and remediate, each with the package's defaults and key. */
export const packageTemplateSpecs = (
  prefix: string,
  intent: PackageIntent
): readonly [TemplateSpec, ...ReadonlyArray<TemplateSpec>] => {
  const key = intentKey(intent)
  const pkg = { name: intent.name, version: intent.version }
  const vars = packageVars(intent, key)
  // The remove template's own default is removal; a launch sets the state anyway.
  const spec = (operation: PackageOperation): TemplateSpec => ({
    name: templateName(prefix, pkg, operation),
    key,
    operation,
    pkg,
    vars: { ...vars, pkg_state: operation === "remove" ? "absent" : "present" }
  })
  return [spec("install"), spec("remove"), spec("remediate")]
}

/**
 * Publishes a package: the playbook project (created and synced once per organization), then a job
 * template per operation of the package (install, remove, remediate) and the connector's mirror
 * template. The intent key is in each template's description; the install template is the package id.
 * A repeat finds everything there (`created: false`).
 */
export const publishPackage = (
  runtime: AnsibleRuntime,
  intent: PackageIntent
): Effect.Effect<PublishResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const prefix = runtime.config.namePrefix
      const [install, ...others] = packageTemplateSpecs(prefix, intent)
      const ensured = yield* ensureTemplates(
        runtime,
        [install, ...others, mirrorTemplateSpec(prefix)],
        "publish package"
      )
      return {
        plane: "ansible" as const,
        key: intentKey(intent),
        correlationId: yield* Correlation.current,
        created: ensured.primary.created,
        objects: ensured.objects,
        packageId: String(ensured.primary.value.id),
        version: intent.version
      }
    })
  )

import { findKey, type PackageRef, type PlaneError } from "@planes/core"
import { Effect, Option } from "effect"
import { findTemplate } from "../awx/resources.js"
import type { JobTemplate } from "../awx/schemas.js"
import { permanent } from "../errors.js"
import { templateName } from "../mapping/names.js"
import type { PackageOperation } from "../mapping/operations.js"
import type { AnsibleRuntime } from "../runtime.js"

/**
 * The template publishing `pkg` made for `operation`, found by its name and checked by the key in its
 * description. Missing, or published from another intent, is a PermanentError: publish the package first.
 */
export const publishedTemplate = (
  runtime: AnsibleRuntime,
  pkg: PackageRef,
  operation: PackageOperation,
  organization: number,
  caller: string
): Effect.Effect<JobTemplate, PlaneError> =>
  Effect.gen(function* () {
    const name = templateName(runtime.config.namePrefix, pkg, operation)
    const found = yield* findTemplate(runtime.awx, name, organization, caller)
    if (Option.isNone(found)) {
      return yield* permanent(
        caller,
        "PackageNotPublished",
        `${pkg.name} ${pkg.version} is not published to this controller (no job template "${name}"); publish the package first.`
      )
    }
    const key = findKey(found.value.description)
    if (key !== pkg.key) {
      return yield* permanent(
        caller,
        "PackageNotPublished",
        `Job template "${name}" carries key ${key ?? "none"}, not ${pkg.key}: ${pkg.name} ${pkg.version} was published from another intent. Publish this intent first.`
      )
    }
    return found.value
  })

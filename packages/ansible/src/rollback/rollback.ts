import { Correlation, findKey, keyOf, type PlaneError, type RollbackResult, Version } from "@planes/core"
import { Effect, Either, Option, Schema } from "effect"
import { launchOnce } from "../assign/launchOnce.js"
import { findTemplate, getJob, getTemplate } from "../awx/resources.js"
import { permanent } from "../errors.js"
import { parseVars, stringVar } from "../mapping/extraVars.js"
import { templateName } from "../mapping/names.js"
import { ansibleRef, parseAnsibleRef } from "../ref/ansibleRef.js"
import type { AnsibleRuntime } from "../runtime.js"

const operation = "rollback"

/**
 * Moves an install assignment to another version: launches on the same inventory and limit the install
 * template published for that version when there is one (its artifact and checksum are that version's),
 * else, on Linux, the assignment's own template with the version overridden (apt and dnf install any
 * version their repositories hold). Once per (assignment, version): a repeat finds the job.
 */
export const rollback = (
  runtime: AnsibleRuntime,
  ref: string,
  version: string
): Effect.Effect<RollbackResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const ids = yield* parseAnsibleRef(ref, operation)
      const target = yield* Either.match(Schema.decodeUnknownEither(Version)(version), {
        onLeft: () =>
          permanent(operation, "InvalidVersion", `"${version.slice(0, 64)}" is not a package version.`),
        onRight: Effect.succeed
      })
      const job = yield* getJob(runtime.awx, ids.job, operation)
      const current = yield* getTemplate(runtime.awx, ids.template, operation)
      const templateVars = parseVars(current.extra_vars)
      const jobVars = parseVars(job.extra_vars)
      const name = stringVar(templateVars, "pkg_display_name")
      const platform = stringVar(templateVars, "pkg_platform")
      if (name === undefined || job.inventory === null) {
        return yield* permanent(
          operation,
          "NotAPlanesTemplate",
          `Job template ${current.id} was not published by planes (its extra_vars name no package); roll back assignments planes made.`
        )
      }
      if (stringVar(jobVars, "pkg_state") === "absent") {
        return yield* permanent(
          operation,
          "NotAnInstall",
          `Job ${job.id} removes ${name}; only install assignments roll back to a version.`
        )
      }
      const published = yield* findTemplate(
        runtime.awx,
        templateName(runtime.config.namePrefix, { name, version: target }, "install"),
        current.organization ?? 0,
        operation
      )
      if (Option.isNone(published) && platform !== "linux") {
        return yield* permanent(
          operation,
          "VersionNotPublished",
          `${name} ${target} is not published to this controller, and on ${platform ?? "this platform"} the playbook installs from the published artifact; publish that version first.`
        )
      }
      const template = Option.getOrElse(published, () => current)
      const packageKey = findKey(template.description)
      const launched = yield* launchOnce(
        runtime,
        {
          template: template.id,
          target: { inventory: job.inventory, limit: job.limit },
          key: keyOf("ansible-rollback", { job: ids.job, template: ids.template, version: target }),
          vars: {
            pkg_version: target,
            pkg_state: "present",
            ...(packageKey !== undefined && { planes_package_key: packageKey })
          }
        },
        operation
      )
      return {
        plane: "ansible" as const,
        fromRef: ansibleRef(ids),
        ref: ansibleRef({ job: launched.job.id, template: template.id }),
        version: target,
        correlationId: yield* Correlation.current,
        objects: [
          { kind: "job_template", id: String(template.id), name: template.name, created: false },
          { kind: "job", id: String(launched.job.id), created: launched.created }
        ]
      }
    })
  )

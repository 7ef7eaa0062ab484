import { type AssignmentResult, Correlation, type PlaneError } from "@planes/core"
import { Effect } from "effect"
import { launchOnce } from "../assign/launchOnce.js"
import { resolveTarget } from "../assign/target.js"
import { mirrorKey, mirrorVars } from "../mapping/mirror.js"
import { ensureTemplates, mirrorTemplateSpec } from "../publish/ensureTemplates.js"
import { ansibleRef } from "../ref/ansibleRef.js"
import type { AnsibleRuntime } from "../runtime.js"
import type { MirrorIntent } from "./MirrorIntent.js"

const operation = "configure mirror"

/**
 * Configures a package repository mirror on the hosts a target names: ensures the playbook project and
 * the connector's mirror template, then launches `configure_mirror.yml` once per mirror intent (the key
 * rides in the launch's variables, as for assignments). The ref follows the job like an assignment's,
 * so `queryState` and `deviceStates` report the mirror's rollout.
 */
export const configureMirror = (
  runtime: AnsibleRuntime,
  intent: MirrorIntent
): Effect.Effect<AssignmentResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const ensured = yield* ensureTemplates(
        runtime,
        [mirrorTemplateSpec(runtime.config.namePrefix)],
        operation
      )
      const template = ensured.primary.value
      const target = yield* resolveTarget(runtime, intent.target, ensured.organization, operation)
      const key = mirrorKey(intent)
      const { job, created } = yield* launchOnce(
        runtime,
        { template: template.id, target, key, vars: mirrorVars(intent) },
        operation
      )
      return {
        plane: "ansible" as const,
        key,
        correlationId: yield* Correlation.current,
        created,
        objects: [...ensured.objects, { kind: "job", id: String(job.id), created }],
        ref: ansibleRef({ job: job.id, template: template.id })
      }
    })
  )

import { HttpClientRequest } from "@effect/platform"
import { type PlaneError, pollUntil } from "@planes/core"
import { Duration, Effect, Option } from "effect"
import { awxPath } from "../awx/paths.js"
import { findProject } from "../awx/resources.js"
import { Project } from "../awx/schemas.js"
import { permanent } from "../errors.js"
import { projectBody } from "../mapping/project.js"
import type { AnsibleRuntime } from "../runtime.js"
import { type Ensured, ensureNamed } from "./ensureNamed.js"

const operation = "ensure project"

/** Project statuses that mean its playbooks are known: a successful sync, or a manual project. */
const synced = ["successful", "ok"]
/** Project statuses after which a sync must be started: none ever ran, or the last one did not succeed. */
const needsUpdate = ["never updated", "failed", "error", "canceled", "missing"]

/**
 * The project that holds the planes playbooks, in the organization: found by name (unique per
 * organization), or created from the configured repository (AWX starts its first sync on create).
 */
export const ensureProject = (
  runtime: AnsibleRuntime,
  organization: number
): Effect.Effect<Ensured<Project>, PlaneError> => {
  const { awx, config } = runtime
  return ensureNamed(runtime, {
    find: findProject(awx, config.project.name, organization, operation),
    create: awx.json(
      operation,
      HttpClientRequest.post(awxPath("projects")).pipe(
        HttpClientRequest.bodyUnsafeJson(projectBody(config.project, organization))
      ),
      Project,
      { retry: false }
    )
  })
}

const getProject = (runtime: AnsibleRuntime, id: number) =>
  runtime.awx.json("wait for project sync", HttpClientRequest.get(awxPath("projects", id)), Project)

/**
 * Waits (bounded, `projectSyncTimeoutSeconds`) until the project's playbooks are known: AWX refuses a
 * template whose playbook the last successful sync did not find. A project that never synced, or whose
 * last sync failed, gets one sync started; a second failure is a PermanentError (check the repository
 * URL, branch and credential).
 */
export const waitForSync = (runtime: AnsibleRuntime, project: Project): Effect.Effect<Project, PlaneError> =>
  Effect.gen(function* () {
    const { config } = runtime
    if (synced.includes(project.status)) return project
    if (needsUpdate.includes(project.status)) {
      yield* runtime.awx.empty(
        "sync project",
        HttpClientRequest.post(awxPath("projects", project.id, "update"))
      )
    }
    return yield* pollUntil({
      plane: "ansible",
      operation: "wait for project sync",
      describe: `The sync of project ${project.id} (${project.name})`,
      hint: "repeat the operation to resume",
      check: Effect.flatMap(getProject(runtime, project.id), (p) =>
        synced.includes(p.status)
          ? Effect.succeed(Option.some(p))
          : needsUpdate.includes(p.status)
            ? permanent(
                "wait for project sync",
                "ControllerStateFailed",
                `The sync of project ${project.id} (${project.name}) failed: the project is '${p.status}'; check its SCM URL, branch and credential on the controller.`
              )
            : Effect.succeed(Option.none())
      ),
      interval: Duration.seconds(config.pollIntervalSeconds),
      timeout: Duration.seconds(config.projectSyncTimeoutSeconds)
    })
  })

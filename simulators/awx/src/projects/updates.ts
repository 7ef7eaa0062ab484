import { type Deps, nowOf, settingsOf } from "../http/deps.js"
import type { ProjectRecord, ProjectUpdateRecord } from "../state/records.js"
import { nextId, TENANT } from "../state/stores.js"

/**
 * Starts a project update (SCM sync): pending for the first third of `projectUpdateMs`, then running,
 * then successful or failed as drawn from a stream fixed by the seed and the update id.
 */
export const startUpdate = (deps: Deps, project: ProjectRecord): ProjectUpdateRecord => {
  const updates = deps.stores.projectUpdates.get(TENANT)
  const settings = settingsOf(deps)
  const id = nextId(deps.stores, "project_updates", updates)
  const now = nowOf(deps)
  const duration = settings.lifecycle.projectUpdateMs
  const failed = deps.kit.rng.fork(`project_update:${id}`).chance(settings.outcomes.projectUpdateFailureRate)
  const update: ProjectUpdateRecord = {
    id,
    project: project.id,
    created_ms: now,
    running_ms: now + Math.floor(duration / 3),
    finished_ms: now + duration,
    outcome: failed ? "failed" : "successful"
  }
  updates.push(update)
  return update
}

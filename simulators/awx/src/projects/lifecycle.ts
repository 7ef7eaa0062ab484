import type { ProjectRecord, ProjectUpdateRecord } from "../state/records.js"

/** Status of a project update at `now`: pending, running, then successful or failed. */
export const updateStatus = (update: ProjectUpdateRecord, now: number): string =>
  now < update.running_ms ? "pending" : now < update.finished_ms ? "running" : update.outcome

/** The latest update of a project, if it has one. */
export const latestUpdate = (
  project: ProjectRecord,
  updates: readonly ProjectUpdateRecord[]
): ProjectUpdateRecord | undefined =>
  updates
    .filter((u) => u.project === project.id)
    .reduce<ProjectUpdateRecord | undefined>(
      (latest, u) => (latest === undefined || u.id > latest.id ? u : latest),
      undefined
    )

/**
 * A project's status as AWX derives it: a manual project is `ok`; an SCM project follows its latest
 * update, or is `never updated`.
 */
export const projectStatus = (
  project: ProjectRecord,
  updates: readonly ProjectUpdateRecord[],
  now: number
): string => {
  if (project.scm_type === "") return "ok"
  const latest = latestUpdate(project, updates)
  return latest === undefined ? "never updated" : updateStatus(latest, now)
}

/** Whether an SCM project has synced successfully at least once (its playbooks are then known). */
export const hasSynced = (project: ProjectRecord, updates: readonly ProjectUpdateRecord[], now: number) =>
  project.scm_type === "" ||
  updates.some((u) => u.project === project.id && updateStatus(u, now) === "successful")

/** The playbooks a project offers at `now` (an SCM project's only once synced). */
export const playbooksOf = (project: ProjectRecord, updates: readonly ProjectUpdateRecord[], now: number) =>
  hasSynced(project, updates, now) ? project.playbooks : []

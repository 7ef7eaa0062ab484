import type { DeviceState, PlaneError } from "@planes/core"
import { Chunk, Effect, Stream } from "effect"
import { getJob, hostSummaries, jobsOfTemplate } from "../awx/resources.js"
import type { Job } from "../awx/schemas.js"
import { parseVars, stringVar } from "../mapping/extraVars.js"
import { deviceStateOf, type JobGoal, summariesReady } from "../mapping/hostStatus.js"
import { keyVar } from "../mapping/packageVars.js"
import type { AnsibleAssignmentIds } from "../ref/ansibleRef.js"
import type { AnsibleRuntime } from "../runtime.js"

/**
 * An assignment as the controller shows it: the job planes launched and the relaunches that followed it
 * (remediation relaunches failed hosts, each relaunch of the one before), oldest first.
 */
export interface AssignmentView {
  readonly ids: AnsibleAssignmentIds
  readonly chain: readonly [Job, ...ReadonlyArray<Job>]
  /** The newest job of the chain: the one whose status says whether anything still runs. */
  readonly head: Job
  readonly goal: JobGoal
}

/** The package state and version a job converges hosts to, read from its extra variables. */
export const goalOf = (job: Job): JobGoal => {
  const vars = parseVars(job.extra_vars)
  return {
    state: stringVar(vars, "pkg_state") === "absent" ? "absent" : "present",
    version: stringVar(vars, "pkg_version")
  }
}

/** The planes key a job's launch carried (relaunches copy it, with the rest of the variables). */
export const launchKeyOf = (job: Job): string | undefined => stringVar(parseVars(job.extra_vars), keyVar)

/**
 * Orders the relaunches that followed `first` into its chain, oldest first. AWX does not link a relaunch
 * to its source job in the API, but a relaunch copies the job's extra variables, so every relaunch in the
 * chain carries the key of the first launch; a job without a key has no chain.
 */
export const chainFrom = (
  first: Job,
  relaunches: ReadonlyArray<Job>
): readonly [Job, ...ReadonlyArray<Job>] => {
  const key = launchKeyOf(first)
  if (key === undefined) return [first]
  const later = relaunches
    .filter((job) => job.id > first.id && launchKeyOf(job) === key)
    .sort((a, b) => a.id - b.id)
  return [first, ...later]
}

/** Reads the job a ref names and the relaunches that followed it. */
export const viewOf = (
  runtime: AnsibleRuntime,
  ids: AnsibleAssignmentIds,
  operation: string
): Effect.Effect<AssignmentView, PlaneError> =>
  Effect.gen(function* () {
    const first = yield* getJob(runtime.awx, ids.job, operation)
    const relaunches = yield* Stream.runCollect(
      jobsOfTemplate(runtime.awx, ids.template, "relaunch", operation)
    )
    const chain = chainFrom(first, Chunk.toReadonlyArray(relaunches))
    return { ids, chain, head: chain[chain.length - 1] ?? first, goal: goalOf(first) }
  })

/**
 * Every host's state for the assignment: the first job's host summaries, page by page, each host
 * replaced by its outcome in the newest later job of the chain that ran it (a relaunch on failed hosts
 * reruns only those). Jobs whose events are not all saved yet contribute nothing.
 */
export const statesOf = (
  runtime: AnsibleRuntime,
  view: AssignmentView,
  operation: string
): Stream.Stream<DeviceState, PlaneError> => {
  const [first, ...later] = view.chain
  const ready = (job: Job) => summariesReady(job)
  const overrides = Effect.map(
    Effect.forEach(later.filter(ready), (job) =>
      Stream.runCollect(
        Stream.map(hostSummaries(runtime.awx, job.id, operation), (s) => deviceStateOf(s, job, view.goal))
      )
    ),
    (perJob) =>
      new Map(
        perJob.flatMap((states) => Chunk.toReadonlyArray(states)).map((s) => [s.deviceName ?? s.deviceId, s])
      )
  )
  if (!ready(first)) return Stream.empty
  return Stream.unwrap(
    Effect.map(overrides, (latest) =>
      Stream.map(hostSummaries(runtime.awx, first.id, operation), (summary) => {
        const own = deviceStateOf(summary, first, view.goal)
        return latest.get(summary.host_name) ?? own
      })
    )
  )
}

import type { DeviceState, PlaneError } from "@planes/core"
import { Chunk, Effect, Stream } from "effect"
import { collect, type LandscapeClient } from "../api/LandscapeClient.js"
import { type Activity, Activity as ActivitySchema, Computer, PackageVersion } from "../api/schemas.js"
import { deviceStatusOf } from "../mapping/deviceStatus.js"
import type { LandscapeAssignment } from "../ref/landscapeRef.js"

/** The installed version of a package per computer id, among the computers a query selects (REST, paged). */
export const installedVersions = (
  client: LandscapeClient,
  operation: string,
  name: string,
  query: string
): Effect.Effect<ReadonlyMap<number, string>, PlaneError> =>
  Effect.map(
    collect(
      client.restAll(operation, "/packages", { names: name, query, installed: "true" }, PackageVersion)
    ),
    (rows) => {
      const versions = new Map<number, string>()
      for (const row of rows) {
        if (row.name !== name) continue
        for (const c of row.computers)
          if (c.status === "installed" || c.status === "held") versions.set(c.id, row.version)
      }
      return versions
    }
  )

/** The computers a query selects that stopped pinging (`alert:computer-offline`). */
export const offlineComputers = (client: LandscapeClient, operation: string, search: string) =>
  Effect.map(
    collect(
      client.restAll(operation, "/computers", { query: `search:${search} alert:computer-offline` }, Computer)
    ),
    (computers) => new Set(computers.map((c) => c.id))
  )

/** A computer query selecting exactly these computers (`id:1 OR id:7 ...`, facts §3). */
export const idsQuery = (ids: ReadonlyArray<number>): string => ids.map((id) => `id:${id}`).join(" OR ")

/**
 * The activity query of an assignment's per-computer activities: the install group's children, or the
 * saved search's package changes; narrowed, when given, to a computer query (quoted: it has spaces).
 */
const activityQuery = (a: LandscapeAssignment, computers: string | undefined): string => {
  const selected = computers === undefined ? `search:${a.search}` : `"${computers}"`
  if (a.activity === undefined) return `computer:${selected} type:ChangePackagesRequest`
  return computers === undefined ? `parent-id:${a.activity}` : `parent-id:${a.activity} computer:${selected}`
}

/**
 * The per-computer activities of an assignment among the computers a query selects, the latest per
 * computer (a reapplied child supersedes the failed one), in computer id order: the install group's
 * children (`parent-id:N`), or for a rollback the downgrade activities. Without `computers`, every
 * computer of the assignment.
 */
export const latestChildren = (
  client: LandscapeClient,
  operation: string,
  a: LandscapeAssignment,
  computers?: string
): Effect.Effect<ReadonlyArray<Activity>, PlaneError> => {
  const wanted = (x: Activity) =>
    x.computer_id !== null && (a.activity !== undefined || x.summary === `Downgrade package ${a.package}`)
  const query = activityQuery(a, computers)
  return Effect.map(collect(client.restAll(operation, "/activities", { query }, ActivitySchema)), (all) => {
    const latest = new Map<number, Activity>()
    for (const x of all) {
      if (!wanted(x) || x.computer_id === null) continue
      const seen = latest.get(x.computer_id)
      if (seen === undefined || x.id > seen.id) latest.set(x.computer_id, x)
    }
    return [...latest.values()].sort((x, y) => (x.computer_id ?? 0) - (y.computer_id ?? 0))
  })
}

/** One computer's DeviceState from its latest activity, installed version and reachability (pure). */
export const deviceStateOf = (
  a: LandscapeAssignment,
  activity: Activity,
  installed: string | undefined,
  offline: boolean
): DeviceState => {
  const status = deviceStatusOf({
    activityStatus: activity.activity_status,
    installed,
    offline,
    goal: a.goal,
    version: a.version
  })
  const detail = [
    offline ? "computer offline" : undefined,
    installed === undefined ? "not installed" : `installed ${installed}`,
    activity.result_text ?? undefined
  ]
    .filter((x): x is string => x !== undefined && x !== "")
    .join("; ")
  return {
    plane: "landscape",
    deviceId: String(activity.computer_id),
    status,
    ...(installed !== undefined && { version: installed }),
    present: installed !== undefined,
    raw: { status: activity.activity_status, ...(detail !== "" && { detail }) }
  }
}

/** One computer of an assignment: its latest activity and its state. */
export interface ComputerState {
  readonly activity: Activity
  readonly state: DeviceState
}

const computerState = (
  a: LandscapeAssignment,
  activity: Activity,
  versions: ReadonlyMap<number, string>,
  offline: ReadonlySet<number>
): ComputerState => {
  const id = activity.computer_id ?? 0
  return { activity, state: deviceStateOf(a, activity, versions.get(id), offline.has(id)) }
}

/** The states of one page of the saved search's computers: each page's queries name just its computers. */
const pageStates = (
  client: LandscapeClient,
  operation: string,
  a: LandscapeAssignment,
  offline: ReadonlySet<number>,
  ids: ReadonlyArray<number>
): Effect.Effect<ReadonlyArray<ComputerState>, PlaneError> => {
  const computers = idsQuery(ids)
  return Effect.map(
    Effect.all([
      installedVersions(client, operation, a.package, computers),
      latestChildren(client, operation, a, computers)
    ]),
    ([versions, children]) => children.map((activity) => computerState(a, activity, versions, offline))
  )
}

/**
 * Every computer's state for an assignment, streamed with flat memory: the saved search's computers are
 * paged in id order, and for each page the activities and installed versions of just those computers
 * are read. Every activity of a computer (a reapplied one included) is in its own page's answer, so a
 * state is final when it is emitted. Only the set of offline computers is held for the whole stream.
 * A computer emits a state when it has an activity of the assignment and is still in the saved search.
 */
export const streamComputerStates = (
  client: LandscapeClient,
  operation: string,
  a: LandscapeAssignment
): Stream.Stream<ComputerState, PlaneError> =>
  Stream.unwrap(
    Effect.map(offlineComputers(client, operation, a.search), (offline) =>
      client.restAll(operation, "/computers", { query: `search:${a.search}` }, Computer).pipe(
        Stream.grouped(client.config.pageSize),
        Stream.mapEffect((page) =>
          pageStates(
            client,
            operation,
            a,
            offline,
            Chunk.toReadonlyArray(page).map((c) => c.id)
          )
        ),
        Stream.flattenIterables
      )
    )
  )

/**
 * Every computer's state for an assignment in one read, for callers that need the whole set at once
 * (summaries, remediation): installed versions and latest activities of every computer of the
 * assignment, each listing read to its last page (a later page may hold a newer, reapplied activity).
 */
export const collectComputerStates = (
  client: LandscapeClient,
  operation: string,
  a: LandscapeAssignment
): Effect.Effect<ReadonlyArray<ComputerState>, PlaneError> =>
  Effect.map(
    Effect.all([
      installedVersions(client, operation, a.package, `search:${a.search}`),
      offlineComputers(client, operation, a.search),
      latestChildren(client, operation, a)
    ]),
    ([versions, offline, children]) =>
      children.map((activity) => computerState(a, activity, versions, offline))
  )

/** Every computer's DeviceState for an assignment (see `collectComputerStates`). */
export const collectDeviceStates = (
  client: LandscapeClient,
  operation: string,
  a: LandscapeAssignment
): Effect.Effect<ReadonlyArray<DeviceState>, PlaneError> =>
  Effect.map(collectComputerStates(client, operation, a), (all) => all.map((c) => c.state))

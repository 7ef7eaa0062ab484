import type { DeviceState, PlaneError } from "@planes/core"
import { Effect } from "effect"
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

/**
 * The per-computer activities of an assignment, the latest per computer (a reapplied child supersedes
 * the failed one): the install group's children (`parent-id:N`), or for a rollback the downgrade
 * activities of the saved search's computers.
 */
export const latestChildren = (
  client: LandscapeClient,
  operation: string,
  a: LandscapeAssignment
): Effect.Effect<ReadonlyArray<Activity>, PlaneError> => {
  const query =
    a.activity === undefined
      ? `computer:search:${a.search} type:ChangePackagesRequest`
      : `parent-id:${a.activity}`
  const wanted = (x: Activity) =>
    x.computer_id !== null && (a.activity !== undefined || x.summary === `Downgrade package ${a.package}`)
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

/**
 * Every computer's state for an assignment: installed versions (REST `/packages`, every page), the
 * offline computers and the latest per-computer activity (REST `/activities`, every page), mapped to
 * DeviceState. All pages are read before a state is final, since a later page may hold a computer's
 * newer (reapplied) activity.
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
      children.map((activity) => {
        const id = activity.computer_id ?? 0
        return { activity, state: deviceStateOf(a, activity, versions.get(id), offline.has(id)) }
      })
  )

/** Every computer's DeviceState for an assignment (see `collectComputerStates`). */
export const collectDeviceStates = (
  client: LandscapeClient,
  operation: string,
  a: LandscapeAssignment
): Effect.Effect<ReadonlyArray<DeviceState>, PlaneError> =>
  Effect.map(collectComputerStates(client, operation, a), (all) => all.map((c) => c.state))

import { HttpClientRequest } from "@effect/platform"
import { type DeviceState, Http, type PlaneError } from "@planes/core"
import { Chunk, Effect, Option, Stream } from "effect"
import type { ApiCall, JamfApi } from "../api/JamfApi.js"
import { InventoryRecord, type Package } from "../api/schemas.js"
import { ClassicComputerGroup, ComputerHistory, membersOf, policyLogsOf } from "../classic/schemas.js"
import { permanent } from "../errors.js"
import { statusOfPolicyLog } from "../mapping/deviceStatus.js"
import { readPackageNotes } from "../mapping/package.js"
import { getPackage } from "../publish/packages.js"
import type { JamfAssignmentIds } from "../ref/jamfRef.js"

/** What state reads of the deployed package: its file (receipts) and the application and version it installs. */
export interface DeployedPackage {
  readonly id: string
  readonly fileName: string
  readonly version: string | undefined
  readonly application: string | undefined
}

/** The deployed package as its record describes it (planes' notes give application and version). */
export const deployedPackage = (pkg: Package): DeployedPackage => {
  const notes = readPackageNotes(pkg.notes)
  return { id: pkg.id, fileName: pkg.fileName, version: notes?.version, application: notes?.application }
}

/**
 * One computer's state for the assignment: the newest log of the policy on it gives the status; its
 * inventory says whether the package is there (Jamf's receipts of the package file) and which version of
 * the application it installs is present.
 */
export const deviceStateOf = (
  policyId: number,
  record: InventoryRecord,
  history: ComputerHistory,
  pkg: DeployedPackage
): DeviceState => {
  const newest = [...policyLogsOf(history)]
    .filter((log) => log.policy_id === policyId)
    .sort((a, b) => (b.date_time_epoch ?? 0) - (a.date_time_epoch ?? 0))[0]
  const receipts = record.packageReceipts?.installedByJamfPro ?? []
  const app = record.applications?.find((a) => pkg.application !== undefined && a.name === pkg.application)
  const present = receipts.includes(pkg.fileName) || app !== undefined
  const version = app?.version ?? (receipts.includes(pkg.fileName) ? pkg.version : undefined)
  const name = record.general?.name
  return {
    plane: "jamf",
    deviceId: record.id,
    ...(name != null && { deviceName: name }),
    status: statusOfPolicyLog(newest?.status),
    ...(version != null && { version }),
    present,
    raw: {
      status: newest?.status ?? "No policy log",
      ...(newest?.date_time_utc !== undefined && { detail: `policy ${policyId} ran ${newest.date_time_utc}` })
    },
    ...(newest?.date_time_epoch !== undefined && {
      observedAt: new Date(newest.date_time_epoch).toISOString()
    })
  }
}

/** The members of a computer group (Classic reads smart and static groups alike). */
export const groupMembers = (
  api: JamfApi,
  groupId: string,
  operation: string,
  call?: ApiCall
): Effect.Effect<ReadonlyArray<string>, PlaneError> =>
  Effect.flatMap(
    api.getXmlOption(
      "read group",
      `/JSSResource/computergroups/id/${groupId}`,
      "computer_group",
      ClassicComputerGroup,
      call
    ),
    (group) =>
      Option.isSome(group)
        ? Effect.succeed(membersOf(group.value).map((m) => String(m.id)))
        : permanent(
            operation,
            "GroupNotFound",
            `Computer group ${groupId} of the assignment no longer exists in Jamf.`
          )
  )

/** A computer's policy logs (Classic computer history, PolicyLogs subset). */
export const policyLogs = (
  api: JamfApi,
  computerId: string,
  call?: ApiCall
): Effect.Effect<ComputerHistory, PlaneError> =>
  Effect.map(
    api.getXmlOption(
      "read policy logs",
      `/JSSResource/computerhistory/id/${computerId}/subset/PolicyLogs`,
      "computer_history",
      ComputerHistory,
      call
    ),
    // A computer deleted since the group was read has no history: no logs.
    Option.getOrElse(() => ({}))
  )

/** The inventory of some computers (GENERAL, APPLICATIONS, PACKAGE_RECEIPTS), every page. */
export const inventoryOf = (
  api: JamfApi,
  computerIds: ReadonlyArray<string>,
  call?: ApiCall
): Stream.Stream<InventoryRecord, PlaneError> =>
  Http.Paging.pageNumber(
    api.client(call),
    "read inventory",
    HttpClientRequest.get("/api/v1/computers-inventory").pipe(
      HttpClientRequest.setUrlParams({ filter: `id=in=(${computerIds.join(",")})`, sort: "id:asc" }),
      HttpClientRequest.appendUrlParams([
        ["section", "GENERAL"],
        ["section", "APPLICATIONS"],
        ["section", "PACKAGE_RECEIPTS"]
      ])
    ),
    InventoryRecord,
    { pageSize: api.config.pageSize }
  )

/**
 * Every computer of the assignment's group with its state, lazily: members in batches of a page, each
 * batch's inventory read page by page, each computer's policy logs read a few at a time.
 */
export const statesOf = (
  api: JamfApi,
  ids: JamfAssignmentIds,
  members: ReadonlyArray<string>,
  pkg: DeployedPackage,
  call: ApiCall
): Stream.Stream<DeviceState, PlaneError> =>
  Stream.fromIterable(members).pipe(
    Stream.grouped(api.config.pageSize),
    Stream.flatMap((batch) => inventoryOf(api, Chunk.toReadonlyArray(batch), call)),
    Stream.mapEffect(
      (record) =>
        Effect.map(policyLogs(api, record.id, call), (history) =>
          deviceStateOf(Number(ids.policy), record, history, pkg)
        ),
      { concurrency: api.config.stateConcurrency }
    )
  )

/** What state needs to read an assignment: the group's members and the package deployed. */
export const assignmentContext = (
  api: JamfApi,
  ids: JamfAssignmentIds,
  operation: string,
  call?: ApiCall
): Effect.Effect<{ readonly members: ReadonlyArray<string>; readonly pkg: DeployedPackage }, PlaneError> =>
  Effect.gen(function* () {
    const members = yield* groupMembers(api, ids.group, operation, call)
    const pkg = yield* getPackage(api, ids.package, call)
    if (Option.isNone(pkg)) {
      return yield* permanent(
        operation,
        "PackageNotFound",
        `Package ${ids.package} of the assignment no longer exists in Jamf.`
      )
    }
    return { members, pkg: deployedPackage(pkg.value) }
  })

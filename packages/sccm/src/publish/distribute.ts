import type { PlaneError, PlaneObject, RetryPolicy } from "@planes/core"
import { pollUntil, retrying } from "@planes/core"
import { Duration, Effect, Option, Ref } from "effect"
import type { AdminServiceClient } from "../adminservice/AdminServiceClient.js"
import { odataString } from "../adminservice/odata.js"
import {
  DpGroupRow,
  DpGroupStatusRow,
  type PackageStatusRow,
  PackageStatusRow as PackageStatusRowSchema
} from "../adminservice/schemas.js"
import { permanent } from "../errors.js"
import { distributionStateOf, isSettling, packageStatusNames } from "../mapping/distributionStatus.js"
import type { SccmRuntime } from "../runtime.js"

/** One DP's content state, as PublishResult reports it. */
export interface DpState {
  readonly target: string
  readonly state: string
  readonly detail?: string
}

/** What distributing did: the groups it touched and where the content stands on each DP. */
export interface Distribution {
  readonly objects: ReadonlyArray<PlaneObject>
  readonly distribution: ReadonlyArray<DpState>
}

/** The configured groups, by name or GroupID, resolved against the site's; an unknown one is an error. */
export const resolveGroups = (
  admin: AdminServiceClient,
  wanted: ReadonlyArray<string>
): Effect.Effect<ReadonlyArray<DpGroupRow>, PlaneError> =>
  Effect.flatMap(
    admin.list("list distribution point groups", "SMS_DistributionPointGroup", {}, DpGroupRow),
    (groups) => {
      const norm = (text: string) => text.replace(/[{}]/g, "").toLowerCase()
      const found = wanted.map((w) =>
        groups.find((g) => norm(g.GroupID) === norm(w) || g.Name.toLowerCase() === w.toLowerCase())
      )
      const missing = wanted.filter((_, i) => found[i] === undefined)
      if (missing.length > 0)
        return permanent(
          "distribute content",
          "UnknownDistributionPointGroup",
          `No distribution point group is named or identified ${missing.map((m) => `'${m}'`).join(", ")}; the site has ${groups.map((g) => `'${g.Name}'`).join(", ") || "none"}. Fix distributionPointGroups in the SCCM configuration.`
        )
      return Effect.succeed(found.filter((g) => g !== undefined))
    }
  )

/** Per-DP state of a package, one row per DP. */
export const dpStates = (rows: ReadonlyArray<PackageStatusRow>): ReadonlyArray<DpState> => {
  const byDp = new Map<string, PackageStatusRow>()
  for (const row of rows) byDp.set(row.PkgServer.toLowerCase(), row)
  return [...byDp.values()]
    .sort((a, b) => a.PkgServer.localeCompare(b.PkgServer))
    .map((row) => ({
      target: row.PkgServer,
      state: distributionStateOf(row.Status),
      detail: `SMS_PackageStatus ${row.Status} ${packageStatusNames[row.Status] ?? "UNKNOWN"}`
    }))
}

/**
 * Sends the application's content to the configured DP groups (only those it is not on yet, so a repeat
 * adds nothing), then reports each DP's state, following it for up to `distributionWaitSeconds`. An
 * unreachable or failed DP is reported, never fatal: air-gapped sites prestage content and follow up.
 */
export const distribute = (
  runtime: SccmRuntime,
  packageId: string
): Effect.Effect<Distribution, PlaneError, RetryPolicy> =>
  Effect.gen(function* () {
    const { admin, config } = runtime
    if (config.distributionPointGroups.length === 0) return { objects: [], distribution: [] }
    const groups = yield* resolveGroups(admin, config.distributionPointGroups)
    const filter = `PackageID eq ${odataString(packageId)}`
    // Read what is there, add what is missing; retried as a unit, so a lost answer is read back, not re-sent.
    const added = yield* retrying(
      Effect.gen(function* () {
        const present = yield* admin.list(
          "distribution status",
          "SMS_DPGroupDistributionStatusDetails",
          { filter },
          DpGroupStatusRow
        )
        const have = new Set(present.map((row) => row.GroupID.toLowerCase()))
        const missing = groups.filter((g) => !have.has(g.GroupID.toLowerCase()))
        if (missing.length === 0) return new Set<string>()
        const result = yield* admin.invoke(
          "distribute content",
          { cls: "SMS_ContentPackage", key: packageId, method: "AddDistributionPointGroup" },
          { DistributionPointGroup: missing.map((g) => g.GroupID) },
          { retry: false }
        )
        if (result.ReturnValue !== undefined && result.ReturnValue !== 0)
          return yield* permanent(
            "distribute content",
            "AddDistributionPointGroupFailed",
            `AddDistributionPointGroup returned ${result.ReturnValue} for package ${packageId}; see distmgr.log on the site server.`
          )
        return new Set(missing.map((g) => g.GroupID))
      })
    )
    const read = admin.list("distribution status", "SMS_PackageStatus", { filter }, PackageStatusRowSchema)
    // Still settling when the wait ends is not a failure: the rows then say where distribution stands.
    const last = yield* Ref.make<ReadonlyArray<PackageStatusRow>>([])
    const rows = yield* pollUntil({
      plane: "sccm",
      operation: "distribution status",
      describe: `The distribution of package ${packageId}`,
      code: "DistributionPending",
      interval: Duration.seconds(config.distributionPollSeconds),
      timeout: Duration.seconds(config.distributionWaitSeconds),
      check: read.pipe(
        Effect.tap((rows) => Ref.set(last, rows)),
        Effect.map((rows) => (rows.some((row) => isSettling(row.Status)) ? Option.none() : Option.some(rows)))
      )
    }).pipe(
      Effect.catchIf(
        (error) => error._tag === "TransientError" && error.code === "DistributionPending",
        () => Ref.get(last)
      )
    )
    return {
      objects: groups.map((g) => ({
        kind: "distributionPointGroup",
        id: g.GroupID,
        name: g.Name,
        created: added.has(g.GroupID)
      })),
      distribution: dpStates(rows)
    }
  })

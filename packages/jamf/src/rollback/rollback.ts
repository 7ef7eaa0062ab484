import { Correlation, type PlaneError, type RollbackResult } from "@planes/core"
import { Effect, Option } from "effect"
import { rsqlEquals } from "../api/rsql.js"
import type { Package } from "../api/schemas.js"
import { getPolicy } from "../assign/policies.js"
import { packagesOf } from "../classic/schemas.js"
import { permanent } from "../errors.js"
import { packageName, readPackageNotes } from "../mapping/package.js"
import { repointXml } from "../mapping/policy.js"
import { getPackage, listPackages } from "../publish/packages.js"
import { jamfRef, parseJamfRef } from "../ref/jamfRef.js"
import type { JamfRuntime } from "../runtime.js"

const operation = "rollback"

/** The planes package record of `name` at `version`: named `<name> <version>`, notes written by planes. */
export const pickVersion = (packages: ReadonlyArray<Package>, version: string): Option.Option<Package> =>
  Option.fromNullable(packages.find((p) => readPackageNotes(p.notes)?.version === version))

/**
 * Pins the assignment to another version: the policy's package action is pointed at the record of that
 * version (found by name and version, among the records planes published), its scope and settings kept
 * (a Classic PUT merges what it names), and its logs flushed so computers that ran it run it again. The
 * result's ref names the new package; a repeat does the same PUT and flush again, harmlessly.
 */
export const rollback = (
  runtime: JamfRuntime,
  ref: string,
  version: string
): Effect.Effect<RollbackResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const { api } = runtime
      const ids = yield* parseJamfRef(ref, operation)
      const policy = yield* getPolicy(api, ids.policy)
      if (Option.isNone(policy)) {
        return yield* permanent(
          operation,
          "PolicyNotFound",
          `Policy ${ids.policy} of the assignment no longer exists in Jamf.`
        )
      }
      const current = yield* getPackage(api, ids.package)
      const notes = Option.flatMap(current, (p) => Option.fromNullable(readPackageNotes(p.notes)))
      if (Option.isNone(notes) || notes.value.name === undefined) {
        return yield* permanent(
          operation,
          "PackageNotFound",
          `Package ${ids.package} of the assignment is gone or was not published by planes; its other versions cannot be found.`
        )
      }
      const name = notes.value.name
      const target = pickVersion(
        yield* listPackages(api, rsqlEquals("packageName", packageName(name, version))),
        version
      )
      if (Option.isNone(target)) {
        return yield* permanent(
          operation,
          "VersionNotPublished",
          `No planes package "${packageName(name, version)}" exists in Jamf; publish version ${version} first.`
        )
      }
      const action = packagesOf(policy.value).find((p) => String(p.id) === ids.package)?.action ?? "Install"
      yield* api.sendXml(
        "repoint policy",
        "PUT",
        `/JSSResource/policies/id/${ids.policy}`,
        repointXml({ id: target.value.id, name: target.value.packageName }, action)
      )
      yield* api.sendXml(
        "flush policy logs",
        "DELETE",
        `/JSSResource/logflush/policy/id/${ids.policy}/interval/${encodeURIComponent("Zero Days")}`,
        undefined
      )
      return {
        plane: "jamf" as const,
        fromRef: jamfRef(ids),
        ref: jamfRef({ ...ids, package: target.value.id }),
        version,
        correlationId: yield* Correlation.current,
        objects: [
          { kind: "policy", id: ids.policy, created: false },
          { kind: "package", id: target.value.id, name: target.value.packageName, created: false }
        ]
      }
    })
  )

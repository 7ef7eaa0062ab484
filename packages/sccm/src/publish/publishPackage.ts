import {
  Correlation,
  findOrCreate,
  intentKey,
  type PackageIntent,
  type PlaneError,
  type PublishResult
} from "@planes/core"
import { Effect } from "effect"
import { ApplicationRow } from "../adminservice/schemas.js"
import { permanent } from "../errors.js"
import { contentFolder, type SdmMappingProblem, sdmPackageXml } from "../mapping/sdmPackageXml.js"
import { type SccmRuntime, withRetryPolicy } from "../runtime.js"
import { distribute } from "./distribute.js"
import { findApplication } from "./findApplication.js"

/** Why an intent cannot be an SCCM application, in words a person can act on. */
export const describeMappingProblem = (problem: SdmMappingProblem): string => {
  switch (problem._tag) {
    case "NotWindows":
      return `Configuration Manager applications are published for Windows here; this intent targets ${problem.platform}.`
    case "UnsupportedDetection":
      return `Detection rules cannot be expressed in Configuration Manager: ${problem.problems.map((p) => `detection[${p.index}]: ${p.reason}`).join("; ")}.`
  }
}

/** Where the intent's content is staged: `hints.sccm.contentLocation`, else `<contentShare>\<name>\<version>`. */
export const contentLocationOf = (runtime: SccmRuntime, intent: PackageIntent): string => {
  const hint = intent.hints?.sccm?.contentLocation
  return typeof hint === "string" && hint.startsWith("\\\\")
    ? hint.replace(/\\+$/, "")
    : contentFolder(runtime.config.contentShare, intent)
}

/**
 * Publishes a package as an application: find it by the intent key in its description, else create it
 * from the generated SDMPackageXML (the create is sent once; the find-or-create pair is what retries),
 * then distribute its content to the configured DP groups and report each DP's state. The installer
 * must already be staged at the content location (planes does not copy files onto the share).
 */
export const publishPackage = (
  runtime: SccmRuntime,
  intent: PackageIntent
): Effect.Effect<PublishResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const correlationId = yield* Correlation.current
      const key = intentKey(intent)
      const siteId = yield* runtime.siteId
      const mapped = sdmPackageXml(intent, key, {
        siteId,
        contentLocation: contentLocationOf(runtime, intent)
      })
      if (mapped._tag === "Problem")
        return yield* permanent(
          "publish package",
          "UnsupportedIntent",
          describeMappingProblem(mapped.problem)
        )
      const app = yield* findOrCreate({
        find: findApplication(runtime.admin, key),
        create: runtime.admin.create(
          "create application",
          "SMS_Application",
          { SDMPackageXML: mapped.value.xml },
          ApplicationRow
        )
      })
      const packageId = app.value.PackageID ?? ""
      const content =
        packageId === "" ? { objects: [], distribution: [] } : yield* distribute(runtime, packageId)
      return {
        plane: "sccm" as const,
        key,
        correlationId,
        created: app.created,
        packageId: String(app.value.CI_ID),
        version: intent.version,
        objects: [
          {
            kind: "application",
            id: String(app.value.CI_ID),
            name: app.value.ModelName,
            created: app.created
          },
          ...(packageId === "" ? [] : [{ kind: "contentPackage", id: packageId, created: app.created }]),
          ...content.objects
        ],
        distribution: content.distribution
      }
    }).pipe(withRetryPolicy(runtime))
  )

import {
  Correlation,
  findOrCreate,
  intentKey,
  type PackageIntent,
  type PlaneError,
  type PublishResult,
  RetryPolicy
} from "@planes/core"
import { Effect } from "effect"
import { readArtifact } from "../artifact/localArtifact.js"
import { permanent } from "../errors.js"
import { decodeHints, JamfPackageHints } from "../mapping/hints.js"
import { packageBody } from "../mapping/package.js"
import { type JamfRuntime, newSession } from "../runtime.js"
import { createPackage } from "./createPackage.js"
import { distributionOf } from "./distribution.js"
import { findPackageByKey } from "./packages.js"
import { ensureUploaded } from "./upload.js"
import { waitForHash } from "./verifyHash.js"

const operation = "publish package"

/**
 * Publishes a package: checks the local file against the intent, finds the record carrying the intent
 * key (notes) or creates it, uploads the file unless Jamf holds it already, waits for Jamf's hash and
 * verifies it, and reports the distribution points. Every step after a create reads through the sticky
 * session, so it sees the write; a repeat finds everything in place and creates nothing.
 */
export const publishPackage = (
  runtime: JamfRuntime,
  intent: PackageIntent
): Effect.Effect<PublishResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const { api, config } = runtime
      const correlationId = yield* Correlation.current
      if (intent.platform !== "macos") {
        return yield* permanent(
          operation,
          "UnsupportedPlatform",
          `Jamf Pro deploys macOS packages; a ${intent.platform} package cannot be published to it.`
        )
      }
      const hints = yield* decodeHints(JamfPackageHints)(intent.hints?.jamf, operation, correlationId)
      const key = intentKey(intent)
      const artifact = yield* readArtifact(intent.artifact)
      const body = packageBody(intent, key, hints, config.categoryId)
      const call = { session: yield* newSession(runtime) }
      const record = yield* findOrCreate({
        find: findPackageByKey(api, key, body.notes, body.packageName, call),
        create: createPackage(api, body, key, call)
      }).pipe(Effect.provideService(RetryPolicy, runtime.retry))
      const pkg = record.value
      const uploaded = yield* ensureUploaded(api, pkg.id, artifact, call).pipe(
        Effect.provideService(RetryPolicy, runtime.retry)
      )
      const hash = yield* waitForHash(api, pkg.id, artifact, call)
      const distribution = yield* distributionOf(api, hash)
      return {
        plane: "jamf" as const,
        key,
        correlationId,
        created: record.created,
        objects: [
          { kind: "package", id: pkg.id, name: pkg.packageName, created: record.created },
          { kind: "packageFile", id: pkg.id, name: pkg.fileName, created: uploaded }
        ],
        packageId: pkg.id,
        version: intent.version,
        distribution
      }
    })
  )

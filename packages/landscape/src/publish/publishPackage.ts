import {
  Correlation,
  intentKey,
  type PackageIntent,
  type PlaneError,
  type PublishResult,
  type RetryPolicy
} from "@planes/core"
import { Effect } from "effect"
import type { LandscapeClient } from "../api/LandscapeClient.js"
import { permanent } from "../errors.js"
import { debianPackageName } from "../mapping/packageName.js"
import { bringIn } from "./bringIn.js"
import { ensureProfile } from "./profile.js"
import { ensureRepository } from "./repository.js"

const operation = "publish package"

/**
 * Makes a package version available to the target computers through Landscape's repository
 * management (legacy API): ensures the configured distribution, series and pocket, brings the version
 * in (mirror sync or pull from the parent pocket, followed to completion), verifies the pocket listing
 * has it, and ensures the repository profile pointing the computers at the pocket. A repeat finds
 * everything in place and changes nothing (`created: false`).
 */
export const publishPackage = (
  client: LandscapeClient,
  intent: PackageIntent
): Effect.Effect<PublishResult, PlaneError, RetryPolicy> =>
  Correlation.ensure(
    Effect.gen(function* () {
      if (intent.platform !== "linux") {
        return yield* permanent(
          operation,
          "UnsupportedIntent",
          `Landscape manages Ubuntu computers; this intent targets ${intent.platform}.`
        )
      }
      const name = debianPackageName(intent)
      if (name === undefined) {
        return yield* permanent(
          operation,
          "UnsupportedIntent",
          `"${intent.name}" is not a Debian package name; set hints.landscape.package to the package apt installs.`
        )
      }
      const repo = client.config.repository
      const repository = yield* ensureRepository(client, repo)
      const brought = yield* bringIn(client, repo, name, intent.version)
      const profile = yield* ensureProfile(client, repo)
      const where = `${repo.distribution}/${repo.series}/${repo.pocket}`
      return {
        plane: "landscape" as const,
        key: intentKey(intent),
        correlationId: yield* Correlation.current,
        created: brought.created,
        objects: [...repository, ...brought.objects, profile],
        packageId: `${where}/${name}=${intent.version}`,
        version: intent.version,
        distribution: [
          { target: where, state: "available", detail: `${name} ${intent.version} in the pocket listing` }
        ]
      }
    })
  )

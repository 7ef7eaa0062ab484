import { type PlaneError, pollUntil } from "@planes/core"
import { Duration, Effect, Option } from "effect"
import type { ApiCall, JamfApi } from "../api/JamfApi.js"
import type { Package } from "../api/schemas.js"
import type { LocalArtifact } from "../artifact/localArtifact.js"
import { permanent } from "../errors.js"
import { getPackage } from "./packages.js"

const operation = "verify package"

/** What the hash check established, for the publish result. */
export interface HashCheck {
  readonly hashType: string
  readonly verified: boolean
  readonly detail: string
}

/**
 * Compares the hash Jamf computed of the uploaded file with the local file's. Jamf Cloud reports
 * SHA3-512, not the SHA-256 of the intent: the local file was checked against the intent's SHA-256 and
 * size before upload, and Jamf's hash is checked against that same file, which ties the two together.
 * A hash type the connector cannot compute is reported as unverified rather than failed.
 */
export const checkHash = (pkg: Package, artifact: LocalArtifact): Effect.Effect<HashCheck, PlaneError> => {
  const hashType = pkg.hashType ?? ""
  const reported = (pkg.hashValue ?? "").toLowerCase()
  const local = artifact.digests[hashType]
  if (local === undefined) {
    return Effect.succeed({
      hashType,
      verified: false,
      detail: `Jamf reports a ${hashType} hash, which the connector cannot compute; the upload was not verified.`
    })
  }
  if (local !== reported) {
    return permanent(
      operation,
      "HashMismatch",
      `Jamf's ${hashType} of package ${pkg.id} is ${reported}, but the local file's is ${local}; the upload was corrupted or replaced. Delete the package record and publish again.`
    )
  }
  return Effect.succeed({
    hashType,
    verified: true,
    detail: `${hashType} reported by Jamf matches the uploaded file, whose SHA-256 and size match the intent.`
  })
}

/**
 * Polls the record until Jamf reports the uploaded file's hash (Jamf hashes asynchronously after the
 * upload), then checks it. Running out of time is transient: publishing again resumes here.
 */
export const waitForHash = (
  api: JamfApi,
  packageId: string,
  artifact: LocalArtifact,
  call: ApiCall
): Effect.Effect<HashCheck, PlaneError> =>
  pollUntil({
    plane: "jamf",
    operation,
    describe: `The hash of Jamf package ${packageId}`,
    hint: "publish again later to resume",
    code: "HashPending",
    interval: Duration.seconds(api.config.hashPollIntervalSeconds),
    timeout: Duration.seconds(api.config.hashPollTimeoutSeconds),
    check: Effect.flatMap(getPackage(api, packageId, call), (pkg) => {
      if (Option.isNone(pkg)) {
        return permanent(
          operation,
          "PackageVanished",
          `Package ${packageId} was deleted while it was being published.`
        )
      }
      const { hashType, hashValue } = pkg.value
      return hashType != null && hashType !== "" && hashValue != null && hashValue !== ""
        ? Effect.succeed(Option.some(pkg.value))
        : Effect.succeed(Option.none())
    })
  }).pipe(Effect.flatMap((pkg) => checkHash(pkg, artifact)))

import { HttpClientRequest } from "@effect/platform"
import { findOrCreate, type PlaneError, type RetryPolicy } from "@planes/core"
import { Effect, Option } from "effect"
import type { ApiCall, JamfApi } from "../api/JamfApi.js"
import { Created, type Package } from "../api/schemas.js"
import type { LocalArtifact } from "../artifact/localArtifact.js"
import { permanent } from "../errors.js"
import { getPackage, packagesPath } from "./packages.js"

const operation = "upload package"

/** Whether Jamf holds a file for the record: a transfer under way or done, or a hash reported. */
export const isUploaded = (pkg: Package): boolean =>
  pkg.cloudTransferStatus === "IN_PROGRESS" ||
  pkg.cloudTransferStatus === "READY" ||
  (pkg.hashValue !== undefined && pkg.hashValue !== null && pkg.hashValue !== "")

/** The multipart body of `POST /api/v1/packages/{id}/upload`: one part named `file`. */
export const uploadForm = (artifact: LocalArtifact): FormData => {
  const form = new FormData()
  form.append("file", new Blob([artifact.bytes], { type: "application/octet-stream" }), artifact.fileName)
  return form
}

/**
 * Uploads the file to the record (the cloud distribution point), unless Jamf already holds one: an
 * upload whose answer was lost is found by the next look at the record, never sent twice. A 413 (file
 * too large for the endpoint) is permanent.
 */
export const ensureUploaded = (
  api: JamfApi,
  packageId: string,
  artifact: LocalArtifact,
  call: ApiCall
): Effect.Effect<boolean, PlaneError, RetryPolicy> =>
  Effect.map(
    findOrCreate({
      find: Effect.flatMap(getPackage(api, packageId, call), (pkg) =>
        Option.isNone(pkg)
          ? permanent(
              operation,
              "PackageVanished",
              `Package ${packageId} was deleted while it was being published.`
            )
          : Effect.succeed(isUploaded(pkg.value) ? Option.some(true) : Option.none())
      ),
      create: Effect.flatMap(
        api.create(
          operation,
          HttpClientRequest.post(`${packagesPath}/${encodeURIComponent(packageId)}/upload`).pipe(
            HttpClientRequest.bodyFormData(uploadForm(artifact))
          ),
          Created,
          call
        ),
        (outcome) =>
          outcome._tag === "Created"
            ? Effect.succeed(true)
            : permanent(
                operation,
                "UploadConflict",
                `Jamf refused the upload of package ${packageId} as a duplicate (${outcome.detail.message ?? "no detail"}); another record holds this file name.`
              )
      )
    }),
    (found) => found.created
  )

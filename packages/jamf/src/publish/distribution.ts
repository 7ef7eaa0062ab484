import { HttpClientRequest } from "@effect/platform"
import { Http, type PlaneError } from "@planes/core"
import { Chunk, Effect, Stream } from "effect"
import type { JamfApi } from "../api/JamfApi.js"
import { CloudDistributionPoint, DistributionPoint } from "../api/schemas.js"
import type { HashCheck } from "./verifyHash.js"

/** One distribution point's state for a package, as the publish result reports it. */
export interface DistributionState {
  readonly target: string
  readonly state: string
  readonly detail?: string
}

const unreadable = (target: string, error: PlaneError): ReadonlyArray<DistributionState> => [
  { target, state: "unknown", detail: `Could not be read (${error._tag}, HTTP ${error.status ?? "none"}).` }
]

/**
 * The distribution points that serve the package: the cloud distribution point (where the upload went,
 * serving the file once Jamf has hashed it) and every file-share distribution point. Jamf has no API that
 * copies a package to a file share; those are reported as not replicated, for a person or a sync tool.
 * Reading them needs "Read Cloud Distribution Point" / "Read Distribution Points"; without those the
 * state is reported unknown rather than failing a publish that succeeded.
 */
export const distributionOf = (
  api: JamfApi,
  hash: HashCheck
): Effect.Effect<ReadonlyArray<DistributionState>> =>
  Effect.gen(function* () {
    const cloud = yield* api
      .getJson(
        "read distribution points",
        HttpClientRequest.get("/api/v1/cloud-distribution-point"),
        CloudDistributionPoint
      )
      .pipe(
        Effect.map(
          (dp): ReadonlyArray<DistributionState> => [
            {
              target: `cloud distribution point (${dp.cdnType ?? "unknown"})`,
              state: "available",
              detail: hash.detail
            }
          ]
        ),
        Effect.catchAll((error) => Effect.succeed(unreadable("cloud distribution point", error)))
      )
    const shares = yield* Http.Paging.pageNumber(
      api.http,
      "read distribution points",
      HttpClientRequest.get("/api/v1/distribution-points"),
      DistributionPoint,
      { pageSize: api.config.pageSize }
    ).pipe(
      Stream.runCollect,
      Effect.map((all) =>
        Chunk.toReadonlyArray(all).map(
          (dp): DistributionState => ({
            target: dp.name,
            state: "not_replicated",
            detail:
              "Jamf has no API to copy packages to file-share distribution points; replicate the file with Jamf Admin or a sync tool."
          })
        )
      ),
      Effect.catchAll((error) => Effect.succeed(unreadable("file-share distribution points", error)))
    )
    return [...cloud, ...shares]
  })

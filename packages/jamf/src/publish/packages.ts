import { HttpClientRequest } from "@effect/platform"
import { Http, type IntentKey, type PlaneError } from "@planes/core"
import { Chunk, Effect, Option, Stream } from "effect"
import type { ApiCall, JamfApi } from "../api/JamfApi.js"
import { rsqlEquals } from "../api/rsql.js"
import { Package } from "../api/schemas.js"
import { readPackageNotes } from "../mapping/package.js"

/** The Jamf Pro API's packages collection. */
export const packagesPath = "/api/v1/packages"

/** Every package record an RSQL filter selects, every page. */
export const listPackages = (
  api: JamfApi,
  filter: string,
  call?: ApiCall
): Effect.Effect<ReadonlyArray<Package>, PlaneError> =>
  Http.Paging.pageNumber(
    api.client(call),
    "list packages",
    HttpClientRequest.get(packagesPath).pipe(HttpClientRequest.setUrlParams({ filter, sort: "id:asc" })),
    Package,
    { pageSize: api.config.pageSize }
  ).pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray))

const isFilterRefused = (error: PlaneError) => error._tag === "PermanentError" && error.status === 400

/** The record carrying `key` among `packages` (the lowest id when a twin exists, so every caller agrees). */
export const pickByKey = (packages: ReadonlyArray<Package>, key: IntentKey): Option.Option<Package> =>
  Option.fromNullable(packages.find((p) => readPackageNotes(p.notes)?.key === key))

/**
 * The record planes made for a package intent: an RSQL filter on the exact notes text (which carries
 * the key), checked client-side. A server that refuses to filter on `notes` is asked by name instead.
 */
export const findPackageByKey = (
  api: JamfApi,
  key: IntentKey,
  notes: string,
  name: string,
  call?: ApiCall
): Effect.Effect<Option.Option<Package>, PlaneError> =>
  listPackages(api, rsqlEquals("notes", notes), call).pipe(
    Effect.catchIf(isFilterRefused, () => listPackages(api, rsqlEquals("packageName", name), call)),
    Effect.map((packages) => pickByKey(packages, key))
  )

/** The records named `packageName` or filed as `fileName` (what a DUPLICATE_FIELD answer collides with). */
export const findPackagesNamed = (
  api: JamfApi,
  packageName: string,
  fileName: string,
  call?: ApiCall
): Effect.Effect<ReadonlyArray<Package>, PlaneError> =>
  listPackages(api, `${rsqlEquals("packageName", packageName)},${rsqlEquals("fileName", fileName)}`, call)

/** One package record by id; `None` when the serving node does not have it (yet). */
export const getPackage = (
  api: JamfApi,
  id: string,
  call?: ApiCall
): Effect.Effect<Option.Option<Package>, PlaneError> =>
  api.getJsonOption(
    "read package",
    HttpClientRequest.get(`${packagesPath}/${encodeURIComponent(id)}`),
    Package,
    call
  )

import { HttpClientRequest } from "@effect/platform"
import type { DeviceState, InstallIntent, PlaneError } from "@planes/core"
import { Chunk, Effect, Either, Option, Stream } from "effect"
import { permanent } from "../errors.js"
import type { GraphClient } from "../graph/GraphClient.js"
import { appInstallationStatusReportPath, deviceInstallStatusReportPath } from "../graph/paths.js"
import { ReportPage } from "../graph/schemas.js"
import { decodeRows, reportColumns, toDeviceState } from "./reportRows.js"

/** Rows asked for per report page (the body's `top`); Intune's portal asks for up to 999 as well. */
export const reportPageSize = 999

/** Which report action answers: the beta one the portal uses, or the v1.0 one where a tenant lacks it. */
export type ReportSource = "getDeviceInstallStatusReport" | "retrieveDeviceAppInstallationStatusReport"

/** The report request body: explicit columns, the app filter, and `skip`/`top` paging in the body. */
export const reportBody = (source: ReportSource, appId: string, skip: number, top: number) => ({
  ...(source === "retrieveDeviceAppInstallationStatusReport" && { name: "DeviceInstallStatusByApp" }),
  select: [...reportColumns],
  filter: `(ApplicationId eq '${appId.replace(/'/g, "''")}')`,
  skip,
  top,
  orderBy: []
})

const refused = (error: PlaneError) =>
  error._tag === "PermanentError" && (error.status === 400 || error.status === 404)

/** One page of the report from one source; report actions only read, so the client may retry them. */
const fetchPage = (graph: GraphClient, source: ReportSource, appId: string, skip: number, top: number) =>
  graph.read.json(
    "device install status report",
    HttpClientRequest.post(
      source === "getDeviceInstallStatusReport"
        ? graph.path("reports", deviceInstallStatusReportPath)
        : `/v1.0${appInstallationStatusReportPath}`
    ).pipe(HttpClientRequest.bodyUnsafeJson(reportBody(source, appId, skip, top))),
    ReportPage
  )

interface Cursor {
  readonly skip: number
  readonly source: Option.Option<ReportSource>
}

/**
 * Every device's install state for an app, one report page at a time as the stream is pulled (paging is
 * `skip`/`top` in the POST body, so core's URL-based paging does not apply). The first page picks the
 * source: beta `getDeviceInstallStatusReport`, or the v1.0 `retrieveDeviceAppInstallationStatusReport`
 * when the tenant refuses the beta action (400/404, facts §6). Rows map to DeviceState for `intent`.
 * Pages go out under the correlation id in force when pulled (`Correlation.ensureStream` fixes one).
 */
export const deviceStatesOfApp = (
  graph: GraphClient,
  appId: string,
  intent: InstallIntent,
  pageSize = reportPageSize
): Stream.Stream<DeviceState, PlaneError> =>
  Stream.paginateChunkEffect<Cursor, DeviceState, PlaneError, never>(
    { skip: 0, source: Option.none() },
    (cursor) =>
      Effect.gen(function* () {
        const [source, page] = Option.isSome(cursor.source)
          ? [cursor.source.value, yield* fetchPage(graph, cursor.source.value, appId, cursor.skip, pageSize)]
          : yield* fetchPage(graph, "getDeviceInstallStatusReport", appId, cursor.skip, pageSize).pipe(
              Effect.map((page) => ["getDeviceInstallStatusReport", page] as const),
              Effect.catchIf(refused, () =>
                Effect.map(
                  fetchPage(graph, "retrieveDeviceAppInstallationStatusReport", appId, cursor.skip, pageSize),
                  (page) => ["retrieveDeviceAppInstallationStatusReport", page] as const
                )
              )
            )
        const rows = yield* Either.match(decodeRows(page), {
          onLeft: (why) =>
            permanent(
              "device install status report",
              "UndecodableResponse",
              `The ${source} answer has rows planes cannot read (${why}); the report's columns may have changed.`
            ),
          onRight: Effect.succeed
        })
        const seen = cursor.skip + rows.length
        const more = rows.length > 0 && seen < page.TotalRowCount
        return [
          Chunk.fromIterable(rows.map((row) => toDeviceState(row, intent))),
          more ? Option.some({ skip: seen, source: Option.some(source) }) : Option.none()
        ] as const
      })
  )

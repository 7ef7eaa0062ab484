import { HttpClientRequest } from "@effect/platform"
import { Http, type PlaneError } from "@planes/core"
import { Chunk, Effect, Option, Schema, Stream } from "effect"
import { keySegment, type WmiQuery, withQuery } from "./odata.js"
import { MethodResult } from "./schemas.js"

/** AdminService's WMI route over one plane client: lists, keyed reads, creates, methods, deletes. */
export interface AdminServiceClient {
  readonly http: Http.PlaneHttpClient
  /** Every row of `cls` matching `query`, page by page (`$top`/`$skip`, and `@odata.nextLink` when sent). */
  readonly stream: <A, I>(
    operation: string,
    cls: string,
    query: WmiQuery,
    row: Schema.Schema<A, I>
  ) => Stream.Stream<A, PlaneError>
  /** All of `stream`, collected. */
  readonly list: <A, I>(
    operation: string,
    cls: string,
    query: WmiQuery,
    row: Schema.Schema<A, I>
  ) => Effect.Effect<ReadonlyArray<A>, PlaneError>
  /** One instance by key: AdminService wraps even this in `value[]`; an unknown key is `None`. */
  readonly get: <A, I>(
    operation: string,
    cls: string,
    key: string | number,
    row: Schema.Schema<A, I>
  ) => Effect.Effect<Option.Option<A>, PlaneError>
  /** `POST wmi/<cls>`: sent once (no HTTP-level retry), since only a lookup can tell if a lost create happened. */
  readonly create: <A, I>(
    operation: string,
    cls: string,
    body: unknown,
    row: Schema.Schema<A, I>
  ) => Effect.Effect<A, PlaneError>
  /** `POST wmi/<cls>(<key>)/AdminService.<method>` or, without a key, the static `wmi/<cls>.<method>`. */
  readonly invoke: (
    operation: string,
    target: { readonly cls: string; readonly key?: string | number; readonly method: string },
    body: unknown,
    options?: { readonly retry?: boolean }
  ) => Effect.Effect<MethodResult, PlaneError>
  /** `DELETE wmi/<cls>(<key>)`: true when deleted, false when it was already gone. */
  readonly remove: (
    operation: string,
    cls: string,
    key: string | number
  ) => Effect.Effect<boolean, PlaneError>
}

/** A page of a WMI-route list. */
const Page = <A, I>(row: Schema.Schema<A, I>) =>
  Schema.Struct({ value: Schema.Array(row), "@odata.nextLink": Schema.optional(Schema.String) })

interface Cursor {
  // Rows skipped by the $top/$skip request this page belongs to.
  readonly skip: number
  // Rows that request has yielded so far (its server pages included).
  readonly got: number
  // The server's nextLink within that request, when it cut the answer short.
  readonly next: string | undefined
}

/** The WMI route of a class: `wmi/<cls>`. */
export const classPath = (cls: string) => `wmi/${cls}`

/** The WMI route of an instance: `wmi/<cls>(<key>)`. */
export const instancePath = (cls: string, key: string | number) => `wmi/${cls}(${keySegment(key)})`

/** Builds the WMI-route helpers on a plane client; `pageSize` is the `$top` of each request. */
export const makeAdminServiceClient = (http: Http.PlaneHttpClient, pageSize: number): AdminServiceClient => {
  // $top/$skip pages through core's paging (one correlation id, loop detection); the server may cut a
  // $top page short with a nextLink: follow it, then go on with $skip.
  const stream = <A, I>(
    operation: string,
    cls: string,
    query: WmiQuery,
    row: Schema.Schema<A, I>
  ): Stream.Stream<A, PlaneError> =>
    Http.Paging.paginate(http, operation, {
      first: { skip: 0, got: 0, next: undefined } satisfies Cursor,
      request: (cursor: Cursor) =>
        HttpClientRequest.get(
          cursor.next ?? withQuery(classPath(cls), { ...query, top: pageSize, skip: cursor.skip })
        ),
      page: Page(row),
      items: (page) => page.value,
      next: ({ cursor, page, pageItems }): Option.Option<Cursor> => {
        const got = cursor.got + pageItems
        const link = page["@odata.nextLink"]
        return link !== undefined && link !== ""
          ? Option.some({ skip: cursor.skip, got, next: link })
          : got >= pageSize
            ? Option.some({ skip: cursor.skip + got, got: 0, next: undefined })
            : Option.none()
      }
    })

  const get = <A, I>(operation: string, cls: string, key: string | number, row: Schema.Schema<A, I>) =>
    Effect.map(
      http.jsonOption(operation, HttpClientRequest.get(instancePath(cls, key)), Page(row)),
      Option.flatMap((page) => Option.fromNullable(page.value[0]))
    )

  return {
    http,
    stream,
    list: (operation, cls, query, row) =>
      Effect.map(Stream.runCollect(stream(operation, cls, query, row)), Chunk.toReadonlyArray),
    get,
    create: (operation, cls, body, row) =>
      http.json(
        operation,
        HttpClientRequest.post(classPath(cls)).pipe(HttpClientRequest.bodyUnsafeJson(body)),
        row,
        { retry: false }
      ),
    invoke: (operation, target, body, options = {}) =>
      http.json(
        operation,
        HttpClientRequest.post(
          target.key === undefined
            ? `${classPath(target.cls)}.${target.method}`
            : `${instancePath(target.cls, target.key)}/AdminService.${target.method}`
        ).pipe(HttpClientRequest.bodyUnsafeJson(body)),
        MethodResult,
        options.retry === false ? { retry: false } : {}
      ),
    remove: (operation, cls, key) =>
      http.empty(operation, HttpClientRequest.del(instancePath(cls, key))).pipe(
        Effect.as(true),
        // A plain 404 is an instance already gone; "access denied" (also a 404) stays a PolicyError.
        Effect.catchIf(
          (error) => error._tag === "PermanentError" && error.status === 404,
          () => Effect.succeed(false)
        )
      )
  }
}

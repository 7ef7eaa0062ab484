import { type HttpClient, HttpClientRequest, type HttpClientResponse } from "@effect/platform"
import { failWithResponse, Http, type PlaneError, type VendorDetail } from "@planes/core"
import { Effect, Option, type Schema } from "effect"
import { readXml } from "../classic/readXml.js"
import type { JamfConfig } from "../config/JamfConfig.js"
import { permanent } from "../errors.js"
import { isDuplicateName, jamfErrorDetail, jamfErrorProfile } from "./errorProfile.js"
import { sessionClient } from "./sessionClient.js"
import type { StickySession } from "./stickySession.js"

/** A create that Jamf refused because the object exists: its DUPLICATE_FIELD field or Classic's message. */
export interface Duplicate {
  readonly _tag: "Duplicate"
  readonly detail: VendorDetail
}

/** A create's outcome: the object made, or Jamf's word that one with that name exists. */
export type CreateOutcome<A> = { readonly _tag: "Created"; readonly value: A } | Duplicate

/**
 * A create's outcome as core's `findOrCreate` reads it: the object made, or Jamf's duplicate answer as a
 * conflict (`JamfDuplicate`, see `isJamfDuplicate`), after which find-or-create looks again.
 */
export const createdOrConflict = <A>(
  operation: string,
  outcome: CreateOutcome<A>
): Effect.Effect<A, PlaneError> =>
  outcome._tag === "Created"
    ? Effect.succeed(outcome.value)
    : permanent(
        operation,
        "JamfDuplicate",
        `Jamf says the object exists (${outcome.detail.message ?? outcome.detail.code ?? "duplicate"})`
      )

/** Whether an error is a duplicate answer that `createdOrConflict` raised. */
export const isJamfDuplicate = (error: PlaneError): boolean =>
  error._tag === "PermanentError" && error.code === "JamfDuplicate"

/** Per-call options: the operation's sticky session. */
export interface ApiCall {
  readonly session?: StickySession | undefined
}

/**
 * The one client of a Jamf server, over both APIs (one concurrency bound for both: Jamf counts
 * connections, not APIs). JSON calls decode with Schemas; Classic calls send and read XML with a real
 * parser; creates are sent once (`retry: false`) and read Jamf's duplicate answers as outcomes, so the
 * caller's find-or-create can adopt the existing object.
 */
export interface JamfApi {
  readonly http: Http.PlaneHttpClient
  readonly config: JamfConfig
  /** The client, seen through an operation's sticky session (for core's paging). */
  readonly client: (call?: ApiCall) => Http.PlaneHttpClient
  /** A JSON GET decoded with `schema`. */
  readonly getJson: <A, I>(
    operation: string,
    request: HttpClientRequest.HttpClientRequest,
    schema: Schema.Schema<A, I>,
    call?: ApiCall
  ) => Effect.Effect<A, PlaneError>
  /** A JSON GET whose 404 is `None`. */
  readonly getJsonOption: <A, I>(
    operation: string,
    request: HttpClientRequest.HttpClientRequest,
    schema: Schema.Schema<A, I>,
    call?: ApiCall
  ) => Effect.Effect<Option.Option<A>, PlaneError>
  /** A Jamf Pro API create (POST, JSON or multipart), sent once; 400 DUPLICATE_FIELD is an outcome. */
  readonly create: <A, I>(
    operation: string,
    request: HttpClientRequest.HttpClientRequest,
    schema: Schema.Schema<A, I>,
    call?: ApiCall
  ) => Effect.Effect<CreateOutcome<A>, PlaneError>
  /** A Classic GET read as XML with root `root`, decoded with `schema`; 404 is `None`. */
  readonly getXmlOption: <A, I>(
    operation: string,
    path: string,
    root: string,
    schema: Schema.Schema<A, I>,
    call?: ApiCall
  ) => Effect.Effect<Option.Option<A>, PlaneError>
  /** A Classic create (POST of an XML document), sent once; 409 "Duplicate name" is an outcome. */
  readonly createXml: <A, I>(
    operation: string,
    path: string,
    xml: string,
    root: string,
    schema: Schema.Schema<A, I>,
    call?: ApiCall
  ) => Effect.Effect<CreateOutcome<A>, PlaneError>
  /** A Classic PUT or DELETE with an XML body (idempotent, so retried); the answer is drained. */
  readonly sendXml: (
    operation: string,
    method: "PUT" | "DELETE",
    path: string,
    xml: string | undefined,
    call?: ApiCall
  ) => Effect.Effect<void, PlaneError>
}

const xmlContentType = "text/xml"

// The answer's failure as the plane error it means, read through Jamf's profile.
const failWith = (response: HttpClientResponse.HttpClientResponse, context: Http.ReadContext, body: string) =>
  failWithResponse(jamfErrorProfile, context, response, body)

/** Builds the Jamf client: base URL, X-Correlation-ID, the authenticator, Jamf's limits and error profile. */
export const makeJamfApi = (
  config: JamfConfig,
  authenticator: Http.Authenticator
): Effect.Effect<JamfApi, never, HttpClient.HttpClient | Http.RetryPolicy> =>
  Effect.gen(function* () {
    const http = yield* Http.makePlaneHttpClient({
      plane: "jamf",
      baseUrl: config.baseUrl,
      profile: jamfErrorProfile,
      authenticator,
      limits: { maxConcurrent: config.maxConcurrent },
      timeout: `${config.requestTimeoutSeconds} seconds`
    })

    const viaSession = (call: ApiCall | undefined) => sessionClient(http, call?.session)

    const getJson = <A, I>(
      operation: string,
      request: HttpClientRequest.HttpClientRequest,
      schema: Schema.Schema<A, I>,
      call?: ApiCall
    ) => viaSession(call).json(operation, request, schema)

    const create = <A, I>(
      operation: string,
      request: HttpClientRequest.HttpClientRequest,
      schema: Schema.Schema<A, I>,
      call?: ApiCall
    ): Effect.Effect<CreateOutcome<A>, PlaneError> =>
      viaSession(call).exchange<CreateOutcome<A>>(
        operation,
        HttpClientRequest.acceptJson(request),
        (response, context) => {
          if (response.status !== 400) {
            return Effect.map(Http.readJson(schema)(response, context), (value) => ({
              _tag: "Created" as const,
              value
            }))
          }
          return Effect.flatMap(Http.readText(response, context), (body) => {
            const detail = jamfErrorDetail({ status: 400, headers: response.headers, body })
            return detail.code === "DUPLICATE_FIELD"
              ? Effect.succeed({ _tag: "Duplicate" as const, detail })
              : failWith(response, context, body)
          })
        },
        { expected: [400], retry: false }
      )

    const getXmlOption = <A, I>(
      operation: string,
      path: string,
      root: string,
      schema: Schema.Schema<A, I>,
      call?: ApiCall
    ): Effect.Effect<Option.Option<A>, PlaneError> =>
      viaSession(call).exchange(
        operation,
        HttpClientRequest.get(path).pipe(HttpClientRequest.accept("application/xml")),
        (response, context) =>
          response.status === 404
            ? Effect.as(Http.readNothing(response, context), Option.none())
            : Effect.map(readXml(root, schema)(response, context), Option.some),
        { expected: [404] }
      )

    const createXml = <A, I>(
      operation: string,
      path: string,
      xml: string,
      root: string,
      schema: Schema.Schema<A, I>,
      call?: ApiCall
    ): Effect.Effect<CreateOutcome<A>, PlaneError> => {
      const request = HttpClientRequest.post(path).pipe(
        HttpClientRequest.accept("application/xml"),
        HttpClientRequest.bodyText(xml, xmlContentType)
      )
      return viaSession(call).exchange<CreateOutcome<A>>(
        operation,
        request,
        (response, context) => {
          if (response.status !== 409) {
            return Effect.map(readXml(root, schema)(response, context), (value) => ({
              _tag: "Created" as const,
              value
            }))
          }
          return Effect.flatMap(Http.readText(response, context), (body) => {
            const detail = jamfErrorDetail({ status: 409, headers: response.headers, body })
            return isDuplicateName(detail)
              ? Effect.succeed({ _tag: "Duplicate" as const, detail })
              : failWith(response, context, body)
          })
        },
        { expected: [409], retry: false }
      )
    }

    const sendXml = (
      operation: string,
      method: "PUT" | "DELETE",
      path: string,
      xml: string | undefined,
      call?: ApiCall
    ): Effect.Effect<void, PlaneError> => {
      const base = method === "PUT" ? HttpClientRequest.put(path) : HttpClientRequest.del(path)
      const request = base.pipe(HttpClientRequest.accept("application/xml"), (r) =>
        xml === undefined ? r : HttpClientRequest.bodyText(r, xml, xmlContentType)
      )
      return viaSession(call).empty(operation, request)
    }

    return {
      http,
      config,
      client: viaSession,
      getJson,
      getJsonOption: (operation, request, schema, call) =>
        getJson(operation, request, schema, call).pipe(
          Effect.map(Option.some),
          Effect.catchIf(
            (error) => error._tag === "PermanentError" && error.status === 404,
            () => Effect.succeedNone
          )
        ),
      create,
      getXmlOption,
      createXml,
      sendXml
    }
  })

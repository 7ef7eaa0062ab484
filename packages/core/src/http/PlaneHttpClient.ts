import { Headers, HttpClient, HttpClientRequest, type HttpClientResponse } from "@effect/platform"
import { Clock, Duration, Effect, FiberRef, Option, Redacted, Ref, type Schema, type Tracer } from "effect"
import * as Correlation from "../correlation/Correlation.js"
import type { ErrorSource } from "../domain/PlaneId.js"
import { classifyResponse, classifyTransport, type ErrorProfile } from "../errors/classify.js"
import { type PlaneError, PolicyError } from "../errors/PlaneError.js"
import type { Authenticator } from "./Authenticator.js"
import { type LimitSettings, makeLimiter } from "./RateLimiter.js"
import {
  type BodyReader,
  type ReadContext,
  readBounded,
  readJson,
  readNothing,
  readText
} from "./ResponseBody.js"
import { parseRetryAfter } from "./RetryAfter.js"
import { RetryPolicy, retryWith } from "./RetryPolicy.js"
import { fromHttpClientError } from "./TransportFailure.js"

/** How to reach one plane and how to treat it. */
export interface PlaneHttpClientOptions {
  /** Which plane (or shared component) this client speaks for; named in every error. */
  readonly plane: ErrorSource
  /** Prepended to relative request URLs; absolute URLs must share its origin. */
  readonly baseUrl: string
  /** How this plane's error answers are read and classified; default: the generic reading. */
  readonly profile?: ErrorProfile
  /** The header that carries the correlation id: `client-request-id` for Graph, X-Correlation-ID otherwise. */
  readonly correlationHeader?: string
  /** Credentials for every request; on a 401 they are invalidated and the request is sent once more. */
  readonly authenticator?: Authenticator
  /** Rate and concurrency limits, shared by every request of this client. */
  readonly limits?: LimitSettings
  /** How long one attempt may take, from sending to the end of its body; default: no limit. */
  readonly timeout?: Duration.DurationInput
  /** Headers for every request that does not set them itself (Accept, an API version); never secrets. */
  readonly headers?: Readonly<Record<string, string>>
  /** Further header names to keep out of logs and spans. */
  readonly secretHeaders?: ReadonlyArray<string>
  /** How much of an error body is read for classification; default 64 KiB of text. */
  readonly maxErrorBody?: number
  /**
   * Whether the transport opens a tracing span (and sends `traceparent`) per request. Default: only when
   * the app installed a tracer of its own; Effect's built-in tracer exports nothing, so a span would be
   * pure cost. The correlation header is sent either way.
   */
  readonly tracing?: boolean
}

/** Per-call options. */
export interface CallOptions {
  /** Statuses the caller wants to see as answers rather than errors (a 404 lookup, a 409 duplicate). */
  readonly expected?: ReadonlyArray<number>
  /** Retry transient failures under the RetryPolicy; default true. Turn off for a create that must not repeat. */
  readonly retry?: boolean
}

/**
 * One plane's HTTP client: base URL, correlation header, auth with one re-try on 401, limits, timeout,
 * classification into plane errors, and retries under the `RetryPolicy`. Retrying happens inside each
 * call by default, so adapters cannot forget it; every attempt waits on the limits and is authenticated
 * afresh. Body readers run inside the attempt, so a body that breaks off is retried like a failed send.
 */
export interface PlaneHttpClient {
  readonly plane: ErrorSource
  readonly baseUrl: string
  /** Sends a request and reads its answer with `read`; the general form of the methods below. */
  readonly exchange: <A>(
    operation: string,
    request: HttpClientRequest.HttpClientRequest,
    read: BodyReader<A>,
    options?: CallOptions
  ) => Effect.Effect<A, PlaneError>
  /** The answer itself, body unread (reading it later is outside the timeout and retries). */
  readonly execute: (
    operation: string,
    request: HttpClientRequest.HttpClientRequest,
    options?: CallOptions
  ) => Effect.Effect<HttpClientResponse.HttpClientResponse, PlaneError>
  /** The body decoded with `schema`; a body that is not JSON or not that shape is a PermanentError. */
  readonly json: <A, I>(
    operation: string,
    request: HttpClientRequest.HttpClientRequest,
    schema: Schema.Schema<A, I>,
    options?: Omit<CallOptions, "expected">
  ) => Effect.Effect<A, PlaneError>
  /** Like `json`, but a 404 (as classified by the plane's profile) is `None`. */
  readonly jsonOption: <A, I>(
    operation: string,
    request: HttpClientRequest.HttpClientRequest,
    schema: Schema.Schema<A, I>,
    options?: Omit<CallOptions, "expected">
  ) => Effect.Effect<Option.Option<A>, PlaneError>
  /** The body as text. */
  readonly text: (
    operation: string,
    request: HttpClientRequest.HttpClientRequest,
    options?: CallOptions
  ) => Effect.Effect<string, PlaneError>
  /** Success without a body worth reading (204, 202); the body is drained. */
  readonly empty: (
    operation: string,
    request: HttpClientRequest.HttpClientRequest,
    options?: CallOptions
  ) => Effect.Effect<void, PlaneError>
  /** The absolute URL a request would go to: relative ones under the base URL. */
  readonly resolve: (url: string) => string
}

const absolute = /^[a-z][a-z0-9+.-]*:\/\//i

// Effect's built-in tracer, which records spans nowhere: the one in force unless the app provides another.
const builtInTracer: Tracer.Tracer = Effect.runSync(Effect.tracer)

const isSuccess = (status: number) => status >= 200 && status < 400

/** `base` + `path` with exactly one slash between them; absolute URLs are returned as they are. */
export const joinUrl = (base: string, path: string): string => {
  if (absolute.test(path)) return path
  if (path === "" || path.startsWith("?")) return base + path
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`
}

const originOf = (url: string): string | undefined => {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}

/**
 * The secret values a request carries (the whole value of each redacted header, and the part after an
 * auth scheme), so an error body that echoes them can be scrubbed before it becomes an error message.
 */
const secretsOf = (request: HttpClientRequest.HttpClientRequest): Effect.Effect<ReadonlyArray<string>> =>
  Effect.map(FiberRef.get(Headers.currentRedactedNames), (names) =>
    Object.values(Headers.redact(request.headers, names)).flatMap((value) => {
      if (!Redacted.isRedacted(value)) return []
      const text = Redacted.value(value)
      const space = text.indexOf(" ")
      return [text, ...(space > 0 ? [text.slice(space + 1)] : [])].filter((secret) => secret.length >= 4)
    })
  )

const scrub = (text: string, secrets: ReadonlyArray<string>) =>
  secrets.reduce((scrubbed, secret) => scrubbed.split(secret).join("[redacted]"), text)

/** The client's default headers that the request does not set itself: a request's own headers win. */
const withoutHeadersOf = (
  request: HttpClientRequest.HttpClientRequest,
  defaults: ReadonlyArray<readonly [string, string]>
): Record<string, string> => {
  const headers: Record<string, string> = {}
  for (const [name, value] of defaults) if (!Headers.has(request.headers, name)) headers[name] = value
  return headers
}

/** Where a request went, for logs: origin and path, never the query (it can carry a signature). */
const logUrl = (url: string) => url.replace(/[?#].*$/, "")

/**
 * Builds a plane client from the ambient `HttpClient` (the app or test provides the transport) and the
 * `RetryPolicy` in context. Limits are built here, once, so every call of this client shares them.
 */
export const makePlaneHttpClient = (
  options: PlaneHttpClientOptions
): Effect.Effect<PlaneHttpClient, never, HttpClient.HttpClient | RetryPolicy> =>
  Effect.gen(function* () {
    const tracedHttp = yield* HttpClient.HttpClient
    // The same transport with its per-request span switched off, derived once rather than per call.
    const untracedHttp = HttpClient.withTracerDisabledWhen(tracedHttp, () => true)
    const tracingWith = (tracer: Tracer.Tracer) => options.tracing ?? tracer !== builtInTracer
    const policy = yield* RetryPolicy
    const limiter = yield* makeLimiter(options.limits ?? {})
    // A Retry-After binds the client, not only the request that got it: until it has passed, no request
    // of this client goes out (another operation's included), so the plane never sees an early retry.
    const notBefore = yield* Ref.make(0)
    const awaitRetryAfter = Effect.flatMap(
      Effect.zip(Ref.get(notBefore), Clock.currentTimeMillis),
      ([until, now]) => (until > now ? Effect.sleep(Duration.millis(until - now)) : Effect.void)
    )
    // A failed answer's Retry-After binds the client the moment its head arrives, not after its body has
    // been read and classified: requests that pass the gate meanwhile would go out early. It is the one
    // place the gate is set; the classified error carries the same wait for the retry policy.
    const noteRetryAfter = (response: HttpClientResponse.HttpClientResponse) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Option.match(parseRetryAfter(response.headers["retry-after"], now), {
          onNone: () => Effect.void,
          onSome: (wait) => Ref.update(notBefore, (until) => Math.max(until, now + Duration.toMillis(wait)))
        })
      )
    const plane = options.plane
    const profile = options.profile ?? { plane }
    const correlationHeader = options.correlationHeader ?? Correlation.defaultCorrelationHeader
    const timeout = options.timeout === undefined ? undefined : Duration.decode(options.timeout)
    const maxErrorBody = options.maxErrorBody ?? 65_536
    const origin = originOf(options.baseUrl)
    const secretHeaders = [
      ...(options.secretHeaders ?? []),
      ...(options.authenticator?.secretHeaders ?? [])
    ].map((name) => name.toLowerCase())
    const auth = options.authenticator
    const defaultHeaders = Object.entries(options.headers ?? {})

    const resolve = (url: string) => joinUrl(options.baseUrl, url)

    // Absolute URLs (nextLinks) are followed verbatim, but credentials only ever go to the plane's origin.
    const target = (request: HttpClientRequest.HttpClientRequest, context: ReadContext) => {
      const url = resolve(request.url)
      // A relative URL joined onto the base URL cannot leave its origin: only absolute ones are parsed.
      if (origin !== undefined && !absolute.test(request.url)) {
        return Effect.succeed(HttpClientRequest.setUrl(request, url))
      }
      const to = originOf(url)
      if (origin === undefined || to === undefined) {
        const description = `${origin === undefined ? "the base URL" : "the request URL"} is not a valid URL`
        return Effect.fail(classifyTransport(plane, context, { kind: "invalid-request", description }))
      }
      if (to === origin) return Effect.succeed(HttpClientRequest.setUrl(request, url))
      return Effect.fail(
        new PolicyError({
          ...context,
          code: "ForeignOrigin",
          message: `${plane} ${context.operation} was asked to call ${to}, outside the plane's base URL ${origin}; credentials are never sent elsewhere.`
        })
      )
    }

    const send = <A>(
      request: HttpClientRequest.HttpClientRequest,
      read: BodyReader<A>,
      context: ReadContext,
      expected: ReadonlyArray<number>,
      http: HttpClient.HttpClient
    ): Effect.Effect<A, PlaneError> => {
      // The gate is checked again right before sending: the wait before the limiter's permit and the
      // timeout's fiber leave room for another request's Retry-After to arrive in between.
      const answer = Effect.zipRight(awaitRetryAfter, http.execute(request)).pipe(
        Effect.mapError((error) => fromHttpClientError(context, error)),
        // Annotating a log line costs even when the level drops it, so the line is built only when kept.
        Effect.tap((response) =>
          Effect.whenLogLevel(
            Effect.logDebug("plane answered").pipe(
              Effect.annotateLogs({
                method: request.method,
                url: logUrl(request.url),
                status: response.status
              })
            ),
            "Debug"
          )
        ),
        Effect.flatMap((response) => {
          if (isSuccess(response.status) || expected.includes(response.status)) return read(response, context)
          return Effect.flatMap(
            Effect.all([
              noteRetryAfter(response),
              readBounded(response, maxErrorBody),
              secretsOf(request),
              Clock.currentTimeMillis
            ]),
            ([, body, secrets, now]) =>
              Effect.fail(
                classifyResponse(
                  profile,
                  context,
                  { status: response.status, headers: response.headers, body: scrub(body, secrets) },
                  now
                )
              )
          )
        })
      )
      const timed =
        timeout === undefined
          ? answer
          : Effect.timeoutFail(answer, {
              duration: timeout,
              onTimeout: () => classifyTransport(plane, context, { kind: "timeout", after: timeout })
            })
      return limiter.limit(Effect.zipRight(awaitRetryAfter, timed))
    }

    const authenticated = <A>(
      request: HttpClientRequest.HttpClientRequest,
      read: BodyReader<A>,
      context: ReadContext,
      expected: ReadonlyArray<number>,
      http: HttpClient.HttpClient
    ): Effect.Effect<A, PlaneError> => {
      if (auth === undefined) return send(request, read, context, expected, http)
      const once = Effect.flatMap(auth.apply(request), (signed) =>
        Effect.map(
          send(signed, read, context, expected, http).pipe(Effect.either),
          (result) => [signed, result] as const
        )
      )
      return Effect.flatMap(once, ([signed, result]) => {
        if (result._tag === "Right") return Effect.succeed(result.right)
        const error = result.left
        // One fresh credential per 401; a second 401 stands as the PolicyError it is.
        if (error._tag !== "PolicyError" || error.status !== 401 || auth.refreshable === false) {
          return Effect.fail(error)
        }
        return Effect.zipRight(
          Effect.logDebug("credential refused; retrying once with a fresh one"),
          Effect.zipRight(
            auth.invalidate(signed),
            Effect.flatMap(auth.apply(request), (fresh) => send(fresh, read, context, expected, http))
          )
        )
      })
    }

    const exchange = <A>(
      operation: string,
      request: HttpClientRequest.HttpClientRequest,
      read: BodyReader<A>,
      call: CallOptions = {}
    ): Effect.Effect<A, PlaneError> =>
      Effect.tracerWith((tracer) => {
        const tracing = tracingWith(tracer)
        const http = tracing ? tracedHttp : untracedHttp
        return Correlation.ensure(
          Effect.gen(function* () {
            const correlationId = yield* Correlation.current
            const context: ReadContext = { plane, operation, correlationId }
            const prepared = HttpClientRequest.setHeaders(yield* target(request, context), {
              ...withoutHeadersOf(request, defaultHeaders),
              [correlationHeader]: correlationId
            })
            const attempt = authenticated(prepared, read, context, call.expected ?? [], http)
            return yield* call.retry === false ? attempt : retryWith(policy)(attempt)
          })
        ).pipe(
          Effect.annotateLogs({ plane, operation }),
          // Secret headers stay out of whatever prints a request: spans, and transports or layers that log it.
          Effect.locallyWith(Headers.currentRedactedNames, (names) => [...names, ...secretHeaders])
        )
      })

    const json = <A, I>(
      operation: string,
      request: HttpClientRequest.HttpClientRequest,
      schema: Schema.Schema<A, I>,
      call: Omit<CallOptions, "expected"> = {}
    ) =>
      exchange(
        operation,
        Headers.has(request.headers, "accept") ? request : HttpClientRequest.acceptJson(request),
        readJson(schema),
        call
      )

    return {
      plane,
      baseUrl: options.baseUrl,
      exchange,
      execute: (operation, request, call) =>
        exchange(operation, request, (response) => Effect.succeed(response), call),
      json,
      jsonOption: (operation, request, schema, call) =>
        json(operation, request, schema, call).pipe(
          Effect.map(Option.some),
          Effect.catchIf(
            (error) => error._tag === "PermanentError" && error.status === 404,
            () => Effect.succeedNone
          )
        ),
      text: (operation, request, call) => exchange(operation, request, readText, call),
      empty: (operation, request, call) => exchange(operation, request, readNothing, call),
      resolve
    }
  })

import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response"
import type { MiddlewareHandler } from "hono"
import { isAdminPath } from "./admin-path.js"
import { setAnswerHeader } from "./answer-header.js"
import type { SimContext, SimEnv } from "./env.js"
import type { TerminalEffect } from "./faults/fault-rule.js"
import { breakConnection, noSocketResponse, socketOf } from "./faults/socket.js"
import type { SimKit } from "./kit.js"
import { parseRetryAfterMs, type ThrottleRequest } from "./throttle/throttler.js"
import { newTrace, type RequestTrace, type Traces } from "./trace.js"

/** Tenant of requests `tenantOf` says nothing about. */
export const DEFAULT_TENANT = "default"

/** Client of requests `clientOf` says nothing about. */
export const ANONYMOUS_CLIENT = "anonymous"

/** Throttle key of requests `throttleKeyOf` says nothing about. */
export const DEFAULT_THROTTLE_KEY = "*"

/** Response header echoing the seed on every response. */
export const SEED_HEADER = "x-sim-seed"

/**
 * The tenant of a request; may be async so it can read the body (Hono caches it, so the route can
 * read it again), e.g. for credentials in a signed form POST.
 */
export type TenantOf = (c: SimContext) => string | undefined | Promise<string | undefined>

/** How the pipeline identifies requests; resolved options of `createSimulator`. */
export interface PipelineConfig {
  readonly kit: SimKit
  readonly tenantOf: TenantOf
  readonly clientOf: (c: SimContext) => string | undefined
  readonly throttleKeyOf: (c: SimContext) => string | undefined
  readonly correlationHeader: string
  readonly echoCorrelationHeader: boolean
  readonly requestIdHeader: string | undefined
  readonly traces: Traces
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

// A response node-server does not write (the socket is gone anyway); built per use, not shared.
const alreadySent = (): Response => new Response(null, { headers: RESPONSE_ALREADY_SENT.headers })

const headerValue = (
  headers: Readonly<Record<string, string>> | undefined,
  name: string
): string | undefined => Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1]

/**
 * Outermost middleware: puts the kit and request identity on the context, echoes the seed, and records
 * every vendor request in the journal once its answer (or its absence) is known.
 */
export const contextMiddleware =
  (config: PipelineConfig): MiddlewareHandler<SimEnv> =>
  async (c, next) => {
    const { kit } = config
    c.set("kit", kit)
    c.set("tenant", DEFAULT_TENANT)
    c.set("client", ANONYMOUS_CLIENT)
    c.set("correlationId", c.req.header(config.correlationHeader))
    if (isAdminPath(c.req.path)) {
      c.set("requestId", "_sim")
      await next()
      setAnswerHeader(c, SEED_HEADER, String(kit.seed))
      return
    }
    c.set("requestId", kit.newId())
    const trace = newTrace()
    config.traces.set(c, trace)
    const atMs = kit.clock.now()
    const started = performance.now()
    await next()
    if (!trace.noReply) {
      setAnswerHeader(c, SEED_HEADER, String(kit.seed))
      if (config.requestIdHeader !== undefined) setAnswerHeader(c, config.requestIdHeader, c.var.requestId)
      if (config.echoCorrelationHeader && c.var.correlationId !== undefined) {
        setAnswerHeader(c, config.correlationHeader, c.var.correlationId)
      }
    }
    // The raw query, read off the URL text: parsing a URL per request for it is needless work.
    const queryAt = c.req.url.indexOf("?")
    const hashAt = c.req.url.indexOf("#", queryAt)
    kit.journal.record({
      seq: kit.journal.nextSeq(),
      at: new Date(atMs).toISOString(),
      atMs,
      method: c.req.method,
      path: c.req.path,
      query: queryAt < 0 ? "" : c.req.url.slice(queryAt + 1, hashAt < 0 ? undefined : hashAt),
      status: trace.lostStatus ?? (trace.noReply ? null : c.res.status),
      tenant: c.var.tenant,
      client: c.var.client,
      correlationId: c.var.correlationId ?? null,
      requestId: c.var.requestId,
      faults: trace.faults,
      throttled: trace.throttled,
      earlyRetry: trace.earlyRetry,
      matched: trace.matched,
      durationMs: Math.round(performance.now() - started)
    })
  }

const applyTerminal = async (
  c: SimContext,
  kit: SimKit,
  trace: RequestTrace,
  request: ThrottleRequest,
  effect: TerminalEffect,
  next: () => Promise<void>
): Promise<Response | undefined> => {
  switch (effect.kind) {
    case "http": {
      const response = await kit.error(
        c,
        {
          status: effect.status,
          ...(effect.code === undefined ? {} : { code: effect.code }),
          ...(effect.message === undefined ? {} : { message: effect.message }),
          ...(effect.headers === undefined ? {} : { headers: effect.headers })
        },
        "fault"
      )
      // An injected 429 with Retry-After opens a window too, so early retries after it are recorded.
      const retryAfterMs =
        effect.status === 429 ? parseRetryAfterMs(headerValue(effect.headers, "retry-after")) : undefined
      if (retryAfterMs !== undefined) kit.throttle.registerWindow(request, retryAfterMs)
      return response
    }
    case "raw": {
      const headers = new Headers(effect.headers)
      headers.set("content-type", effect.contentType)
      return new Response(effect.body, { status: effect.status, headers })
    }
    case "reset":
    case "empty": {
      const socket = socketOf(c.env)
      if (socket === undefined) return noSocketResponse(effect.kind)
      breakConnection(socket, effect.kind)
      trace.noReply = true
      return alreadySent()
    }
    case "lost": {
      await next()
      trace.lostStatus = c.res.status
      const socket = socketOf(c.env)
      if (socket === undefined) {
        c.res = noSocketResponse("lost")
        return undefined
      }
      // The handler's response is still returned to node-server, but the socket is already destroyed,
      // so Node drops every byte of it.
      breakConnection(socket, "lost")
      trace.noReply = true
      return undefined
    }
  }
}

/**
 * Second middleware, for vendor requests only: resolves tenant, client and throttle key, then applies
 * throttling, then the fault plan, then runs the vendor route.
 */
export const gateMiddleware =
  (config: PipelineConfig): MiddlewareHandler<SimEnv> =>
  async (c, next) => {
    const trace = config.traces.get(c)
    if (trace === undefined) return next()
    const { kit } = config
    c.set("tenant", (await config.tenantOf(c)) ?? DEFAULT_TENANT)
    c.set("client", config.clientOf(c) ?? ANONYMOUS_CLIENT)
    const request: ThrottleRequest = {
      method: c.req.method,
      path: c.req.path,
      tenant: c.var.tenant,
      client: c.var.client,
      key: config.throttleKeyOf(c) ?? DEFAULT_THROTTLE_KEY
    }
    const decision = kit.throttle.check(request)
    trace.earlyRetry = decision.earlyRetry
    if (decision.earlyRetry) {
      kit.log(
        "warn",
        `early retry: ${request.method} ${request.path} by ${request.client} (tenant ${request.tenant})`
      )
    }
    if (decision.kind === "throttled") {
      trace.throttled = true
      return kit.error(
        c,
        {
          status: 429,
          message: `Too many requests (${decision.reason}); retry later.`,
          headers: decision.headers
        },
        "throttle"
      )
    }
    const plan = kit.faults.decide(request)
    trace.faults = plan.firings.map((f) => ({ ruleId: f.ruleId, kind: f.effect.kind }))
    if (plan.latencyMs > 0) await sleep(plan.latencyMs)
    // Time-driven state catches up just before a handler reads it (after the latency, so it is as of then).
    const handle = () => {
      kit.advance()
      return next()
    }
    if (plan.terminal === undefined) return handle()
    return applyTerminal(c, kit, trace, request, plan.terminal.effect, handle)
  }

import { type SimEnv, setAnswerHeader } from "@planes/sim-kit"
import type { MiddlewareHandler } from "hono"

/** Product facts the `X-API-*` headers and `/ping/` report. */
export interface ProductInfo {
  readonly name: string
  readonly version: string
  readonly node: string
}

/** Adds AWX's response headers (`X-API-Product-Name`, `-Version`, `X-API-Node`, times, request id). */
export const apiHeaders =
  (product: ProductInfo): MiddlewareHandler<SimEnv> =>
  async (c, next) => {
    const started = performance.now()
    await next()
    const seconds = `${((performance.now() - started) / 1000).toFixed(3)}s`
    setAnswerHeader(c, "X-API-Product-Name", product.name)
    setAnswerHeader(c, "X-API-Product-Version", product.version)
    setAnswerHeader(c, "X-API-Node", product.node)
    setAnswerHeader(c, "X-API-Time", seconds)
    setAnswerHeader(c, "X-API-Total-Time", seconds)
    setAnswerHeader(c, "X-API-Request-Id", c.var.requestId)
  }

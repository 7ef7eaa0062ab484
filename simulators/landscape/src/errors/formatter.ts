import type { ErrorFormatter, SimContext } from "@planes/sim-kit"
import { CancelRefused } from "../activities/cancel.js"
import { LandscapeFailure } from "./failure.js"

/** Landscape's error body, `{"error": code, "message": text}` (legacy and REST alike). */
export const errorBody = (code: string, message: string) => ({ error: code, message })

/** Renders every kit-made error (throttling, faults, unknown routes, exceptions) in Landscape's shape. */
export const landscapeErrorFormatter: ErrorFormatter = ({ status, code, message }) =>
  new Response(JSON.stringify(errorBody(code, message)), {
    status,
    headers: { "content-type": "application/json" }
  })

/** Answers a failure through the kit (so the journal and headers stay consistent). */
export const answerFailure = (c: SimContext, failure: LandscapeFailure) =>
  c.var.kit.error(c, { status: failure.status, code: failure.code, message: failure.message })

/**
 * Runs a handler and turns a thrown `LandscapeFailure` into its error answer; anything else is a
 * simulator bug and goes on to the kit's 500 handler.
 */
export const guarded =
  (handler: (c: SimContext) => Response | Promise<Response>) =>
  async (c: SimContext): Promise<Response> => {
    try {
      return await handler(c)
    } catch (e) {
      if (e instanceof CancelRefused) return c.text(e.lines.join("\n"), 400)
      if (e instanceof LandscapeFailure) return answerFailure(c, e)
      throw e
    }
  }

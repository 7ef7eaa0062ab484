import type { Context } from "hono"

/**
 * Sets a header on the answer a handler has already produced (in a middleware, after `await next()`).
 * Hono's `c.header` rebuilds a finished answer on every call, turning its body into a stream, which
 * costs more than the rest of a simple read; the answer's own headers can be changed in place instead.
 * Answers whose headers are immutable (a fetched response) still go through `c.header`. `append` adds
 * another value (a second Set-Cookie) instead of replacing.
 */
export const setAnswerHeader = (
  c: Context,
  name: string,
  value: string,
  options: { readonly append?: boolean } = {}
): void => {
  try {
    if (options.append === true) c.res.headers.append(name, value)
    else c.res.headers.set(name, value)
  } catch {
    c.header(name, value, options)
  }
}

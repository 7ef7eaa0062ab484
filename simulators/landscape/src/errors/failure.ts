/** A Landscape error answer: HTTP status plus the `{error, message}` body. Thrown by domain code. */
export class LandscapeFailure extends Error {
  override readonly name = "LandscapeFailure"
  /** HTTP status (400 unless auth or a missing object says otherwise). */
  readonly status: 400 | 401 | 403 | 404 | 409 | 415
  /** Landscape's error code, e.g. `UnknownComputers`. */
  readonly code: string

  /** Makes a failure; 400 is Landscape's status for validation, `Unknown*` and `Duplicate*` errors. */
  constructor(code: string, message: string, status: 400 | 401 | 403 | 404 | 409 | 415 = 400) {
    super(message)
    this.code = code
    this.status = status
  }
}

/** Shorthand for `new LandscapeFailure(...)` in expression position. */
export const fail = (
  code: string,
  message: string,
  status: 400 | 401 | 403 | 404 | 409 | 415 = 400
): never => {
  throw new LandscapeFailure(code, message, status)
}

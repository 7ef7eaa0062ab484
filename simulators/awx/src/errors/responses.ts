import type { AwxContext } from "../http/env.js"
import { NOT_FOUND, PERMISSION_DENIED } from "./format.js"

/** A DRF validation body: field name (or `__all__`) to messages. */
export type FieldErrors = Record<string, string[]>

/** 400 with DRF field errors, `{"name": ["This field is required."]}`. */
export const fieldErrors = (c: AwxContext, errors: FieldErrors) => c.json(errors, 400)

/** 400 for a non-field error, under DRF's `NON_FIELD_ERRORS_KEY` (`__all__` in AWX). */
export const nonFieldError = (c: AwxContext, message: string) => c.json({ __all__: [message] }, 400)

/** An error answered as `{"detail": message}`. */
export const detail = (c: AwxContext, status: 400 | 401 | 403 | 404 | 405 | 415, message: string) =>
  c.json({ detail: message }, status)

/** 404 `{"detail": "Not found."}` for a missing object. */
export const notFound = (c: AwxContext) => detail(c, 404, NOT_FOUND)

/** 403 `{"detail": "You do not have permission to perform this action."}`. */
export const forbidden = (c: AwxContext) => detail(c, 403, PERMISSION_DENIED)

/** 405 as DRF words it. */
export const methodNotAllowed = (c: AwxContext) => detail(c, 405, `Method "${c.req.method}" not allowed.`)

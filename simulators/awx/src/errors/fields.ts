import { Either, Schema } from "effect"
import type { FieldErrors } from "./responses.js"

/** DRF's messages for the field problems the simulator detects. */
export const MESSAGES = {
  required: "This field is required.",
  null: "This field may not be null.",
  blank: "This field may not be blank.",
  string: "Not a valid string.",
  integer: "A valid integer is required.",
  boolean: "Must be a valid boolean.",
  list: 'Expected a list of items but got type "{type}".'
} as const

const decodeString = Schema.decodeUnknownEither(Schema.String)
const decodeInt = Schema.decodeUnknownEither(Schema.Int)
const decodeBoolean = Schema.decodeUnknownEither(Schema.Boolean)
const decodeIntList = Schema.decodeUnknownEither(Schema.Array(Schema.Int))

/**
 * Reads the fields of an object body one by one with Effect Schemas, collecting DRF field errors (every
 * bad field is reported, as DRF's serializer does) instead of stopping at the first.
 */
export class FieldReader {
  /** Errors so far, by field. */
  readonly errors: FieldErrors = {}
  readonly #body: Readonly<Record<string, unknown>>

  /** Wraps a decoded JSON object body. */
  constructor(body: Readonly<Record<string, unknown>>) {
    this.#body = body
  }

  /** Whether the body carries the key at all. */
  has(field: string): boolean {
    return Object.hasOwn(this.#body, field)
  }

  /** The raw value of a key. */
  raw(field: string): unknown {
    return this.#body[field]
  }

  /** Records an error on a field. */
  fail(field: string, message: string): undefined {
    this.errors[field] = [...(this.errors[field] ?? []), message]
    return undefined
  }

  /** Whether no error has been recorded. */
  get ok(): boolean {
    return Object.keys(this.errors).length === 0
  }

  #present(field: string, required: boolean): unknown {
    if (!this.has(field)) {
      if (required) this.fail(field, MESSAGES.required)
      return undefined
    }
    const value = this.#body[field]
    if (value === null) {
      this.fail(field, MESSAGES.null)
      return undefined
    }
    return value
  }

  /** A string field; `allowBlank` false makes "" an error (DRF's CharField default). */
  string(field: string, options: { required?: boolean; allowBlank?: boolean } = {}): string | undefined {
    const value = this.#present(field, options.required ?? false)
    if (value === undefined) return undefined
    // DRF's CharField coerces numbers to strings; booleans and containers are refused.
    const coerced = typeof value === "number" ? String(value) : value
    const result = decodeString(coerced)
    if (Either.isLeft(result)) return this.fail(field, MESSAGES.string)
    if (!(options.allowBlank ?? true) && result.right.trim() === "") return this.fail(field, MESSAGES.blank)
    return result.right
  }

  /** An integer field (a primary key or a count); numeric strings are accepted as DRF does. */
  integer(
    field: string,
    options: { required?: boolean; nullable?: boolean } = {}
  ): number | null | undefined {
    if (options.nullable === true && this.has(field) && this.#body[field] === null) return null
    const value = this.#present(field, options.required ?? false)
    if (value === undefined) return undefined
    const coerced = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value
    const result = decodeInt(coerced)
    return Either.isLeft(result) ? this.fail(field, MESSAGES.integer) : result.right
  }

  /** A boolean field; DRF also takes "true"/"false" and 1/0. */
  boolean(field: string): boolean | undefined {
    const value = this.#present(field, false)
    if (value === undefined) return undefined
    const coerced =
      value === "true" || value === "True" || value === 1
        ? true
        : value === "false" || value === "False" || value === 0
          ? false
          : value
    const result = decodeBoolean(coerced)
    return Either.isLeft(result) ? this.fail(field, MESSAGES.boolean) : result.right
  }

  /** A list of primary keys (credentials, labels). */
  intList(field: string): readonly number[] | undefined {
    const value = this.#present(field, false)
    if (value === undefined) return undefined
    const result = decodeIntList(value)
    if (Either.isRight(result)) return result.right
    return Array.isArray(value)
      ? this.fail(field, MESSAGES.integer)
      : this.fail(field, MESSAGES.list.replace("{type}", typeof value === "string" ? "str" : typeof value))
  }

  /** A choice field with DRF's `"x" is not a valid choice.` message. */
  choice<const C extends string>(field: string, choices: readonly C[]): C | undefined {
    const value = this.string(field)
    if (value === undefined) return undefined
    const found = choices.find((choice) => choice === value)
    return found ?? this.fail(field, `"${value}" is not a valid choice.`)
  }
}

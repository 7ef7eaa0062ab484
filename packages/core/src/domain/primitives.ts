import { Schema } from "effect"

/** Text with something in it once trimmed, at most `max` characters. */
export const Text = (max: number) =>
  Schema.Trim.pipe(Schema.nonEmptyString({ message: () => "must not be empty" }), Schema.maxLength(max))

/** A version as planes write them: dotted numbers, Debian and RPM revisions, build tags. */
export const Version = Schema.Trim.pipe(
  Schema.nonEmptyString({ message: () => "must not be empty" }),
  Schema.maxLength(64),
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9.+~:_-]*$/, {
    message: () => "must start with a letter or digit and hold only letters, digits and . + ~ : _ -"
  })
).annotations({ identifier: "Version" })

/** A lower-case SHA-256 digest in hex; upper-case input is accepted and normalised. */
export const Sha256Hex = Schema.Lowercase.pipe(
  Schema.pattern(/^[0-9a-f]{64}$/, { message: () => "must be 64 hexadecimal digits (a SHA-256 digest)" })
).annotations({ identifier: "Sha256Hex" })

/** An instant, as an ISO-8601 string with a zone, normalised to UTC with milliseconds. */
export const Instant = Schema.transform(
  Schema.String.pipe(
    Schema.pattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
      message: () => "must be an ISO-8601 date-time with a zone, e.g. 2026-01-31T18:00:00Z"
    }),
    Schema.filter((s) => !Number.isNaN(Date.parse(s)) || "is not a real date")
  ),
  Schema.String,
  { strict: true, decode: (s) => new Date(s).toISOString(), encode: (s) => s }
).annotations({ identifier: "Instant" })

/**
 * A key of free-form JSON. "__proto__" is refused: decoding would set the object's prototype instead of
 * keeping the key, so the intent would silently lose it and key differently from what was sent.
 */
export const JsonKey = Schema.String.pipe(
  Schema.filter((key) => key !== "__proto__" || 'must not be "__proto__"')
).annotations({ identifier: "JsonKey" })

/** Any JSON value, for per-plane hints whose shape each adapter validates itself. */
export const JsonValue: Schema.Schema<JsonValue> = Schema.suspend(() =>
  Schema.Union(
    Schema.Null,
    Schema.Boolean,
    // Finite only: JSON.parse reads 1e999 as Infinity, which no plane can store and intentKey refuses.
    Schema.Finite,
    Schema.String,
    Schema.Array(JsonValue),
    Schema.Record({ key: JsonKey, value: JsonValue })
  )
).annotations({ identifier: "JsonValue" })

/** Any JSON value. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | ReadonlyArray<JsonValue>
  | { readonly [key: string]: JsonValue }

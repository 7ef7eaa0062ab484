import { Schema } from "effect"

/** Whether a property is a WMI system property or an OData annotation, which clients do not read. */
export const isSystemProperty = (name: string): boolean => name.startsWith("__") || name.startsWith("@odata.")

/** A row without its WMI system properties (`__GENUS`, `__PATH`, ...) and OData annotations. */
export const stripSystemProperties = (row: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(row).filter(([name]) => !isSystemProperty(name)))

const RawRow = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * A WMI-route row: system properties and annotations are stripped, then the rest is decoded with
 * `fields`. Stripping first means a class property that happens to share a name with one never leaks
 * in, and the schema sees only what the class defines.
 */
export const wmiRow = <A, I>(
  schema: Schema.Schema<A, I>
): Schema.Schema<A, Readonly<Record<string, unknown>>> =>
  Schema.compose(
    Schema.transform(RawRow, RawRow, {
      strict: true,
      decode: stripSystemProperties,
      encode: (row) => row
    }),
    schema,
    { strict: false }
  )

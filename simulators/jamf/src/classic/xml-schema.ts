import { Schema } from "effect"

/** An XML boolean element (`true`/`false`, any case). */
export const XmlBoolean = Schema.transform(
  Schema.String.pipe(Schema.pattern(/^(true|false)$/i)),
  Schema.Boolean,
  { strict: true, decode: (s) => s.toLowerCase() === "true", encode: (b) => String(b) }
)

/** An XML integer element (ids are written `-1` for "none"). */
export const XmlInt = Schema.transform(Schema.String.pipe(Schema.pattern(/^\s*-?\d+\s*$/)), Schema.Number, {
  strict: true,
  decode: (s) => Number(s),
  encode: (n) => String(n)
})

/** An XML text element; an empty element reads as "". */
export const XmlText = Schema.String

/** An element that must be absent or empty-or-object (a section like `<general>`). */
export const section = <F extends Schema.Struct.Fields>(fields: F) =>
  Schema.Union(
    Schema.transform(Schema.Literal(""), Schema.Struct(fields), {
      strict: false,
      decode: () => ({}),
      encode: () => ""
    }),
    Schema.Struct(fields)
  )

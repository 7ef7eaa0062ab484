/** An RSQL string literal: double-quoted, with `"` and `\` escaped (values may hold spaces, `;`, `,`). */
export const rsqlString = (value: string): string => `"${value.replace(/["\\]/g, "\\$&")}"`

/** `field=="value"`. */
export const rsqlEquals = (field: string, value: string): string => `${field}==${rsqlString(value)}`

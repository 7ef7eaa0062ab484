/**
 * The canonical JSON text of a value: object keys sorted, `undefined` members dropped, strings in
 * Unicode NFC, numbers in JavaScript's shortest form. Two values that mean the same print the same.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null) return "null"
  switch (typeof value) {
    case "string":
      return JSON.stringify(value.normalize("NFC"))
    case "number":
      if (!Number.isFinite(value)) throw new TypeError("canonicalJson: numbers must be finite")
      return JSON.stringify(Object.is(value, -0) ? 0 : value)
    case "boolean":
      return value ? "true" : "false"
    case "object": {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`
      const record = value as Record<string, unknown>
      const members = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort()
        .map((key) => `${JSON.stringify(key.normalize("NFC"))}:${canonicalJson(record[key])}`)
      return `{${members.join(",")}}`
    }
    default:
      throw new TypeError(`canonicalJson: cannot represent a ${typeof value}`)
  }
}

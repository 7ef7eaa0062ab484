/** A JSON object as a plain record, or undefined when the text is not JSON or not an object. */
export const parseJsonObject = (text: string): Readonly<Record<string, unknown>> | undefined => {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  return asRecord(value)
}

/** The value as a plain record when it is a non-array object. */
export const asRecord = (value: unknown): Readonly<Record<string, unknown>> | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : undefined

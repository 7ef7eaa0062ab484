import { findKey, type IntentKey } from "@planes/core"

/** The line planes writes into a description or comment to mark the object as made for `key`. */
export const keyLine = (key: IntentKey): string => `[planes key ${key}]`

/** A description (or comment) holding `text` and the key line, within `max` characters. */
export const describeWithKey = (key: IntentKey, text: string | undefined, max: number): string => {
  const line = keyLine(key)
  const body = (text ?? "").trim()
  if (body === "") return line
  const room = max - line.length - 1
  return `${room >= body.length ? body : body.slice(0, Math.max(0, room - 1))}\n${line}`
}

/** The key a description or comment carries, if any. */
export const keyIn = (text: string | null | undefined): IntentKey | undefined => findKey(text)

import { findKey, type IntentKey } from "@planes/core"

/**
 * The text planes keeps in a win32LobApp's `notes`: the intent key (how a retry finds the app instead of
 * creating a twin) and the package version (how a rollback finds the app of an older version). Graph cannot
 * filter on `notes`, so lookups list by displayName and read this back client-side.
 */
export const appNotes = (key: IntentKey, name: string, version: string) =>
  `Managed by planes; do not edit this line. key=${key}; package=${encodeURIComponent(name)}; version=${encodeURIComponent(version)}`

/** What planes wrote into an app's notes, if anything. */
export const readAppNotes = (
  notes: string | null | undefined
):
  | { readonly key: IntentKey; readonly version: string | undefined; readonly name: string | undefined }
  | undefined => {
  const key = findKey(notes)
  if (key === undefined || notes == null) return undefined
  const version = notes.match(/\bversion=([^;\s]+)/)?.[1]
  const name = notes.match(/\bpackage=([^;\s]+)/)?.[1]
  return {
    key,
    version: version === undefined ? undefined : safeDecode(version),
    name: name === undefined ? undefined : safeDecode(name)
  }
}

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

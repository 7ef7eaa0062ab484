import type { IntentKey, PackageIntent } from "@planes/core"
import { findKey } from "@planes/core"
import type { JamfPackageHints } from "./hints.js"

/**
 * The package record's name: `<name> <version>`. Jamf keeps one record per version (a rollback points a
 * policy at another record), and refuses a second record of the same name.
 */
export const packageName = (name: string, version: string): string => `${name} ${version}`

/** The application bundle a macOS package installs, where a detection rule names one (`Firefox.app`). */
export const applicationOf = (intent: PackageIntent): string | undefined => {
  for (const rule of intent.detection) {
    if (rule._tag !== "file") continue
    if (rule.name.endsWith(".app")) return rule.name
    const last = rule.path
      .split("/")
      .filter((s) => s !== "")
      .at(-1)
    if (last?.endsWith(".app")) return last
  }
  return undefined
}

/**
 * What planes writes into a package record's `notes`: the intent key (how a retry finds the record
 * instead of creating a twin, with an RSQL filter on the exact text), the package name and version (how
 * a rollback finds the record of another version) and the application it installs (how state reads the
 * installed version from inventory). Deterministic, and free of quotes: values are percent-encoded.
 */
export const packageNotes = (key: IntentKey, name: string, version: string, application?: string): string =>
  [
    "Managed by planes; do not edit.",
    `key=${key}`,
    `package=${encodeURIComponent(name)}`,
    `version=${encodeURIComponent(version)}`,
    ...(application === undefined ? [] : [`app=${encodeURIComponent(application)}`])
  ].join(" ")

const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** What planes wrote into a record's notes, if it wrote them. */
export const readPackageNotes = (
  notes: string | null | undefined
):
  | {
      readonly key: IntentKey
      readonly name: string | undefined
      readonly version: string | undefined
      readonly application: string | undefined
    }
  | undefined => {
  const key = findKey(notes)
  if (key === undefined || notes == null) return undefined
  const field = (name: string) => {
    const raw = new RegExp(`\\b${name}=(\\S+)`).exec(notes)?.[1]
    return raw === undefined ? undefined : safeDecode(raw)
  }
  return { key, name: field("package"), version: field("version"), application: field("app") }
}

/**
 * The Jamf Pro API body of `POST /api/v1/packages` for an intent: the record only (the file is uploaded
 * next). Fields Jamf requires get fixed values; the key goes into `notes`.
 */
export const packageBody = (
  intent: PackageIntent,
  key: IntentKey,
  hints: JamfPackageHints,
  defaultCategoryId: string
) => ({
  packageName: packageName(intent.name, intent.version),
  fileName: intent.artifact.fileName,
  categoryId: hints.categoryId ?? defaultCategoryId,
  info: intent.description ?? `${intent.publisher} ${intent.name} ${intent.version}`,
  notes: packageNotes(key, intent.name, intent.version, applicationOf(intent)),
  priority: hints.priority ?? 10,
  fillUserTemplate: false,
  fillExistingUsers: false,
  rebootRequired: intent.restart === "force",
  osInstall: false,
  suppressUpdates: false,
  suppressFromDock: false,
  suppressEula: false,
  suppressRegistration: false
})

import type { AssignmentIntent, PackageIntent } from "@planes/core"

/** A Debian package name: lowercase letters, digits, `+`, `-`, `.`, starting alphanumeric, two or more. */
export const debianName = /^[a-z0-9][a-z0-9+.-]+$/

/**
 * The Debian package an intent names: `hints.landscape.package` when given (the intent's name is a
 * display name), else the intent's name. Undefined when that is not a Debian package name.
 */
export const debianPackageName = (
  intent: Pick<PackageIntent, "name" | "hints"> | Pick<AssignmentIntent, "hints" | "package">
): string | undefined => {
  const hinted = intent.hints?.landscape?.package
  const name = typeof hinted === "string" ? hinted : "package" in intent ? intent.package.name : intent.name
  return debianName.test(name) ? name : undefined
}

import type { AssignmentIntent, IntentKey } from "@planes/core"
import type { LegacyParams } from "../api/LandscapeClient.js"
import { debianPackageName } from "./packageName.js"

/** Why an assignment intent has no Landscape form. */
export type AssignmentProblem =
  | { readonly _tag: "UnsupportedTarget"; readonly target: string }
  | { readonly _tag: "UnsupportedIntent"; readonly intent: string }
  | { readonly _tag: "BadPackageName"; readonly name: string }
  | { readonly _tag: "BadDevices"; readonly ids: ReadonlyArray<string> }

/** What an assignment becomes on Landscape: a saved search carrying the key, and an install (or removal). */
export interface AssignmentPlan {
  /** The saved search's name, `planes-<key>`: the key, in a field Landscape keeps and queries by. */
  readonly searchName: string
  readonly searchTitle: string
  /** The computer query the saved search holds: the intent's target. */
  readonly search: string
  readonly action: "InstallPackages" | "RemovePackages"
  readonly packageName: string
  /** InstallPackages/RemovePackages parameters, targeting `search:planes-<key>`. */
  readonly params: LegacyParams
}

/** A quoted query value when it has spaces or quotes (facts §3). */
const quote = (value: string) => (/[\s"]/.test(value) ? `"${value.replace(/"/g, "")}"` : value)

/** The computer query of a target, or why it has none. */
export const targetQuery = (target: AssignmentIntent["target"]): string | AssignmentProblem => {
  switch (target._tag) {
    case "tag":
      return `tag:${quote(target.tag)}`
    case "savedSearch":
      return `search:${quote(target.name)}`
    case "query":
      return target.query
    case "devices": {
      const bad = target.deviceIds.filter((id) => !/^\d+$/.test(id))
      if (bad.length > 0) return { _tag: "BadDevices", ids: bad }
      return target.deviceIds.map((id) => `id:${id}`).join(" OR ")
    }
    default:
      return { _tag: "UnsupportedTarget", target: target._tag }
  }
}

/** Landscape's time format for `deliver_after`, `YYYY-MM-DDTHH:MM:SSZ` (facts §4.2). */
export const landscapeTime = (instant: string): string =>
  new Date(instant).toISOString().replace(/\.\d{3}Z$/, "Z")

/** The saved search name that carries an assignment's key. */
export const searchNameOf = (key: IntentKey): string => `planes-${key}`

/**
 * Maps an assignment intent to its Landscape plan (pure): the saved search `planes-<key>` holding the
 * target query, and InstallPackages (required) or RemovePackages (uninstall) on `search:planes-<key>`
 * with `deliver_after` from the schedule's start and `deliver_delay_window` from its spread.
 */
export const assignmentPlan = (
  intent: AssignmentIntent,
  key: IntentKey
): AssignmentPlan | AssignmentProblem => {
  if (intent.intent === "available") return { _tag: "UnsupportedIntent", intent: intent.intent }
  const packageName = debianPackageName(intent)
  if (packageName === undefined) return { _tag: "BadPackageName", name: intent.package.name }
  const search = targetQuery(intent.target)
  if (typeof search !== "string") return search
  const searchName = searchNameOf(key)
  const verb = intent.intent === "uninstall" ? "remove" : "install"
  return {
    searchName,
    searchTitle: `planes ${key}: ${verb} ${packageName} ${intent.package.version}`,
    search,
    action: intent.intent === "uninstall" ? "RemovePackages" : "InstallPackages",
    packageName,
    params: {
      query: `search:${searchName}`,
      packages: [packageName],
      deliver_after: intent.schedule?.start === undefined ? undefined : landscapeTime(intent.schedule.start),
      deliver_delay_window: intent.schedule?.spreadMinutes
    }
  }
}

/** Why an intent cannot be a Landscape assignment, in words a person can act on. */
export const describeAssignmentProblem = (problem: AssignmentProblem): string => {
  switch (problem._tag) {
    case "UnsupportedTarget":
      return `Landscape targets computers by tag, saved search, query or computer ids; a '${problem.target}' target has no Landscape form.`
    case "UnsupportedIntent":
      return "Landscape has no optional install: publishing already makes the package available to apt. Use 'required' or 'uninstall'."
    case "BadPackageName":
      return `"${problem.name}" is not a Debian package name; set hints.landscape.package to the package apt installs.`
    case "BadDevices":
      return `Landscape computer ids are numbers; these are not: ${problem.ids.join(", ")}.`
  }
}

/** The group summary Landscape writes for an install or removal of one package ("Install package curl"). */
export const groupSummaryPrefix = (action: AssignmentPlan["action"], packageName: string): string =>
  `${action === "RemovePackages" ? "Remove" : "Install"} package ${packageName}`

import { findOrCreate, type PlaneError, type PlaneObject, type RetryPolicy } from "@planes/core"
import { Effect, Option, Stream } from "effect"
import { isDuplicate } from "../api/errorProfile.js"
import type { LandscapeClient } from "../api/LandscapeClient.js"
import { SavedSearch } from "../api/schemas.js"
import type { AssignmentPlan } from "../mapping/assignment.js"

const operation = "create assignment"

/** The saved search of a name, if any (GetSavedSearches, every page). */
export const findSavedSearch = (client: LandscapeClient, name: string) =>
  Stream.runHead(
    Stream.filter(client.readAll(operation, "GetSavedSearches", {}, SavedSearch), (s) => s.name === name)
  )

/**
 * Ensures the saved search `planes-<key>` holding the assignment's target query (facts §3): the key
 * lives in its name, which Landscape keeps unique (`DuplicateSavedSearch`) and queries by (`search:`).
 */
export const ensureSavedSearch = (
  client: LandscapeClient,
  plan: AssignmentPlan
): Effect.Effect<{ readonly search: SavedSearch; readonly object: PlaneObject }, PlaneError, RetryPolicy> =>
  Effect.map(
    findOrCreate({
      onConflict: { isConflict: isDuplicate },
      find: findSavedSearch(client, plan.searchName),
      create: client.write(
        operation,
        "CreateSavedSearch",
        { name: plan.searchName, title: plan.searchTitle, search: plan.search },
        SavedSearch,
        { retry: false }
      )
    }),
    ({ value, created }) => ({
      search: value,
      object: { kind: "savedSearch", id: value.name, name: value.title, created }
    })
  )

/** The activity group id a saved search's title records (`… [activity 42]`), once the install exists. */
export const recordedActivity = (title: string): Option.Option<number> => {
  const match = /\[activity (\d+)\]$/.exec(title)
  return match?.[1] === undefined ? Option.none() : Option.some(Number(match[1]))
}

/** The title with the activity group id recorded, so later lookups need no activity search. */
export const titleWithActivity = (title: string, id: number): string =>
  `${title.replace(/\s*\[activity \d+\]$/, "")} [activity ${id}]`

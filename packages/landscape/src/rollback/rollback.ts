import { HttpClientRequest } from "@effect/platform"
import { Correlation, type PlaneError, type PlaneObject, type RollbackResult } from "@planes/core"
import { Effect, Option } from "effect"
import { collect, type LandscapeClient } from "../api/LandscapeClient.js"
import { Activity, Downgrades } from "../api/schemas.js"
import { permanent } from "../errors.js"
import { landscapeRef, parseLandscapeRef } from "../ref/landscapeRef.js"
import { installedVersions } from "../state/deviceStates.js"

const operation = "rollback"

/** What rollback did on one computer. */
export type DowngradeOutcome =
  | { readonly _tag: "AtVersion" }
  | { readonly _tag: "Running" }
  | { readonly _tag: "Unavailable" }
  | { readonly _tag: "Started"; readonly activity: number }

const running = new Set(["scheduled", "undelivered", "delivered", "unapproved"])

/**
 * Downgrades one computer (REST, facts §4.5, one package per request): nothing when it is at the
 * version or a downgrade of this package is still running there (a repeat after a lost answer), else
 * the version must be in its downgrade list, then `POST /computers/{id}/packages/installed`.
 */
export const downgradeComputer = (
  client: LandscapeClient,
  computer: number,
  name: string,
  installed: string,
  version: string
): Effect.Effect<DowngradeOutcome, PlaneError> =>
  Effect.gen(function* () {
    if (installed === version) return { _tag: "AtVersion" } as const
    const activities = yield* collect(
      client.restAll(
        operation,
        "/activities",
        { query: `computer:id:${computer} type:ChangePackagesRequest` },
        Activity
      )
    )
    if (activities.some((x) => x.summary === `Downgrade package ${name}` && running.has(x.activity_status)))
      return { _tag: "Running" } as const
    const options = yield* client.rest.jsonOption(
      operation,
      HttpClientRequest.get(
        `/computers/${computer}/packages/installed/${encodeURIComponent(name)}/downgrades`
      ),
      Downgrades
    )
    if (Option.isNone(options) || !options.value.results.some((r) => r.version === version))
      return { _tag: "Unavailable" } as const
    const group = yield* client.rest.json(
      operation,
      HttpClientRequest.post(`/computers/${computer}/packages/installed`).pipe(
        HttpClientRequest.bodyUnsafeJson({ package_name: name, package_version: version })
      ),
      Activity,
      { retry: false }
    )
    return { _tag: "Started", activity: group.id } as const
  })

/**
 * Moves the assignment's computers back to `version` through Landscape's downgrade route (REST, one
 * computer per request, `rollbackConcurrency` at a time). Landscape refuses implicit downgrades through
 * InstallPackages and package ids (facts §4.5), so this is the documented way. The new ref follows the
 * downgrade activities through the same saved search.
 */
export const rollback = (
  client: LandscapeClient,
  ref: string,
  version: string
): Effect.Effect<RollbackResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const a = yield* parseLandscapeRef(ref, operation)
      const versions = yield* installedVersions(client, operation, a.package, `search:${a.search}`)
      const outcomes = yield* Effect.forEach(
        [...versions.entries()].sort(([x], [y]) => x - y),
        ([computer, installed]) =>
          Effect.map(downgradeComputer(client, computer, a.package, installed, version), (outcome) => ({
            computer,
            outcome
          })),
        { concurrency: client.config.rollbackConcurrency }
      )
      const moving = outcomes.filter((o) => o.outcome._tag !== "Unavailable")
      if (outcomes.length > 0 && moving.length === 0) {
        return yield* permanent(
          operation,
          "VersionUnavailable",
          `${a.package} ${version} is not available to any computer as a downgrade; publish it to the pocket first.`
        )
      }
      const objects: PlaneObject[] = outcomes.flatMap((o) =>
        o.outcome._tag === "Started"
          ? [{ kind: "ActivityGroup", id: String(o.outcome.activity), created: true }]
          : []
      )
      return {
        plane: "landscape" as const,
        fromRef: landscapeRef(a),
        ref: landscapeRef({ search: a.search, package: a.package, version, goal: "install" }),
        version,
        correlationId: yield* Correlation.current,
        objects
      }
    })
  )

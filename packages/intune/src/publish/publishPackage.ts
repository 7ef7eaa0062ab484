import {
  Correlation,
  Http,
  type IntentKey,
  intentKey,
  type PackageIntent,
  type PlaneError,
  type PlaneObject,
  type PublishResult
} from "@planes/core"
import type { IntuneWinPackage } from "@planes/intunewin"
import { Data, Effect, Option, Ref } from "effect"
import { openArtifact } from "../artifact/localArtifact.js"
import { permanent } from "../errors.js"
import { pollGraph } from "../graph/poll.js"
import type { MobileApp } from "../graph/schemas.js"
import { appDisplayName } from "../mapping/win32LobApp.js"
import { type IntuneRuntime, pollSettings } from "../runtime.js"
import { uploadContent } from "../upload/uploadContent.js"
import { commitContentFile, createContentFile, getContentFile, waitForContentFile } from "./contentFile.js"
import { commitContentVersion, createContentVersion } from "./contentVersion.js"
import { createApp } from "./createApp.js"
import { findAppByKey, findAppPatiently } from "./findApp.js"
import { getApp, observeApp } from "./observe.js"
import { type PublishStep, planPublishStep } from "./planPublishStep.js"

const operation = "publish package"

/** The most steps one publish takes; the happy path from nothing takes nine. */
const maxSteps = 40

/** How long before expiry an upload URL is renewed. */
const renewalMarginMillis = 2 * 60_000

/**
 * A transient failure of a create is ambiguous: Graph may have made the object and lost the answer.
 * A 429 is not: Graph refused the request before acting on it.
 */
const ambiguous = (error: PlaneError) => error._tag === "TransientError" && error.status !== 429

const isPollTimeout = (error: PlaneError) => error._tag === "TransientError" && error.code === "PollTimeout"

// Carries a poll timeout past the round's retry schedule, which retries every TransientError.
class OutOfTime extends Data.TaggedError("OutOfTime")<{ readonly error: PlaneError }> {}

/**
 * Publishes a package as a win32LobApp, resuming whatever an earlier attempt left. Each round observes
 * what Graph shows, plans one step with `planPublishStep` and takes it; a transient failure anywhere
 * in a round is retried (under the RetryPolicy) by observing again, so a create whose answer was lost
 * is found rather than repeated. The app's id, once known, is read directly: a new app is missing from
 * list queries for a while (eventual consistency), and after an ambiguous app create the list lookup
 * keeps looking for `listConsistencySeconds` before concluding the app does not exist.
 */
export const publishPackage = (
  runtime: IntuneRuntime,
  intent: PackageIntent
): Effect.Effect<PublishResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const { graph, config } = runtime
      const key: IntentKey = intentKey(intent)
      const displayName = appDisplayName(intent)
      const poll = pollSettings(runtime)
      const knownAppId = yield* Ref.make(Option.none<string>())
      const createMayHaveHappened = yield* Ref.make(false)
      const objects = yield* Ref.make(new Map<string, PlaneObject>())
      const artifact: Effect.Effect<IntuneWinPackage, PlaneError> = yield* Effect.cached(
        openArtifact(intent.artifact)
      )

      const touched = (kind: string, id: string, created: boolean, name?: string) =>
        Ref.update(objects, (all) => {
          const key = `${kind}/${id}`
          const before = all.get(key)
          const next = new Map(all)
          next.set(key, {
            kind,
            id,
            created: created || (before?.created ?? false),
            ...(name !== undefined && { name })
          })
          return next
        })

      const lookUp: Effect.Effect<Option.Option<MobileApp>, PlaneError> = Effect.gen(function* () {
        const known = yield* Ref.get(knownAppId)
        if (Option.isSome(known)) {
          const app = yield* getApp(graph, known.value)
          if (Option.isSome(app)) return app
          yield* Ref.set(knownAppId, Option.none())
        }
        const found = (yield* Ref.get(createMayHaveHappened))
          ? yield* findAppPatiently(graph, displayName, key, {
              consistencySeconds: config.listConsistencySeconds,
              intervalSeconds: config.pollIntervalSeconds
            })
          : yield* findAppByKey(graph, displayName, key)
        if (Option.isSome(found)) {
          yield* Ref.set(knownAppId, Option.some(found.value.id))
          yield* touched("win32LobApp", found.value.id, yield* Ref.get(createMayHaveHappened), displayName)
          yield* Ref.set(createMayHaveHappened, false)
        }
        return found
      })

      // Creates that fail ambiguously are remembered so the next round's lookup waits for consistency.
      const remember = <A>(create: Effect.Effect<A, PlaneError>) =>
        Effect.tapError(create, (error) =>
          ambiguous(error) ? Ref.set(createMayHaveHappened, true) : Effect.void
        )

      const take = (step: PublishStep): Effect.Effect<Option.Option<string>, PlaneError> => {
        switch (step._tag) {
          case "Done":
            return Effect.succeed(Option.some(step.appId))
          case "CreateApp":
            return Effect.gen(function* () {
              const pkg = yield* artifact
              const app = yield* remember(createApp(graph, intent, key, pkg.detection))
              yield* Ref.set(knownAppId, Option.some(app.id))
              yield* touched("win32LobApp", app.id, true, displayName)
              return Option.none()
            })
          case "CreateContentVersion":
            return Effect.flatMap(createContentVersion(graph, step.appId), (cv) =>
              Effect.as(touched("mobileAppContent", cv.id, true), Option.none())
            )
          case "CreateFile":
            return Effect.gen(function* () {
              const file = yield* createContentFile(graph, step.appId, step.contentVersionId, yield* artifact)
              yield* touched("mobileAppContentFile", file.id, true)
              return Option.none()
            })
          case "WaitForFile":
            return Effect.as(waitForContentFile(graph, step, "uploadable", poll), Option.none())
          case "Upload":
            return Effect.gen(function* () {
              const pkg = yield* artifact
              const file = yield* getContentFile(graph, step.appId, step.contentVersionId, step.fileId)
              yield* uploadContent(
                graph,
                runtime.storage,
                { appId: step.appId, contentVersionId: step.contentVersionId, file },
                pkg,
                { blockSize: config.uploadBlockSize, renewalMarginMillis, poll }
              )
              yield* commitContentFile(graph, step.appId, step.contentVersionId, step.fileId, pkg)
              yield* waitForContentFile(graph, step, "committed", poll)
              yield* touched("mobileAppContentFile", step.fileId, false)
              return Option.none()
            })
          case "CommitContentVersion":
            return Effect.as(commitContentVersion(graph, step.appId, step.contentVersionId), Option.none())
          case "WaitForPublishing":
            return Effect.as(
              pollGraph({
                operation: "wait for publishing",
                what: `Publishing app ${step.appId}`,
                read: Effect.flatMap(
                  getApp(graph, step.appId),
                  (app): Effect.Effect<MobileApp, PlaneError> =>
                    Option.isSome(app)
                      ? Effect.succeed(app.value)
                      : permanent(
                          operation,
                          "AppVanished",
                          `App ${step.appId} was deleted while it was being published.`
                        )
                ),
                verdict: (app: MobileApp) =>
                  app.publishingState === "published" ? { _tag: "Done" } : { _tag: "Pending" },
                settings: poll
              }),
              Option.none()
            )
        }
      }

      // One round: observe, plan, act. Transient failures retry the round, which observes afresh; a
      // poll that ran out of time is not retried, since pollTimeoutSeconds is the caller's bound.
      const round = Http.retryWith(runtime.retry)(
        Effect.gen(function* () {
          const app = yield* lookUp
          const observed = Option.isSome(app) ? yield* observeApp(graph, app.value) : undefined
          const step = planPublishStep(observed)
          yield* Effect.logDebug("publish step").pipe(Effect.annotateLogs({ step: step._tag, key }))
          return yield* take(step)
        }).pipe(Effect.catchIf(isPollTimeout, (error) => Effect.fail(new OutOfTime({ error }))))
      ).pipe(Effect.catchTag("OutOfTime", ({ error }) => Effect.fail(error)))

      for (let i = 0; i < maxSteps; i++) {
        const done = yield* round
        if (Option.isSome(done)) {
          const appId = done.value
          yield* touched("win32LobApp", appId, false, displayName)
          const all = [...(yield* Ref.get(objects)).values()]
          return {
            plane: "intune" as const,
            key,
            correlationId: yield* Correlation.current,
            created: all.some((o) => o.kind === "win32LobApp" && o.id === appId && o.created),
            objects: all,
            packageId: appId,
            version: intent.version
          }
        }
      }
      return yield* permanent(
        operation,
        "PublishDidNotConverge",
        `Publishing ${displayName} took more than ${maxSteps} steps without Graph reaching 'published'; inspect the app in Intune.`
      )
    })
  )

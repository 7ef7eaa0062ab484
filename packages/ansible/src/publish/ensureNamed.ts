import { findOrCreate, type PlaneError, RetryPolicy } from "@planes/core"
import { Effect, type Option } from "effect"
import { isDuplicateName } from "../awx/errorProfile.js"
import type { AnsibleRuntime } from "../runtime.js"

/** An object the connector made sure of, and whether this call created it. */
export interface Ensured<A> {
  readonly value: A
  readonly created: boolean
}

/**
 * Core's find-or-create for AWX objects whose name is unique per organization (projects, job templates),
 * under the runtime's retry policy; AWX's duplicate-name 400 (another caller made it meanwhile) resolves
 * to the existing object. An object found after an ambiguous create counts as created by this call,
 * since that is almost always what happened.
 */
export const ensureNamed = <A>(
  runtime: AnsibleRuntime,
  options: {
    readonly find: Effect.Effect<Option.Option<A>, PlaneError>
    readonly create: Effect.Effect<A, PlaneError>
  }
): Effect.Effect<Ensured<A>, PlaneError> =>
  findOrCreate({ ...options, onConflict: { isConflict: isDuplicateName } }).pipe(
    Effect.map((found) => ({ value: found.value, created: found.created || found.recovered })),
    Effect.provideService(RetryPolicy, runtime.retry)
  )

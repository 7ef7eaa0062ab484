import { Schema } from "effect"

const opt = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })
const Rate = Schema.Number.pipe(Schema.between(0, 1))

/** An app registration as the admin API and the factory take it. */
export const ClientRegistration = Schema.Struct({
  /** Tenant the app is registered in (default: the simulator's default tenant). */
  tenant: opt(Schema.String.pipe(Schema.minLength(1))),
  clientId: Schema.String.pipe(Schema.minLength(1)),
  secret: opt(Schema.String.pipe(Schema.minLength(1))),
  secrets: opt(Schema.Array(Schema.String.pipe(Schema.minLength(1)))),
  /** PEM X.509 certificate whose key signs client assertions. */
  certificatePem: opt(Schema.String),
  certificates: opt(Schema.Array(Schema.String)),
  /** Granted application roles (default: every role the simulator knows). */
  roles: opt(Schema.Array(Schema.String))
})
/** An app registration as the admin API and the factory take it. */
export type ClientRegistration = typeof ClientRegistration.Type

/** `POST /_sim/graph/tokens`: mint a token directly (provider states, tests). */
export const MintToken = Schema.Struct({
  tenant: opt(Schema.String),
  clientId: opt(Schema.String),
  roles: opt(Schema.Array(Schema.String)),
  lifetimeSeconds: opt(Schema.Int.pipe(Schema.greaterThanOrEqualTo(1)))
})

/** `POST /_sim/graph/tokens/expire`: expire every token matching (all when empty). */
export const ExpireTokens = Schema.Struct({ tenant: opt(Schema.String), clientId: opt(Schema.String) })

/** `POST /_sim/graph/fleet`: (re)generate a tenant's fleet. */
export const SeedFleet = Schema.Struct({
  tenant: opt(Schema.String),
  count: Schema.Int.pipe(Schema.between(0, 500_000)),
  seed: opt(Schema.Union(Schema.Int.pipe(Schema.nonNegative()), Schema.String)),
  staleRate: opt(Rate)
})
/** `POST /_sim/graph/fleet` body. */
export type SeedFleet = typeof SeedFleet.Type

/** `POST /_sim/graph/groups`: a group with device members. */
export const CreateGroup = Schema.Struct({
  tenant: opt(Schema.String),
  id: opt(Schema.String.pipe(Schema.minLength(1))),
  displayName: Schema.String,
  /** Device ids (managedDevice `id`). */
  members: opt(Schema.Array(Schema.String))
})

/** `PUT /_sim/graph/groups/:id/members`: replace a group's members. */
export const SetMembers = Schema.Struct({ tenant: opt(Schema.String), members: Schema.Array(Schema.String) })

/** `PUT /_sim/graph/throttle`: Intune limits on or off, window scale, Retry-After behaviour. */
export const GraphThrottlePatch = Schema.Struct({
  enabled: opt(Schema.Boolean),
  windowScale: opt(Schema.Number.pipe(Schema.greaterThan(0))),
  retryAfterOmitProbability: opt(Rate),
  fractionalRetryAfter: opt(Schema.Boolean),
  punishEarlyRetries: opt(Schema.Boolean)
})
/** Throttle options of the factory and `PUT /_sim/graph/throttle`. */
export type GraphThrottlePatch = typeof GraphThrottlePatch.Type

/** `POST /_sim/graph/apps`: put an app straight into a tenant (provider states), published or not. */
export const SeedApp = Schema.Struct({
  tenant: opt(Schema.String),
  /** A win32LobApp body as beta takes it (validated like `POST mobileApps`). */
  app: Schema.Unknown,
  /** Published with a committed content version "1" (default true). */
  published: opt(Schema.Boolean),
  /** Listed at once, skipping the consistency delay (default true). */
  listed: opt(Schema.Boolean)
})

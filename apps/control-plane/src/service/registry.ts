import type { HttpClient } from "@effect/platform"
import { AnsibleConfig, AnsiblePlane } from "@planes/ansible"
import type { Http, SecretStore } from "@planes/core"
import { type ExecutionPlane, issuesOf, type PlaneError, type PlaneId } from "@planes/core"
import { IntuneConfig, IntunePlane } from "@planes/intune"
import { JamfConfig, JamfPlane } from "@planes/jamf"
import { LandscapeConfig, LandscapePlane } from "@planes/landscape"
import { SccmConfig, SccmPlane, SccmTransport } from "@planes/sccm"
import { Effect, Either, Layer, Schema, type Scope } from "effect"

/** What every adapter needs from the app: a transport, a retry policy and a secret store. */
export type PlaneRequirements = HttpClient.HttpClient | Http.RetryPolicy | SecretStore

/** One credential a target uses, for the separation-of-duties check at start-up. */
export interface CredentialUse {
  readonly role: string
  readonly ref: string
}

/** A plane's settings, checked: the connector factory and the credentials it will use. */
export interface CheckedTarget {
  readonly make: Effect.Effect<ExecutionPlane, PlaneError, PlaneRequirements | Scope.Scope>
  readonly credentials: ReadonlyArray<CredentialUse>
  /** A URL of the plane's API that answers without credentials, for readiness (any HTTP answer is up). */
  readonly probeUrl: string
}

/** How the app builds one kind of plane: check its settings, then build the connector. */
export interface PlaneKind {
  readonly check: (settings: unknown) => Either.Either<CheckedTarget, ReadonlyArray<string>>
}

const reference = /^(env|file|vault):./

/**
 * Every secret reference in decoded settings, named by its path (`credential.secret`). Read from the data
 * rather than listed per plane, so a connector's new credential field is checked without a change here.
 * `otherConnectors` (SCCM's list of the other connectors' references) names credentials that are not its own.
 */
export const credentialRefs = (settings: unknown, path = ""): ReadonlyArray<CredentialUse> => {
  if (typeof settings === "string") return reference.test(settings) ? [{ role: path, ref: settings }] : []
  if (Array.isArray(settings)) return settings.flatMap((v, i) => credentialRefs(v, `${path}[${i}]`))
  if (typeof settings !== "object" || settings === null) return []
  return Object.entries(settings).flatMap(([k, v]) =>
    k === "otherConnectors" ? [] : credentialRefs(v, path === "" ? k : `${path}.${k}`)
  )
}

/** A registry entry from the plane's settings schema, its connector factory, and where it answers. */
export const planeKind = <A, I>(
  schema: Schema.Schema<A, I>,
  make: (settings: A) => Effect.Effect<ExecutionPlane, PlaneError, PlaneRequirements | Scope.Scope>,
  probeUrl: (settings: A) => string
): PlaneKind => ({
  check: (settings) =>
    Either.match(Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "error" })(settings), {
      onLeft: (error) => Either.left(issuesOf(error).map((i) => `${i.path}: ${i.message}`)),
      onRight: (decoded) =>
        Either.right({
          make: make(decoded),
          credentials: credentialRefs(decoded),
          probeUrl: probeUrl(decoded)
        })
    })
})

/**
 * SCCM over a transport of its own when its auth is bound to the connection (NTLM, Kerberos): those
 * handshakes authenticate one TCP connection, which the app's pooled transport would scatter. The
 * transport lives in the connector's scope and closes with it. The bearer route shares the app's.
 */
const makeSccm = (settings: SccmConfig) =>
  settings.auth._tag === "bearer"
    ? SccmPlane.make(settings)
    : Effect.gen(function* () {
        const transport = yield* Layer.buildWithScope(SccmTransport.layer, yield* Effect.scope)
        return yield* Effect.provide(SccmPlane.make(settings), transport)
      })

/** The planes this app can drive. Adding a plane is one entry: its settings schema, `make`, and a probe URL. */
export const planeKinds: Partial<Record<PlaneId, PlaneKind>> = {
  intune: planeKind(IntuneConfig, IntunePlane.make, (c) => c.graphUrl),
  jamf: planeKind(JamfConfig, JamfPlane.make, (c) => c.baseUrl),
  sccm: planeKind(SccmConfig, makeSccm, (c) => c.baseUrl),
  landscape: planeKind(LandscapeConfig, LandscapePlane.make, (c) => c.url),
  ansible: planeKind(AnsibleConfig, AnsiblePlane.make, (c) => c.url)
}

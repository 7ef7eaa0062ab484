import { checkSeparationOfDuties, type ExecutionPlane, type PlaneError, type PlaneId } from "@planes/core"
import { Context, Effect, Layer } from "effect"
import type { Target } from "../config/loadConfig.js"
import { annotateConnector, forTarget } from "./annotateTarget.js"
import type { PlaneRequirements } from "./registry.js"

/** One enabled plane connection with its connector. */
export interface ConnectedTarget {
  readonly name: string
  readonly plane: PlaneId
  readonly connector: ExecutionPlane
  /** Where readiness checks that the plane answers. */
  readonly probeUrl: string
  /** The credential references the connector uses, for readiness. */
  readonly credentials: ReadonlyArray<string>
}

/** The enabled plane connections, by name, in configuration order. */
export class Targets extends Context.Tag("@planes/control-plane/Targets")<
  Targets,
  ReadonlyArray<ConnectedTarget>
>() {
  /**
   * Connects every configured target, after checking that no two targets share a credential (each
   * connector runs as its own principal; a shared one is a PolicyError at start-up).
   */
  static readonly layer = (
    targets: ReadonlyArray<Target>
  ): Layer.Layer<Targets, PlaneError, PlaneRequirements> =>
    // Scoped: some connectors hold resources (background token renewal) released when the app stops.
    Layer.scoped(
      Targets,
      Effect.gen(function* () {
        yield* checkSeparationOfDuties(
          targets.flatMap((t) => t.credentials.map((c) => ({ connector: t.name, role: c.role, ref: c.ref })))
        )
        return yield* Effect.forEach(targets, (t) =>
          // Built under the annotation too: fibers a connector forks (token renewal) keep naming it.
          Effect.map(forTarget(t.name)(t.make), (connector) => ({
            name: t.name,
            plane: t.plane,
            connector: annotateConnector(t.name, connector),
            probeUrl: t.probeUrl,
            credentials: t.credentials.map((c) => c.ref)
          }))
        )
      })
    )

  /** Fixed connectors (tests). */
  static readonly fromConnectors = (targets: ReadonlyArray<ConnectedTarget>) =>
    Layer.succeed(Targets, targets)
}

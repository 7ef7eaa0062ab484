import { type Fetchable, silentLogger } from "@planes/sim-kit"
import { Schema } from "effect"

/** Which simulator a host process serves, and how (plain JSON: it crosses a process boundary). */
export const HostRequest = Schema.Union(
  Schema.Struct({
    kind: Schema.Literal("graph"),
    seed: Schema.Number,
    tenant: Schema.String,
    clientId: Schema.String,
    secret: Schema.String,
    fleetSize: Schema.Number,
    /** Intune's limits with the window multiplied by this; no throttling when absent. */
    windowScale: Schema.optionalWith(Schema.Number, { exact: true })
  }),
  Schema.Struct({ kind: Schema.Literal("jamf"), seed: Schema.Number }),
  Schema.Struct({
    kind: Schema.Literal("awx"),
    seed: Schema.Number,
    password: Schema.String,
    fleetSize: Schema.Number
  }),
  Schema.Struct({ kind: Schema.Literal("sccm"), seed: Schema.Number, devices: Schema.Number }),
  Schema.Struct({
    kind: Schema.Literal("landscape"),
    seed: Schema.Number,
    email: Schema.String,
    password: Schema.String,
    fleetSize: Schema.Number
  })
)
/** Which simulator a host process serves, and how. */
export type HostRequest = typeof HostRequest.Type

/**
 * Builds the simulator a host request names (imported on demand: a host loads only its own simulator);
 * admin seeding happens afterwards over HTTP.
 */
export const buildSimulator = async (request: HostRequest): Promise<Fetchable> => {
  switch (request.kind) {
    case "graph": {
      const { createGraphSimulator } = await import("@planes/sim-graph")
      return createGraphSimulator({
        seed: request.seed,
        log: silentLogger,
        defaultTenant: request.tenant,
        clients: [{ clientId: request.clientId, secret: request.secret }],
        journalCapacity: 200_000,
        // Every asynchronous Intune step immediate: a run measures the client and the limit.
        settings: {
          listConsistencyDelayMs: 0,
          sasDelayMs: 0,
          renewDelayMs: 0,
          commitDelayMs: 0,
          publishDelayMs: 0,
          installMinDelayMs: 0,
          installMaxDelayMs: 0,
          installFailureRate: 0.1
        },
        fleet: { size: request.fleetSize },
        // Fractional Retry-After, as Graph sends it, keeps its meaning in a time-compressed window.
        throttle:
          request.windowScale === undefined
            ? { enabled: false }
            : { enabled: true, windowScale: request.windowScale, fractionalRetryAfter: true }
      }).app
    }
    case "jamf": {
      const { createJamfSimulator } = await import("@planes/sim-jamf")
      return createJamfSimulator({ seed: request.seed, log: silentLogger, clock: { frozen: true } }).app
    }
    case "awx": {
      const { createAwxSimulator } = await import("@planes/sim-awx")
      return createAwxSimulator({
        seed: request.seed,
        log: silentLogger,
        clock: { frozen: true },
        admin: { username: "admin", password: request.password },
        fleetSize: request.fleetSize,
        settings: { lifecycle: { projectUpdateMs: 0 } }
      }).app
    }
    case "sccm": {
      const { createSccmSimulator } = await import("@planes/sim-sccm")
      return createSccmSimulator({
        seed: request.seed,
        log: silentLogger,
        clock: { frozen: true },
        devices: request.devices
      }).app
    }
    case "landscape": {
      const { createLandscapeSimulator } = await import("@planes/sim-landscape")
      return createLandscapeSimulator({
        seed: request.seed,
        log: silentLogger,
        clock: { frozen: true },
        fleetSize: request.fleetSize,
        users: [{ email: request.email, name: "Bench", password: request.password, accounts: ["standalone"] }]
      }).app
    }
  }
}

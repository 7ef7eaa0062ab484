import { Context, Duration, Effect } from "effect"

/**
 * How long a running operation stays its process's own without a heartbeat. A running operation
 * touches its record every third of this; one untouched for longer was left by a process that died,
 * and any instance sharing the store may resume it.
 */
export class OperationLease extends Context.Tag("@planes/control-plane/OperationLease")<
  OperationLease,
  Duration.Duration
>() {
  /** The lease when none is configured: 30 seconds. */
  static readonly default = Duration.seconds(30)

  /** The configured lease, or the default. */
  static readonly current = Effect.map(Effect.serviceOption(OperationLease), (lease) =>
    lease._tag === "Some" ? lease.value : OperationLease.default
  )
}

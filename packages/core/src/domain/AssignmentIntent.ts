import { Schema } from "effect"
import { PlaneHints } from "./PackageIntent.js"
import { Instant, Text, Version } from "./primitives.js"

/** A printable idempotency key, as `intentKey` makes them. */
export const IntentKey = Schema.String.pipe(
  Schema.pattern(/^pl1-[a-z2-7]{20}$/, {
    message: () => "must be a planes intent key such as pl1-abcdefghij2345672345"
  })
).annotations({ identifier: "IntentKey" })
/** A printable idempotency key. */
export type IntentKey = typeof IntentKey.Type

/** The published package an assignment deploys: the key its publish wrote into the plane, and what it is. */
export const PackageRef = Schema.Struct({
  key: IntentKey,
  name: Text(256),
  version: Version
}).annotations({ identifier: "PackageRef" })
/** The published package an assignment deploys. */
export type PackageRef = typeof PackageRef.Type

/** Who gets the package. Each plane supports the kinds its object model has, and refuses the others. */
export const Target = Schema.Union(
  // An existing group: an Entra group id, a Jamf group, an SCCM collection.
  Schema.TaggedStruct("group", { id: Text(256) }),
  // Named devices: static group members, direct membership rules, an inventory limit.
  Schema.TaggedStruct("devices", { deviceIds: Schema.NonEmptyArray(Text(256)) }),
  // A membership query in the plane's own language: Jamf smart-group criteria, SCCM WQL, a Landscape query.
  Schema.TaggedStruct("query", { query: Text(8192) }),
  Schema.TaggedStruct("savedSearch", { name: Text(256) }),
  Schema.TaggedStruct("tag", { tag: Text(256) }),
  // An AWX inventory, optionally narrowed with an Ansible host pattern.
  Schema.TaggedStruct("inventory", { inventory: Text(256), limit: Schema.optional(Text(1024)) })
).annotations({ identifier: "Target" })
/** Who gets the package. */
export type Target = typeof Target.Type

/** What the assignment asks of the targeted devices. */
export const InstallIntent = Schema.Literal("available", "required", "uninstall").annotations({
  identifier: "InstallIntent"
})
/** What the assignment asks of the targeted devices. */
export type InstallIntent = typeof InstallIntent.Type

/** When the assignment may start, and by when it must be done. */
export const Schedule = Schema.Struct({
  start: Schema.optional(Instant),
  deadline: Schema.optional(Instant),
  // Spreads delivery over a window (Landscape's deliver_delay_window), in minutes.
  spreadMinutes: Schema.optional(Schema.Int.pipe(Schema.between(0, 10_080)))
})
  .pipe(
    Schema.filter((s) =>
      s.start !== undefined && s.deadline !== undefined && s.deadline < s.start
        ? { path: ["deadline"], message: "must not be before start" }
        : undefined
    )
  )
  .annotations({ identifier: "Schedule" })
/** When the assignment may start, and by when it must be done. */
export type Schedule = typeof Schedule.Type

/** A package to deploy to a target: plane-neutral, and the source of its idempotency key. */
export const AssignmentIntent = Schema.Struct({
  package: PackageRef,
  target: Target,
  intent: InstallIntent,
  schedule: Schema.optional(Schedule),
  hints: Schema.optional(PlaneHints)
}).annotations({ identifier: "AssignmentIntent" })
/** A decoded assignment intent. */
export type AssignmentIntent = typeof AssignmentIntent.Type
/** An assignment intent as JSON, before decoding. */
export type AssignmentIntentInput = typeof AssignmentIntent.Encoded

import { Schema } from "effect"

// Classic API documents as the XML parser leaves them: every leaf is text, repeated items are arrays,
// and an element with nothing in it (`<policy_logs/>`) is the empty string.

/** An integer element (`<id>17</id>`; `-1` means none). */
export const XmlInt = Schema.compose(
  Schema.String.pipe(Schema.pattern(/^\s*-?\d+\s*$/)),
  Schema.NumberFromString
)

/** A boolean element (`true`/`false`, any case). */
export const XmlBoolean = Schema.transform(
  Schema.String.pipe(Schema.pattern(/^(true|false)$/i)),
  Schema.Boolean,
  {
    strict: true,
    decode: (s) => s.toLowerCase() === "true",
    encode: (b) => String(b)
  }
)

/** A container element whose content may be empty (`<computers/>` reads as its fields all absent). */
export const container = <F extends Schema.Struct.Fields>(fields: F) =>
  Schema.Union(
    Schema.transform(Schema.Literal(""), Schema.Struct(fields), {
      strict: false,
      decode: () => ({}),
      encode: () => ""
    }),
    Schema.Struct(fields)
  )

/** `<policy><id>N</id></policy>` (or `<computer_group>…`): the answer to a Classic create or update. */
export const ClassicId = Schema.Struct({ id: XmlInt })
/** The answer to a Classic create or update. */
export type ClassicId = typeof ClassicId.Type

const ComputerRef = Schema.Struct({ id: XmlInt, name: Schema.optional(Schema.String) })

/** `GET /JSSResource/computergroups/{id|name}/…`: the group and its current members. */
export const ClassicComputerGroup = Schema.Struct({
  id: XmlInt,
  name: Schema.String,
  is_smart: Schema.optional(XmlBoolean),
  computers: Schema.optional(container({ computer: Schema.optional(Schema.Array(ComputerRef)) }))
})
/** A Classic computer group. */
export type ClassicComputerGroup = typeof ClassicComputerGroup.Type

const PolicyPackage = Schema.Struct({
  id: XmlInt,
  name: Schema.optional(Schema.String),
  action: Schema.optional(Schema.String)
})

const GroupRef = Schema.Struct({ id: XmlInt, name: Schema.optional(Schema.String) })

/** `GET /JSSResource/policies/{id|name}/…`: the parts of a policy the connector reads back. */
export const ClassicPolicy = Schema.Struct({
  general: Schema.Struct({ id: XmlInt, name: Schema.String }),
  scope: Schema.optional(
    container({
      computer_groups: Schema.optional(container({ computer_group: Schema.optional(Schema.Array(GroupRef)) }))
    })
  ),
  package_configuration: Schema.optional(
    container({
      packages: Schema.optional(container({ package: Schema.optional(Schema.Array(PolicyPackage)) }))
    })
  )
})
/** A Classic policy, as far as the connector reads it. */
export type ClassicPolicy = typeof ClassicPolicy.Type

/** One policy run on one computer (`computerhistory/…/subset/PolicyLogs`). */
export const PolicyLog = Schema.Struct({
  policy_id: XmlInt,
  policy_name: Schema.optional(Schema.String),
  date_time_epoch: Schema.optional(XmlInt),
  date_time_utc: Schema.optional(Schema.String),
  status: Schema.String
})
/** One policy run on one computer. */
export type PolicyLog = typeof PolicyLog.Type

/** `GET /JSSResource/computerhistory/id/{id}/subset/PolicyLogs`. */
export const ComputerHistory = Schema.Struct({
  policy_logs: Schema.optional(container({ policy_log: Schema.optional(Schema.Array(PolicyLog)) }))
})
/** A computer's policy history. */
export type ComputerHistory = typeof ComputerHistory.Type

/** The packages a policy installs or caches, in order. */
export const packagesOf = (policy: ClassicPolicy) => policy.package_configuration?.packages?.package ?? []

/** The groups a policy is scoped to. */
export const scopedGroupsOf = (policy: ClassicPolicy) => policy.scope?.computer_groups?.computer_group ?? []

/** The members of a group, in Jamf's order. */
export const membersOf = (group: ClassicComputerGroup) => group.computers?.computer ?? []

/** A computer's policy logs, newest first as Jamf lists them. */
export const policyLogsOf = (history: ComputerHistory) => history.policy_logs?.policy_log ?? []

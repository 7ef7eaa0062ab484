import { Schema } from "effect"
import { InstallIntent } from "../apps/appState.js"

const opt = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })
const anyFields = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/** Assignment target types the simulator knows, without namespace. */
export const targetKinds = [
  "groupAssignmentTarget",
  "exclusionGroupAssignmentTarget",
  "allDevicesAssignmentTarget",
  "allLicensedUsersAssignmentTarget"
] as const

const TargetType = Schema.String.pipe(
  Schema.pattern(
    /^#?microsoft\.graph\.(groupAssignmentTarget|exclusionGroupAssignmentTarget|allDevicesAssignmentTarget|allLicensedUsersAssignmentTarget)$/,
    { message: () => `expected one of ${targetKinds.map((k) => `#microsoft.graph.${k}`).join(", ")}` }
  )
)

const targetV10 = { "@odata.type": TargetType, groupId: opt(Schema.NullOr(Schema.String)) }
const targetBeta = {
  ...targetV10,
  deviceAndAppManagementAssignmentFilterId: opt(Schema.NullOr(Schema.String)),
  deviceAndAppManagementAssignmentFilterType: opt(Schema.NullOr(Schema.Literal("none", "include", "exclude")))
}

const assignmentFields = {
  "@odata.type": opt(
    Schema.Literal("#microsoft.graph.mobileAppAssignment", "microsoft.graph.mobileAppAssignment")
  ),
  id: opt(Schema.NullOr(Schema.String)),
  intent: InstallIntent,
  settings: opt(Schema.NullOr(Schema.Struct({ "@odata.type": opt(Schema.String) }, anyFields)))
}

/** A mobileAppAssignment as v1.0 takes it: no assignment filter (the target type has no properties for it). */
export const AssignmentV10 = Schema.Struct({ ...assignmentFields, target: Schema.Struct(targetV10) })

/** A mobileAppAssignment as beta takes it: filter on the target, `source`/`sourceId`. */
export const AssignmentBeta = Schema.Struct({
  ...assignmentFields,
  target: Schema.Struct(targetBeta),
  source: opt(Schema.Literal("direct", "policySets")),
  sourceId: opt(Schema.NullOr(Schema.String))
})
/** A decoded assignment of either version. */
export type AssignmentBody = typeof AssignmentBeta.Type

/** PATCH of an assignment: any subset of the fields (v1.0). */
export const AssignmentPatchV10 = Schema.partialWith(AssignmentV10, { exact: true })
/** PATCH of an assignment: any subset of the fields (beta). */
export const AssignmentPatchBeta = Schema.partialWith(AssignmentBeta, { exact: true })
/** A decoded assignment PATCH. */
export type AssignmentPatch = typeof AssignmentPatchBeta.Type

/** Body of `POST …/assign` on v1.0. */
export const AssignV10 = Schema.Struct({ mobileAppAssignments: Schema.Array(AssignmentV10) })
/** Body of `POST …/assign` on beta. */
export const AssignBeta = Schema.Struct({ mobileAppAssignments: Schema.Array(AssignmentBeta) })

/** One relationship of `updateRelationships` (beta); read-only fields of the docs sample pass through. */
export const RelationshipBody = Schema.Struct(
  {
    "@odata.type": Schema.Literal(
      "#microsoft.graph.mobileAppSupersedence",
      "#microsoft.graph.mobileAppDependency",
      "#microsoft.graph.mobileAppRelationship",
      "microsoft.graph.mobileAppSupersedence",
      "microsoft.graph.mobileAppDependency",
      "microsoft.graph.mobileAppRelationship"
    ),
    targetId: Schema.String,
    supersedenceType: opt(Schema.Literal("update", "replace")),
    dependencyType: opt(Schema.Literal("detect", "autoInstall"))
  },
  anyFields
)

/** Body of `POST …/updateRelationships` (beta). */
export const UpdateRelationshipsBody = Schema.Struct({ relationships: Schema.Array(RelationshipBody) })

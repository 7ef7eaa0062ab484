import { AssignmentIntent, decodeInput, IntendedState, PackageIntent } from "@planes/core"
import { Schema } from "effect"
import { TargetName } from "../config/AppConfig.js"

// Omitted targets mean every target the operation applies to.
const targets = Schema.optional(
  Schema.NonEmptyArray(TargetName).annotations({ description: "Target names; default: all enabled targets" })
)

/** Publish one package to several planes. */
export const PublishRequest = Schema.Struct({ package: PackageIntent, targets }).annotations({
  identifier: "PublishRequest"
})
/** Assign a published package on several planes. */
export const AssignRequest = Schema.Struct({ assignment: AssignmentIntent, targets }).annotations({
  identifier: "AssignRequest"
})
/** Bring an assignment's devices to the intended state. */
export const RemediateRequest = Schema.Struct({ intended: IntendedState, targets }).annotations({
  identifier: "RemediateRequest"
})
/** Move an assignment to another version of its package. */
export const RollbackRequest = Schema.Struct({ version: Schema.NonEmptyTrimmedString, targets }).annotations({
  identifier: "RollbackRequest"
})
/** Create an API key. */
export const CreateKeyRequest = Schema.Struct({
  name: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(100)),
  role: Schema.Literal("viewer", "operator", "admin")
}).annotations({ identifier: "CreateKeyRequest" })

/** Decoders that name every offending path in one PermanentError. */
export const decodePublish = decodeInput(PublishRequest, "publish request")
export const decodeAssign = decodeInput(AssignRequest, "assignment request")
export const decodeRemediate = decodeInput(RemediateRequest, "remediation request")
export const decodeRollback = decodeInput(RollbackRequest, "rollback request")
export const decodeCreateKey = decodeInput(CreateKeyRequest, "key request")

import { Schema } from "effect"

/** The five execution planes planes can drive. */
export const PlaneIds = ["intune", "jamf", "sccm", "landscape", "ansible"] as const

/** One execution plane, by its short stable name. */
export const PlaneId = Schema.Literal(...PlaneIds).annotations({
  identifier: "PlaneId",
  description: "An execution plane: intune, jamf, sccm, landscape or ansible"
})

/** One execution plane, by its short stable name. */
export type PlaneId = typeof PlaneId.Type

/**
 * Where an error came from: a plane, or one of the shared components that act for planes
 * (the secret store and Vault, the control plane itself).
 */
export const ErrorSource = Schema.Literal(
  ...PlaneIds,
  "vault",
  "secrets",
  "core",
  "control-plane"
).annotations({
  identifier: "ErrorSource"
})

/** Where an error came from. */
export type ErrorSource = typeof ErrorSource.Type

/** The two Graph versions the simulator serves. */
export type ApiVersion = "v1.0" | "beta"

/** Both versions, in mount order. */
export const apiVersions: readonly ApiVersion[] = ["v1.0", "beta"]

/** The two Graph versions; v1.0 where it suffices, beta where a feature exists only there. */
export type GraphApiVersion = "v1.0" | "beta"

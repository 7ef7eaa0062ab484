// The stored state's schemas, one file per area; re-exported here for the rest of the simulator.
export * from "./account-schemas.js"
export * from "./activity-schemas.js"
export * from "./fleet-schemas.js"
export * from "./repository-schemas.js"

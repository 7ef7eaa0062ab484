import type { ThrottleRule } from "@planes/sim-kit"

const WRITES = ["POST", "PUT", "PATCH", "DELETE"]
const WINDOW_MS = 20_000

/** Intune's documented limits per 20 s (facts §10): writes and any verb, per tenant and per app per tenant. */
const areas: ReadonlyArray<{
  readonly name: string
  readonly path: string
  readonly writesTenant: number
  readonly writesApp: number
  readonly anyTenant: number
  readonly anyApp: number
}> = [
  {
    name: "apps",
    path: "/*/deviceAppManagement/**",
    writesTenant: 200,
    writesApp: 100,
    anyTenant: 2000,
    anyApp: 1000
  },
  {
    name: "devices",
    path: "/*/deviceManagement/managedDevices/**",
    writesTenant: 400,
    writesApp: 200,
    anyTenant: 4000,
    anyApp: 2000
  },
  // Which bucket the report actions fall in is not documented; the reporting row of the table is used.
  {
    name: "reports",
    path: "/*/deviceManagement/reports/**",
    writesTenant: 200,
    writesApp: 100,
    anyTenant: 2000,
    anyApp: 1000
  }
]

/**
 * The kit throttle rules for Intune's limits. `windowScale` multiplies the 20 s window (0.01 turns it
 * into 200 ms, so benchmarks compress time); "per app" is the kit's `tenant-client` scope, the client
 * being the token's application.
 */
export const intuneThrottleRules = (windowScale = 1): ThrottleRule[] => {
  const windowMs = Math.max(1, Math.round(WINDOW_MS * windowScale))
  return areas.flatMap((a) => [
    {
      name: `${a.name}-writes-tenant`,
      methods: WRITES,
      path: a.path,
      scope: "tenant" as const,
      limit: a.writesTenant,
      windowMs
    },
    {
      name: `${a.name}-writes-app`,
      methods: WRITES,
      path: a.path,
      scope: "tenant-client" as const,
      limit: a.writesApp,
      windowMs
    },
    { name: `${a.name}-any-tenant`, path: a.path, scope: "tenant" as const, limit: a.anyTenant, windowMs },
    { name: `${a.name}-any-app`, path: a.path, scope: "tenant-client" as const, limit: a.anyApp, windowMs }
  ])
}

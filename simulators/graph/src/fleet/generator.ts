import { Prng } from "@planes/sim-kit"
import type { DeviceRecord, FleetState, GroupRecord } from "./fleetState.js"

/** How to generate a fleet. */
export interface FleetSpec {
  readonly seed: number
  readonly count: number
  /** Simulated instant of generation: enrolment and last check-ins lie before it. */
  readonly nowMs: number
  /** Share of devices that are offline (stale: they never check in again). */
  readonly staleRate?: number
}

const firstNames = [
  "alex",
  "sam",
  "jo",
  "kim",
  "lee",
  "max",
  "ana",
  "eva",
  "li",
  "noa",
  "ravi",
  "mia",
  "tom",
  "zoe"
]
const lastNames = [
  "smith",
  "garcia",
  "chen",
  "muller",
  "rossi",
  "novak",
  "silva",
  "kowalski",
  "tanaka",
  "olsen"
]
const osVersions = ["10.0.19045.4651", "10.0.22621.3880", "10.0.22631.4037", "10.0.26100.1742"]
const models: ReadonlyArray<readonly [string, string]> = [
  ["Dell Inc.", "Latitude 7440"],
  ["LENOVO", "ThinkPad T14 Gen 4"],
  ["HP", "EliteBook 840 G10"],
  ["Microsoft Corporation", "Surface Laptop 5"]
]

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"))

// Eight hex digits from one draw; a table beats Prng.hex's string building at 100,000-device scale.
const word = (rng: Prng): string => {
  const n = Math.floor(rng.next() * 0x1_0000_0000)
  return `${HEX[n >>> 24]}${HEX[(n >>> 16) & 255]}${HEX[(n >>> 8) & 255]}${HEX[n & 255]}`
}

/** A v4-shaped GUID from four draws of the fleet stream. */
const guid = (rng: Prng): string => {
  const [a, b, c, d] = [word(rng), word(rng), word(rng), word(rng)]
  const variant = ((Number.parseInt(c.charAt(0), 16) & 0x3) | 0x8).toString(16)
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

const makeDevice = (rng: Prng, index: number, spec: FleetSpec): DeviceRecord => {
  const first = rng.pick(firstNames)
  const last = rng.pick(lastNames)
  const online = !rng.chance(spec.staleRate ?? 0)
  const [manufacturer, model] = rng.pick(models)
  const checkInIntervalMs = 8 * HOUR + rng.int(-HOUR, HOUR)
  // Online devices checked in within their interval; stale ones went quiet days to weeks ago.
  const baseSyncAtMs = online
    ? spec.nowMs - rng.int(0, checkInIntervalMs)
    : spec.nowMs - rng.int(3 * DAY, 30 * DAY)
  return {
    id: guid(rng),
    deviceName: `${rng.pick(["DESKTOP", "LAPTOP", "WKS"])}-${word(rng).slice(1).toUpperCase()}`,
    azureADDeviceId: guid(rng),
    userPrincipalName: `${first}.${last}${index}@contoso.onmicrosoft.com`,
    userId: guid(rng),
    userDisplayName: `${first[0]?.toUpperCase() ?? ""}${first.slice(1)} ${last[0]?.toUpperCase() ?? ""}${last.slice(1)}`,
    osVersion: rng.pick(osVersions),
    serialNumber: `${word(rng)}${word(rng).slice(6)}`.toUpperCase(),
    model,
    manufacturer,
    enrolledAtMs: baseSyncAtMs - rng.int(DAY, 400 * DAY),
    baseSyncAtMs,
    checkInIntervalMs,
    online
  }
}

/**
 * Generates a reproducible fleet of managed Windows devices plus three seeded groups: all devices,
 * a pilot ring (every 20th device) and a first ring (every 4th device). Same spec, same fleet.
 */
export const generateFleet = (spec: FleetSpec): FleetState => {
  const rng = new Prng(spec.seed)
  const devices: DeviceRecord[] = []
  for (let i = 0; i < spec.count; i++) devices.push(makeDevice(rng, i, spec))
  const ids = devices.map((d) => d.id)
  const group = (displayName: string, members: readonly string[]): GroupRecord => ({
    id: guid(rng),
    displayName,
    members
  })
  const groups = [
    group("All Windows devices", ids),
    group(
      "Pilot ring",
      ids.filter((_, i) => i % 20 === 0)
    ),
    group(
      "Ring 1",
      ids.filter((_, i) => i % 4 === 0)
    )
  ]
  return {
    seed: spec.seed,
    version: 0,
    devices,
    groups: Object.fromEntries(groups.map((g) => [g.id, g])),
    syncs: {}
  }
}

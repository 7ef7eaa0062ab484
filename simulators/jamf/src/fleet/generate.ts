import type { Prng } from "@planes/sim-kit"
import type { Application, Computer } from "./model.js"

const FIRST_NAMES = [
  "Ada",
  "Grace",
  "Linus",
  "Margaret",
  "Alan",
  "Barbara",
  "Ken",
  "Radia",
  "Dennis",
  "Frances"
]
const MODELS: ReadonlyArray<readonly [string, string]> = [
  ["MacBook Pro (14-inch, 2023)", "Mac14,9"],
  ["MacBook Air (M2, 2022)", "Mac14,2"],
  ["iMac (24-inch, 2021)", "iMac21,1"],
  ["Mac mini (2023)", "Mac14,3"],
  ["MacBook Pro (16-inch, 2021)", "MacBookPro18,1"]
]
const OS_VERSIONS: ReadonlyArray<readonly [string, string]> = [
  ["13.6.7", "22G720"],
  ["14.4.1", "23E224"],
  ["14.5", "23F79"],
  ["15.1", "24B83"]
]
const BASE_APPS: readonly Application[] = [
  {
    name: "Safari.app",
    path: "/Applications/Safari.app",
    version: "17.4",
    bundleId: "com.apple.Safari",
    sizeMegabytes: 14,
    macAppStore: false
  },
  {
    name: "Self Service.app",
    path: "/Applications/Self Service.app",
    version: "11.16.0",
    bundleId: "com.jamfsoftware.selfservice.mac",
    sizeMegabytes: 62,
    macAppStore: false
  }
]
const OPTIONAL_APPS: readonly Application[] = [
  {
    name: "Google Chrome.app",
    path: "/Applications/Google Chrome.app",
    version: "124.0.6367.91",
    bundleId: "com.google.Chrome",
    sizeMegabytes: 1180,
    macAppStore: false
  },
  {
    name: "Microsoft Word.app",
    path: "/Applications/Microsoft Word.app",
    version: "16.84",
    bundleId: "com.microsoft.Word",
    sizeMegabytes: 2300,
    macAppStore: false
  },
  {
    name: "Slack.app",
    path: "/Applications/Slack.app",
    version: "4.38.121",
    bundleId: "com.tinyspeck.slackmacgap",
    sizeMegabytes: 480,
    macAppStore: true
  },
  {
    name: "Xcode.app",
    path: "/Applications/Xcode.app",
    version: "15.3",
    bundleId: "com.apple.dt.Xcode",
    sizeMegabytes: 11000,
    macAppStore: true
  },
  {
    name: "zoom.us.app",
    path: "/Applications/zoom.us.app",
    version: "6.0.2",
    bundleId: "us.zoom.xos",
    sizeMegabytes: 320,
    macAppStore: false
  }
]

const SERIAL_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"

const macAddress = (rng: Prng): string =>
  rng
    .hex(12)
    .toUpperCase()
    .replace(/(..)(?!$)/g, "$1:")

/**
 * Generates `count` computers from a seeded stream, ids 1..count: names, serials, UDIDs, models,
 * macOS versions, a few applications each, and a check-in offset within the check-in interval.
 */
export const generateFleet = (
  rng: Prng,
  count: number,
  nowMs: number,
  checkInIntervalMs: number
): Computer[] =>
  Array.from({ length: count }, (_, index) => {
    const id = index + 1
    const owner = rng.pick(FIRST_NAMES)
    const [model, modelIdentifier] = rng.pick(MODELS)
    const [osVersion, osBuild] = rng.pick(OS_VERSIONS)
    const serialNumber = `C02${Array.from({ length: 9 }, () => rng.pick([...SERIAL_CHARS])).join("")}`
    const apps = [...BASE_APPS, ...OPTIONAL_APPS.filter(() => rng.chance(0.5))]
    const lastContactMs = nowMs - rng.int(0, checkInIntervalMs - 1)
    return {
      id,
      name: `${owner}'s ${model.split(" (")[0]} ${id}`,
      serialNumber,
      udid: rng.uuid().toUpperCase(),
      macAddress: macAddress(rng),
      altMacAddress: "",
      model,
      modelIdentifier,
      osVersion,
      osBuild,
      username: owner.toLowerCase(),
      checkInOffsetMs: rng.int(0, checkInIntervalMs - 1),
      lastContactMs,
      reportDateMs: lastContactMs,
      enrolledAtMs: nowMs - rng.int(1, 365) * 86_400_000,
      applications: apps.map((a) => ({ ...a })),
      installedPackages: [],
      cachedPackages: [],
      policyLogs: []
    }
  })

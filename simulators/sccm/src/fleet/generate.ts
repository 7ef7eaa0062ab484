import type { Prng } from "@planes/sim-kit"
import { FIRST_RESOURCE_ID } from "../state/defaults.js"
import type { Device, DistributionPoint, DpGroup, Fleet, Settings } from "../state/schemas.js"

// Workstations dominate a ConfigMgr fleet; laptops and servers give query rules something to split on.
const KINDS = [
  { prefix: "WS", weight: 0.6, os: "Microsoft Windows NT Workstation 10.0" },
  { prefix: "LT", weight: 0.3, os: "Microsoft Windows NT Workstation 10.0" },
  { prefix: "SRV", weight: 0.1, os: "Microsoft Windows NT Server 10.0" }
] as const
const SITES = ["HQ", "Branch-East", "Branch-West"] as const

const kindOf = (rng: Prng) => {
  let r = rng.next()
  for (const kind of KINDS) {
    if (r < kind.weight) return kind
    r -= kind.weight
  }
  return KINDS[0]
}

/** Generates `count` devices reproducibly from `rng`: names `WS-0001`, `LT-0002`, `SRV-0003`, ... */
export const generateDevices = (rng: Prng, count: number, settings: Settings): Device[] =>
  Array.from({ length: count }, (_, i) => {
    const kind = kindOf(rng)
    const n = String(i + 1).padStart(4, "0")
    return {
      ResourceID: FIRST_RESOURCE_ID + i,
      Name: `${kind.prefix}-${n}`,
      SMSID: `GUID:${rng.uuid().toUpperCase()}`,
      OperatingSystem: kind.os,
      UserName: kind.prefix === "SRV" ? "" : `${settings.netbiosDomain}\\user${i + 1}`,
      ADSiteName: rng.pick(SITES),
      IPAddress: `10.${rng.int(0, 3)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
      IsVM: kind.prefix === "SRV" || rng.chance(0.1)
    }
  })

/** NALPath of a DP as the SMS Provider writes it. */
export const nalPath = (fqdn: string, siteCode: string): string =>
  `["Display=\\\\${fqdn}\\"]MSWNET:["SMS_SITE=${siteCode}"]\\\\${fqdn}\\`

/** Three DPs (one per site) and two groups: every DP, and the branch DPs. */
export const generateDistribution = (
  rng: Prng,
  settings: Settings
): { distributionPoints: DistributionPoint[]; groups: DpGroup[] } => {
  const names = ["DP01", "DP02", "DP03"].map((n) => `${n}.${settings.dnsDomain}`)
  const distributionPoints = names.map((name) => ({
    name,
    nalPath: nalPath(name, settings.siteCode),
    offline: false,
    offlineSinceMs: null
  }))
  const guid = () => `{${rng.uuid().toUpperCase()}}`
  return {
    distributionPoints,
    groups: [
      { GroupID: guid(), Name: "All DPs", Description: "Every distribution point", members: [...names] },
      { GroupID: guid(), Name: "Branch DPs", Description: "Branch office DPs", members: names.slice(1) }
    ]
  }
}

/** A whole fleet from one random stream. */
export const generateFleet = (rng: Prng, count: number, settings: Settings): Fleet => ({
  devices: generateDevices(rng, count, settings),
  ...generateDistribution(rng, settings)
})

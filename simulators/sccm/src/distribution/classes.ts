import type { SimContext } from "@planes/sim-kit"
import { Schema } from "effect"
import { readBody } from "../errors/body.js"
import { badRequest } from "../errors/format.js"
import type { Row } from "../odata/filter-eval.js"
import { packagesOf, packageVisible } from "../packages/package-class.js"
import type { ContentTarget } from "../state/schemas.js"
import { isoSeconds, type Site } from "../state/site.js"
import { methodResult, type WmiClass } from "../wmi/wmi-class.js"
import { addTargets, dpByName, removeTargets, targetState } from "./content.js"
import { messageId, messageState, packageStatusCode } from "./status-codes.js"

/** Body of `AddPackages` / `RemovePackages` on a DP group. */
export const PackageIdsBody = Schema.Struct({
  PackageIDs: Schema.Array(Schema.String).pipe(Schema.minItems(1))
})

const groupsOf = (site: Site) => site.stores.fleet.get(site.tenant).groups
const targetsOf = (site: Site) => site.stores.distribution.get(site.tenant)
const always = () => true

const groupPackages = (site: Site, groupId: string) => [
  ...new Set(
    targetsOf(site)
      .filter((t) => t.groupId === groupId)
      .map((t) => t.PackageID)
  )
]

const groupMethod =
  (action: "add" | "remove") =>
  async (c: SimContext, site: Site, row: Row): Promise<Response> => {
    const body = await readBody(c, PackageIdsBody)
    if (!body.ok) return badRequest(c, body.message)
    const group = groupsOf(site).find((g) => g.GroupID === row.GroupID)
    const known = new Set(packagesOf(site).map((p) => p.PackageID))
    const unknown = body.value.PackageIDs.filter((id) => !known.has(id))
    if (unknown.length > 0) return badRequest(c, `Package not found: ${unknown.join(", ")}`)
    for (const id of body.value.PackageIDs) {
      if (!packageVisible(site, { PackageID: id })) return badRequest(c, `Package not found: ${id}`)
      const members = group?.members ?? []
      if (action === "add")
        addTargets(
          site,
          id,
          members.map((dp) => ({ dp, groupId: row.GroupID === undefined ? null : String(row.GroupID) }))
        )
      else removeTargets(site, id, members)
    }
    return methodResult(c)
  }

/** `SMS_DistributionPointGroup`: seeded groups; AddPackages / RemovePackages. */
export const smsDistributionPointGroup: WmiClass = {
  name: "SMS_DistributionPointGroup",
  keys: ["GroupID"],
  derivation: ["SMS_BaseClass"],
  rows: (site) =>
    groupsOf(site).map((g) => ({
      GroupID: g.GroupID,
      Name: g.Name,
      Description: g.Description,
      MemberCount: g.members.length,
      ContentCount: groupPackages(site, g.GroupID).length,
      HasMember: g.members.length > 0
    })),
  visible: always,
  methods: { addpackages: groupMethod("add"), removepackages: groupMethod("remove") }
}

/** `SMS_DistributionPointInfo`: the site's DPs. */
export const smsDistributionPointInfo: WmiClass = {
  name: "SMS_DistributionPointInfo",
  keys: ["NALPath"],
  derivation: ["SMS_BaseClass"],
  rows: (site) =>
    site.stores.fleet.get(site.tenant).distributionPoints.map((d) => ({
      NALPath: d.nalPath,
      Name: d.name,
      ServerName: d.name,
      SiteCode: site.settings.siteCode,
      IsPullDP: false,
      IsPeerDP: false
    })),
  visible: always
}

const nal = (site: Site, t: ContentTarget) => dpByName(site, t.dp)?.nalPath ?? t.dp
const updated = (site: Site, t: ContentTarget) => isoSeconds(t.installedAtMs ?? site.now)

/** `SMS_PackageStatus`: one row per package per DP (Type 1), Status per the MECM_Toolkit capture. */
export const smsPackageStatus: WmiClass = {
  name: "SMS_PackageStatus",
  keys: ["PackageID", "Personality", "PkgServer", "SiteCode", "Status", "Type"],
  derivation: ["SMS_BaseClass"],
  rows: (site) =>
    targetsOf(site).map((t) => ({
      Location: "",
      PackageID: t.PackageID,
      Personality: 0,
      PkgServer: t.dp,
      ShareName: "",
      SiteCode: site.settings.siteCode,
      Status: packageStatusCode(targetState(site, t)),
      Type: 1,
      UpdateTime: updated(site, t)
    })),
  visible: packageVisible
}

/** `SMS_DistributionDPStatus`: per package per DP, with MessageState (exposed since 1910). */
export const smsDistributionDPStatus: WmiClass = {
  name: "SMS_DistributionDPStatus",
  keys: ["PackageID", "NALPath"],
  derivation: ["SMS_BaseClass"],
  rows: (site) =>
    targetsOf(site).map((t) => {
      const state = targetState(site, t)
      const pkg = packagesOf(site).find((p) => p.PackageID === t.PackageID)
      return {
        PackageID: t.PackageID,
        NALPath: nal(site, t),
        Name: t.dp,
        SiteCode: site.settings.siteCode,
        MessageState: messageState(state),
        MessageID: messageId(state),
        MessageCategory: 0,
        ObjectTypeID: pkg?.objectType === 7 ? 31 : 2,
        LastUpdateDate: updated(site, t),
        IsPeerDP: false,
        IsPullDP: false
      }
    }),
  visible: packageVisible
}

/** `SMS_DPGroupDistributionStatusDetails`: per group, package and DP; ObjectID is the app's ModelName. */
export const smsDPGroupDistributionStatusDetails: WmiClass = {
  name: "SMS_DPGroupDistributionStatusDetails",
  keys: ["GroupID", "PackageID", "NALPath"],
  derivation: ["SMS_BaseClass"],
  rows: (site) =>
    targetsOf(site)
      .filter((t) => t.groupId !== null)
      .map((t) => {
        const state = targetState(site, t)
        const pkg = packagesOf(site).find((p) => p.PackageID === t.PackageID)
        return {
          GroupID: t.groupId,
          PackageID: t.PackageID,
          NALPath: nal(site, t),
          ObjectID: pkg?.securityKey === "" || pkg === undefined ? t.PackageID : pkg.securityKey,
          MessageState: messageState(state),
          MessageID: messageId(state),
          LastUpdateDate: updated(site, t)
        }
      }),
  visible: packageVisible
}

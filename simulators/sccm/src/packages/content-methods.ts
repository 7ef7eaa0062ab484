import type { SimContext } from "@planes/sim-kit"
import { Schema } from "effect"
import { addTargets } from "../distribution/content.js"
import { readBody } from "../errors/body.js"
import { badRequest } from "../errors/format.js"
import type { Row } from "../odata/filter-eval.js"
import type { Site } from "../state/site.js"
import { type InstanceMethod, methodResult } from "../wmi/wmi-class.js"

/** Body of `SMS_ContentPackage('<id>')/AdminService.AddDistributionPointGroup`. */
export const AddDistributionPointGroupBody = Schema.Struct({
  DistributionPointGroup: Schema.Array(Schema.String).pipe(Schema.minItems(1))
})

/** Body of `AddDistributionPoints` (SiteCode[] and NALPath[] side by side). */
export const AddDistributionPointsBody = Schema.Struct({
  SiteCode: Schema.Array(Schema.String),
  NALPath: Schema.Array(Schema.String).pipe(Schema.minItems(1))
})

const packageIdOf = (row: Row): string => String(row.PackageID)

const addGroups: InstanceMethod = async (c: SimContext, site: Site, row: Row) => {
  const body = await readBody(c, AddDistributionPointGroupBody)
  if (!body.ok) return badRequest(c, body.message)
  const { groups } = site.stores.fleet.get(site.tenant)
  const chosen = body.value.DistributionPointGroup.map((id) =>
    groups.find((g) => g.GroupID.toLowerCase() === id.toLowerCase())
  )
  const missing = body.value.DistributionPointGroup.filter((_, i) => chosen[i] === undefined)
  if (missing.length > 0) return badRequest(c, `Distribution point group not found: ${missing.join(", ")}`)
  addTargets(
    site,
    packageIdOf(row),
    chosen.flatMap((g) => (g === undefined ? [] : g.members.map((dp) => ({ dp, groupId: g.GroupID }))))
  )
  return methodResult(c)
}

const addPoints: InstanceMethod = async (c: SimContext, site: Site, row: Row) => {
  const body = await readBody(c, AddDistributionPointsBody)
  if (!body.ok) return badRequest(c, body.message)
  const dps = site.stores.fleet.get(site.tenant).distributionPoints
  const chosen = body.value.NALPath.map((nal) =>
    dps.find(
      (d) => d.nalPath.toLowerCase() === nal.toLowerCase() || d.name.toLowerCase() === nal.toLowerCase()
    )
  )
  if (chosen.some((d) => d === undefined))
    return badRequest(c, "One or more NALPath values name no distribution point.")
  addTargets(
    site,
    packageIdOf(row),
    chosen.flatMap((d) => (d === undefined ? [] : [{ dp: d.name, groupId: null }]))
  )
  return methodResult(c)
}

/** The content methods shared by SMS_ContentPackage and SMS_Package. */
export const distributionMethods: Readonly<Record<string, InstanceMethod>> = {
  adddistributionpointgroup: addGroups,
  adddistributionpoints: addPoints
}

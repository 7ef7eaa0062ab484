import type { SimContext } from "@planes/sim-kit"
import { Schema } from "effect"
import { readBody } from "../errors/body.js"
import { accessDenied, badRequest } from "../errors/format.js"
import { systemRow } from "../fleet/devices.js"
import type { Row } from "../odata/filter-eval.js"
import { canSeeCollection } from "../rbac/scope.js"
import type { Collection, Rule } from "../state/schemas.js"
import { isoSeconds, nextId, type Site, siteScopedId } from "../state/site.js"
import { createdResponse } from "../wmi/created.js"
import { methodResult, type WmiClass } from "../wmi/wmi-class.js"
import { collectionById, membersOf, scheduleEvaluation } from "./membership.js"
import { compileWql, WqlError } from "./wql.js"

/** Body of `POST wmi/SMS_Collection`. */
export const CreateCollectionBody = Schema.Struct({
  Name: Schema.NonEmptyString,
  CollectionType: Schema.optionalWith(Schema.Literal(1, 2), { default: () => 2 as const }),
  LimitToCollectionID: Schema.NonEmptyString,
  Comment: Schema.optional(Schema.String)
})

/** Body of `AddMembershipRule`: a direct rule (ResourceID) or a query rule (WQL). */
export const AddMembershipRuleBody = Schema.Struct({
  collectionRule: Schema.Union(
    Schema.Struct({
      "@odata.type": Schema.Literal("#AdminService.SMS_CollectionRuleDirect"),
      ResourceClassName: Schema.optionalWith(Schema.String, { default: () => "SMS_R_System" }),
      RuleName: Schema.optionalWith(Schema.String, { default: () => "" }),
      ResourceID: Schema.Int
    }),
    Schema.Struct({
      "@odata.type": Schema.Literal("#AdminService.SMS_CollectionRuleQuery"),
      RuleName: Schema.NonEmptyString,
      QueryExpression: Schema.NonEmptyString
    })
  )
})

const collectionsOf = (site: Site) => site.stores.collections.get(site.tenant)
const visibleCollection = (site: Site, id: unknown) =>
  typeof id === "string" && canSeeCollection(site.account, id, collectionsOf(site))

const collectionRow = (site: Site, c: Collection): Row => ({
  CollectionID: c.CollectionID,
  CollectionRules: c.rules.map((r) =>
    r.kind === "direct"
      ? {
          "@odata.type": "#AdminService.SMS_CollectionRuleDirect",
          RuleName: r.RuleName,
          ResourceClassName: r.ResourceClassName,
          ResourceID: r.ResourceID
        }
      : {
          "@odata.type": "#AdminService.SMS_CollectionRuleQuery",
          RuleName: r.RuleName,
          QueryExpression: r.QueryExpression,
          QueryID: r.QueryID
        }
  ),
  CollectionType: c.CollectionType,
  Comment: c.Comment,
  // 1 READY, 5 AWAITING_REFRESH (rules changed, evaluation pending).
  CurrentStatus: c.pendingSinceMs === null ? 1 : 5,
  IsBuiltIn: c.builtIn,
  LastChangeTime: isoSeconds(c.createdAtMs),
  LastMemberChangeTime: isoSeconds(c.evaluatedAtMs),
  LastRefreshTime: isoSeconds(c.evaluatedAtMs),
  LimitToCollectionID: c.LimitToCollectionID,
  LimitToCollectionName: collectionById(site, c.LimitToCollectionID)?.Name ?? "",
  LocalMemberCount: membersOf(site, c).length,
  MemberCount: membersOf(site, c).length,
  Name: c.Name
})

const createCollection = async (c: SimContext, site: Site) => {
  const body = await readBody(c, CreateCollectionBody)
  if (!body.ok) return badRequest(c, body.message)
  const b = body.value
  const limiting = collectionById(site, b.LimitToCollectionID)
  if (limiting === undefined)
    return badRequest(c, `Limiting collection ${b.LimitToCollectionID} does not exist.`)
  if (!visibleCollection(site, limiting.CollectionID)) return accessDenied(c)
  if (limiting.CollectionType !== b.CollectionType)
    return badRequest(c, "The limiting collection is of another collection type.")
  if (collectionsOf(site).some((x) => x.Name.toLowerCase() === b.Name.toLowerCase())) {
    return badRequest(c, `A collection named '${b.Name}' already exists.`)
  }
  const collection: Collection = {
    CollectionID: siteScopedId(site, "collectionSeq"),
    Name: b.Name,
    Comment: b.Comment ?? "",
    CollectionType: b.CollectionType,
    LimitToCollectionID: limiting.CollectionID,
    builtIn: false,
    rules: [],
    members: [],
    evaluatedAtMs: site.now,
    pendingSinceMs: null,
    createdAtMs: site.now
  }
  collectionsOf(site).push(collection)
  return createdResponse(c, smsCollection, site, collectionRow(site, collection))
}

const addMembershipRule = async (c: SimContext, site: Site, row: Row) => {
  const body = await readBody(c, AddMembershipRuleBody)
  if (!body.ok) return badRequest(c, body.message)
  const collection = collectionById(site, String(row.CollectionID))
  if (collection === undefined || collection.builtIn)
    return badRequest(c, "Built-in collections cannot take membership rules.")
  const input = body.value.collectionRule
  let rule: Rule
  if (input["@odata.type"] === "#AdminService.SMS_CollectionRuleDirect") {
    const device = site.stores.fleet.get(site.tenant).devices.find((d) => d.ResourceID === input.ResourceID)
    if (device === undefined) return badRequest(c, `Resource ${input.ResourceID} does not exist.`)
    if (collection.rules.some((r) => r.kind === "direct" && r.ResourceID === input.ResourceID))
      return methodResult(c)
    rule = {
      kind: "direct",
      RuleName: input.RuleName || device.Name,
      ResourceClassName: input.ResourceClassName,
      ResourceID: input.ResourceID
    }
  } else {
    try {
      compileWql(input.QueryExpression)
    } catch (e) {
      if (e instanceof WqlError) return badRequest(c, `Invalid query: ${e.message}`)
      throw e
    }
    rule = {
      kind: "query",
      RuleName: input.RuleName,
      QueryExpression: input.QueryExpression,
      QueryID: nextId(site, "queryId")
    }
  }
  collection.rules.push(rule)
  scheduleEvaluation(site, collection)
  return methodResult(c, rule.kind === "query" ? { QueryID: rule.QueryID } : {})
}

const requestRefresh = async (c: SimContext, site: Site, row: Row) => {
  const collection = collectionById(site, String(row.CollectionID))
  if (collection !== undefined && !collection.builtIn) scheduleEvaluation(site, collection)
  return methodResult(c)
}

/** `SMS_Collection`: built-in, seeded and created collections; membership rules; MemberCount after evaluation. */
export const smsCollection: WmiClass = {
  name: "SMS_Collection",
  keys: ["CollectionID"],
  derivation: ["SMS_BaseClass"],
  lazy: ["CollectionRules"],
  rows: (site) => collectionsOf(site).map((c) => collectionRow(site, c)),
  visible: (site, row) => visibleCollection(site, row.CollectionID),
  create: createCollection,
  methods: { addmembershiprule: addMembershipRule, requestrefresh: requestRefresh }
}

/** `SMS_FullCollectionMembership`: evaluated members of every visible collection. */
export const smsFullCollectionMembership: WmiClass = {
  name: "SMS_FullCollectionMembership",
  keys: ["CollectionID", "ResourceID"],
  derivation: ["SMS_BaseClass"],
  rows: (site) => {
    const devices = site.stores.fleet.get(site.tenant).devices
    return collectionsOf(site).flatMap((col) =>
      membersOf(site, col).flatMap((id) => {
        const d = devices.find((x) => x.ResourceID === id)
        return d === undefined
          ? []
          : [
              {
                CollectionID: col.CollectionID,
                ResourceID: id,
                Name: d.Name,
                Domain: site.settings.netbiosDomain,
                SiteCode: site.settings.siteCode,
                IsClient: true,
                IsActive: true,
                IsAssigned: true,
                IsDirect: col.rules.some((r) => r.kind === "direct" && r.ResourceID === id),
                ResourceType: 5,
                SMSID: d.SMSID
              }
            ]
      })
    )
  },
  visible: (site, row) => visibleCollection(site, row.CollectionID)
}

/** Whether the caller may see a device: full collection scope, or a member of a collection it can see. */
export const deviceVisible = (site: Site, resourceId: unknown): boolean => {
  if (site.account.collections.includes("*")) return true
  return collectionsOf(site).some(
    (col) => visibleCollection(site, col.CollectionID) && membersOf(site, col).includes(Number(resourceId))
  )
}

/** `SMS_R_System`: the simulated fleet. */
export const smsRSystem: WmiClass = {
  name: "SMS_R_System",
  keys: ["ResourceID"],
  derivation: ["SMS_Resource"],
  rows: (site) => site.stores.fleet.get(site.tenant).devices.map((d) => systemRow(d, site.settings)),
  visible: (site, row) => deviceVisible(site, row.ResourceID)
}

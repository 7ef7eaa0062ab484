import type { AssignmentIntent, IntentKey } from "@planes/core"
import { describeWithKey } from "./keyText.js"

/** `CollectionType` of a device collection. */
export const deviceCollection = 2

/** The name of the collection planes makes for an assignment: readable, and unique through the key. */
export const collectionName = (intent: AssignmentIntent, key: IntentKey) =>
  `planes ${intent.package.name.slice(0, 160)} ${intent.package.version} ${intent.intent} ${key}`

/** The `SMS_Collection` create body: a device collection limited to `limitingCollectionId`, key in Comment. */
export const collectionBody = (intent: AssignmentIntent, key: IntentKey, limitingCollectionId: string) => ({
  Name: collectionName(intent, key),
  CollectionType: deviceCollection,
  LimitToCollectionID: limitingCollectionId,
  Comment: describeWithKey(
    key,
    `Target of ${intent.package.name} ${intent.package.version} (${intent.intent})`,
    512
  )
})

/** A membership rule planes asks for. */
export type WantedRule =
  | { readonly _tag: "direct"; readonly resourceId: number; readonly name: string }
  | { readonly _tag: "query"; readonly query: string }

/** The `AddMembershipRule` body for a rule (facts §4.2). */
export const membershipRuleBody = (rule: WantedRule) =>
  rule._tag === "direct"
    ? {
        collectionRule: {
          "@odata.type": "#AdminService.SMS_CollectionRuleDirect",
          ResourceClassName: "SMS_R_System",
          RuleName: rule.name,
          ResourceID: rule.resourceId
        }
      }
    : {
        collectionRule: {
          "@odata.type": "#AdminService.SMS_CollectionRuleQuery",
          RuleName: "planes query",
          QueryExpression: rule.query
        }
      }

/** Whether an existing rule (as `CollectionRules` lists it) already is the wanted one. */
export const sameRule = (
  wanted: WantedRule,
  existing: {
    readonly "@odata.type": string
    readonly ResourceID?: number | undefined
    readonly QueryExpression?: string | null | undefined
  }
) =>
  wanted._tag === "direct"
    ? existing["@odata.type"].endsWith("SMS_CollectionRuleDirect") &&
      existing.ResourceID === wanted.resourceId
    : existing["@odata.type"].endsWith("SMS_CollectionRuleQuery") &&
      (existing.QueryExpression ?? "").trim() === wanted.query.trim()

import type { Account, Settings } from "./schemas.js"

/** The settings a new simulator starts with (override any of them with the factory's `settings`). */
export const defaultSettings: Settings = {
  siteCode: "ABC",
  serverFqdn: "cm01.contoso.com",
  netbiosDomain: "CONTOSO",
  dnsDomain: "contoso.com",
  membershipDelayMs: 60_000,
  policyDelayMs: 120_000,
  installDurationMs: 300_000,
  distributionDelayMs: 180_000,
  dpFailAfterMs: 1_800_000,
  failureRate: 0.1,
  requirementsNotMetRate: 0.02,
  unknownRate: 0.03,
  retrySuccessRate: 0.7,
  clientOperationDelayMs: 60_000,
  pageSize: 1000,
  // Windows accepts NTLMv2 blobs within the Kerberos-style skew window; 36 hours is MaxClockSkew's
  // NTLM default [UNCONFIRMED]. Clients echo the server's MsvAvTimestamp, so real skew is zero.
  ntlmTimestampToleranceMs: 36 * 3_600_000,
  ntlmChallengeTtlMs: 120_000,
  anonymousAccount: null
}

/** The account every new simulator knows: a full administrator. */
export const defaultAccounts: readonly Account[] = [
  {
    domain: "CONTOSO",
    user: "cm-admin",
    password: "P@ssw0rd!",
    securityScopes: ["All"],
    collections: ["*"],
    wmiAccess: true
  }
]

/** Key of an account in the accounts store: `DOMAIN\user`, upper-cased (Windows names are case-insensitive). */
export const accountKey = (domain: string, user: string): string => `${domain}\\${user}`.toUpperCase()

/** Number of devices a new simulator generates. */
export const DEFAULT_DEVICE_COUNT = 50

/** First ResourceID of generated devices (the value ConfigMgr's examples show). */
export const FIRST_RESOURCE_ID = 16777219

/** First CI_ID/ModelID/AssignmentID the site hands out. */
export const FIRST_CI_ID = 16777300

import type { SccmSimulator } from "../../src/index.js"
import { sdmXml } from "../helpers.js"

// Provider states of the SCCM consumer's pact, as data preconditions the simulator is put into through its
// own APIs: the admin API under /_sim (reset, accounts, tokens, settings, DPs, faults, the clock) and
// AdminService itself on the token route with an admin-minted token (applications, collections, rules,
// content distribution, deployments). Each handler returns the ids the pact's requests name, which Pact
// injects in place of the consumer's examples.

/** A JSON value Pact can inject (what a state handler may return). */
type Injected = Record<string, string | number | boolean>

/** Parameters a pact gives a provider state. */
type Params = Readonly<Record<string, unknown>>

/** The account the connector stands for; the simulator's default, and its `anonymousAccount` in this test. */
export const account = { domain: "CONTOSO", user: "cm-admin", password: "P@ssw0rd!" } as const

/** The first device of the generated fleet. */
const FIRST_RESOURCE_ID = 16777219

/** Simulated time that lets collections evaluate, content arrive and devices report. */
const HOURS_4 = 4 * 3_600_000

const text = (params: Params, name: string): string => {
  const value = params[name]
  if (typeof value !== "string" || value === "")
    throw new Error(`provider state parameter ${name} is missing`)
  return value
}

const count = (params: Params, name: string): number => {
  const value = params[name]
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
    throw new Error(`provider state parameter ${name} must be a positive whole number`)
  return value
}

const record = (value: unknown): Record<string, unknown> => {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error("expected a JSON object from the simulator")
  return Object.fromEntries(Object.entries(value))
}

const field = (value: Record<string, unknown>, name: string): string | number => {
  const v = value[name]
  if (typeof v !== "string" && typeof v !== "number") throw new Error(`the simulator's answer has no ${name}`)
  return v
}

/** Drives one simulator for provider states; `token` is what the verifier's request filter sends. */
export const makeProviderStates = (sim: SccmSimulator) => {
  let token = ""
  let seedToken = ""
  let apps = 0

  const request = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {}
  ) => {
    const response = await sim.app.request(`http://127.0.0.1${path}`, {
      method,
      headers: { ...headers, ...(body !== undefined && { "content-type": "application/json" }) },
      ...(body !== undefined && { body: JSON.stringify(body) })
    })
    const answer = await response.text()
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${answer}`)
    return answer === "" ? {} : record(JSON.parse(answer))
  }
  const admin = (method: string, path: string, body?: unknown) => request(method, `/_sim${path}`, body)
  const wmi = (method: string, path: string, body?: unknown) =>
    request(method, `/AdminService_TokenAuth/wmi/${path}`, body, { authorization: `Bearer ${seedToken}` })
  const advance = (ms: number) => admin("POST", "/clock/advance", { ms })
  const mint = async (ttlSeconds?: number) =>
    String(
      field(
        await admin("POST", "/sccm/tokens", {
          domain: account.domain,
          user: account.user,
          ...(ttlSeconds !== undefined && { ttlSeconds })
        }),
        "access_token"
      )
    )

  /** An application as planes publishes it: titled `<name> <version>`, the key line in its description. */
  const seedApp = async (name: string, version: string, key: string) => {
    apps += 1
    const row = await wmi("POST", "SMS_Application", {
      SDMPackageXML: sdmXml({
        n: apps * 10,
        title: `${name} ${version}`,
        version,
        description: `Published by planes&#10;[planes key ${key}]`
      })
    })
    return {
      ciId: Number(field(row, "CI_ID")),
      modelId: Number(field(row, "ModelID")),
      modelName: String(field(row, "ModelName")),
      packageId: String(field(row, "PackageID"))
    }
  }
  const seedByKey = (params: Params) =>
    seedApp(
      typeof params.name === "string" ? params.name : "Contoso Widget",
      typeof params.version === "string" ? params.version : "1.2.3",
      text(params, "key")
    )

  const groupId = async (name: string) => {
    const { groups } = await admin("GET", "/sccm/distribution-points")
    const group = (Array.isArray(groups) ? groups : []).map(record).find((g) => g.Name === name)
    if (group === undefined) throw new Error(`the simulator has no distribution point group ${name}`)
    return String(field(group, "GroupID"))
  }

  /** A device collection planes would make for `key`, with direct rules for the first `devices` devices. */
  const seedCollection = async (key: string, devices: number) => {
    const row = await wmi("POST", "SMS_Collection", {
      Name: `planes pact ${key}`,
      CollectionType: 2,
      LimitToCollectionID: "SMS00001",
      Comment: `Target of a pact state\n[planes key ${key}]`
    })
    const collectionId = String(field(row, "CollectionID"))
    for (let i = 0; i < devices; i++)
      await wmi("POST", `SMS_Collection('${collectionId}')/AdminService.AddMembershipRule`, {
        collectionRule: {
          "@odata.type": "#AdminService.SMS_CollectionRuleDirect",
          ResourceClassName: "SMS_R_System",
          RuleName: `device ${FIRST_RESOURCE_ID + i}`,
          ResourceID: FIRST_RESOURCE_ID + i
        }
      })
    return collectionId
  }

  const deploy = async (
    app: { readonly ciId: number; readonly modelId: number },
    collectionId: string,
    key: string,
    intent: string
  ) =>
    Number(
      field(
        await wmi("POST", "SMS_ApplicationAssignment", {
          ApplicationName: "pact",
          AssignmentName: `pact_${collectionId}_${intent}`,
          AssignmentDescription: `[planes key ${key}]`,
          AppModelID: app.modelId,
          AssignedCIs: [app.ciId],
          TargetCollectionID: collectionId,
          DesiredConfigType: intent === "uninstall" ? 2 : 1,
          OfferTypeID: intent === "available" ? 2 : 0
        }),
        "AssignmentID"
      )
    )

  const fault = (status: number, message: string) =>
    admin("POST", "/faults", {
      match: { path: "/AdminService/**" },
      trigger: { kind: "once" },
      effect: { kind: "http", status, message }
    })

  const noAnonymous = () => admin("PUT", "/sccm/settings", { anonymousAccount: null })

  const handlers: Record<string, (params?: unknown) => Promise<Injected | undefined>> = {
    "an application for {name} {version} with key {key} is published": async (params) => {
      await seedByKey(record(params))
      return {}
    },
    "no application carries key {key}": async () => ({}),
    "the application with key {key} is published and its content is on no distribution point group": async (
      params
    ) => {
      const app = await seedByKey(record(params))
      return { packageId: app.packageId, groupId: await groupId("All DPs") }
    },
    "the content of the application with key {key} was just sent to All DPs": async (params) => {
      const app = await seedByKey(record(params))
      await wmi("POST", `SMS_ContentPackage('${app.packageId}')/AdminService.AddDistributionPointGroup`, {
        DistributionPointGroup: [await groupId("All DPs")]
      })
      return { packageId: app.packageId }
    },
    "the content of the application with key {key} was sent to Branch DPs while {dp} is offline": async (
      params
    ) => {
      const p = record(params)
      await admin("PUT", `/sccm/distribution-points/${encodeURIComponent(text(p, "dp"))}`, { offline: true })
      const app = await seedByKey(p)
      await wmi("POST", `SMS_ContentPackage('${app.packageId}')/AdminService.AddDistributionPointGroup`, {
        DistributionPointGroup: [await groupId("Branch DPs")]
      })
      await advance(600_000)
      return { packageId: app.packageId }
    },
    "device {resourceId} exists": async () => ({}),
    "no collection carries key {key}": async () => ({}),
    "a collection with key {key} exists without membership rules": async (params) => ({
      collectionId: await seedCollection(text(record(params), "key"), 0)
    }),
    "a collection with key {key} has a direct rule for device {resourceId}": async (params) => {
      const collectionId = await seedCollection(text(record(params), "key"), 1)
      await advance(600_000)
      return { collectionId }
    },
    "collection {collectionId} exists": async () => ({}),
    "no collection {collectionId} exists": async () => ({}),
    "an application for {name} {version} with key {key} is published and no deployment carries key {deploymentKey}":
      async (params) => {
        const app = await seedByKey(record(params))
        return { ciId: app.ciId, modelId: app.modelId }
      },
    "an application for {name} {version} with key {key} is deployed to collection {collectionId} with deployment key {deploymentKey}":
      async (params) => {
        const p = record(params)
        const app = await seedByKey(p)
        await deploy(app, text(p, "collectionId"), text(p, "deploymentKey"), "required")
        return { ciId: app.ciId, modelId: app.modelId }
      },
    "an application for {name} {version} with key {key} is deployed as {intent} to a collection of {devices} devices":
      async (params) => {
        const p = record(params)
        const app = await seedByKey(p)
        const collectionId = await seedCollection(`${text(p, "key")}-target`, count(p, "devices"))
        await advance(600_000)
        const deploymentId = await deploy(
          app,
          collectionId,
          `${text(p, "key")}-deployment`,
          text(p, "intent")
        )
        await advance(HOURS_4)
        return { deploymentId, collectionId, modelName: app.modelName, firstResourceId: FIRST_RESOURCE_ID }
      },
    "no deployment {deploymentId} exists": async () => ({}),
    "{name} {from} (key {fromKey}) and {to} (key {toKey}) are published and {from} is deployed as {intent} to a collection":
      async (params) => {
        const p = record(params)
        const name = text(p, "name")
        const current = await seedApp(name, text(p, "from"), text(p, "fromKey"))
        const target = await seedApp(name, text(p, "to"), text(p, "toKey"))
        const collectionId = await seedCollection(`${text(p, "fromKey")}-target`, 1)
        await advance(600_000)
        const deploymentId = await deploy(
          current,
          collectionId,
          `${text(p, "fromKey")}-deployment`,
          text(p, "intent")
        )
        return {
          deploymentId,
          collectionId,
          modelName: current.modelName,
          targetCiId: target.ciId,
          targetModelId: target.modelId
        }
      },
    "the connector's account has no WMI rights on the SMS Provider": async () => {
      await admin("POST", "/sccm/accounts", { ...account, wmiAccess: false })
      return {}
    },
    "the site refuses the connector's Kerberos ticket": async () => {
      await noAnonymous()
      return {}
    },
    "the site answers the next request with 403 Forbidden": async () => {
      await fault(403, "Forbidden")
      return {}
    },
    "the SMS Provider is restarting and answers the next request with 503": async () => {
      await fault(503, "Service Unavailable")
      return {}
    },
    "account {domain}\\{user} may sign in with NTLM": async () => ({}),
    "account {domain}\\{user} has another password than the connector holds": async () => {
      await noAnonymous()
      return {}
    },
    "a bearer token was issued for account {domain}\\{user}": async () => {
      token = await mint()
      return {}
    },
    "the connector's bearer token has expired": async () => {
      token = await mint(1)
      await advance(60_000)
      return {}
    }
  }

  return {
    handlers,
    /** The bearer token the verifier's token-route requests carry. */
    token: () => token,
    /** Before each interaction: a fresh simulator and a token to seed it with. */
    reset: async () => {
      await admin("POST", "/reset")
      apps = 0
      seedToken = await mint(24 * 3600)
      token = seedToken
    }
  }
}

import { HttpClient, HttpClientRequest } from "@effect/platform"
import type { V4RequestBuilder } from "@pact-foundation/pact/src/v4/http/types.js"
import { intentKey } from "@planes/core"
import { AvId, buildChallenge, encodeAvPairs } from "@planes/sim-sccm"
import { Chunk, Effect, Redacted, Stream } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { AssignmentRow as AssignmentRowSchema } from "../../src/adminservice/schemas.js"
import { ensureRules, findCollection, targetCollection } from "../../src/assign/collection.js"
import { createAssignment } from "../../src/assign/createAssignment.js"
import { negotiateMessage } from "../../src/auth/ntlm/messages.js"
import { makeNtlmAuthenticator } from "../../src/auth/ntlm/NtlmAuthenticator.js"
import { collectionBody, membershipRuleBody } from "../../src/mapping/collection.js"
import { deploymentBody } from "../../src/mapping/deployment.js"
import { sdmPackageXml } from "../../src/mapping/sdmPackageXml.js"
import { distribute, resolveGroups } from "../../src/publish/distribute.js"
import { contentLocationOf, publishPackage } from "../../src/publish/publishPackage.js"
import { sccmRef } from "../../src/ref/sccmRef.js"
import { remediate } from "../../src/remediate/remediate.js"
import { rollback, rollbackKey } from "../../src/rollback/rollback.js"
import { deploymentOf, deviceStates, queryState } from "../../src/state/queryState.js"
import { assignmentIntent, packageIntent } from "../support/intents.js"
import {
  accessDeniedBody,
  adminPath,
  adminServiceError,
  bearerHeader,
  boolean,
  contractConfig,
  eachLike,
  exampleCiId,
  exampleCollectionId,
  exampleDeploymentId,
  exampleGroupId,
  exampleModelId,
  exampleOperationId,
  examplePackageId,
  exampleResourceId,
  fromState,
  integer,
  intFromState,
  like,
  negotiateHeader,
  pactV4,
  regex,
  runFailing,
  runOk,
  siteId,
  startFresh,
  stateValue,
  systemProperties,
  withRuntime
} from "./pactSupport.js"

// The SCCM adapter's contract with Configuration Manager's administration service (AdminService): every
// request the adapter makes, driven through the adapter's own functions against the Pact mock server, with
// the answers it relies on. Responses pin only what the adapter reads; server-assigned ids come from
// provider states. One interaction per test, except where the function under test is itself a sequence
// (the NTLM handshake, find-or-create, distribution, a collection's rules, paged device states, rollback):
// those add each interaction, then run the function once against all of them.

const wmi = "/AdminService/wmi"
const pkg = packageIntent("1.2.3")
const oldPkg = packageIntent("1.0.0")
const key = intentKey(pkg)
const published = { name: pkg.name, version: pkg.version, key }
const title = `${pkg.name} ${pkg.version}`
const all = "ABC00010"
const groupAssignment = assignmentIntent(pkg, { _tag: "group", id: all })
const groupKey = intentKey(groupAssignment)
const deviceAssignment = assignmentIntent(pkg, { _tag: "devices", deviceIds: [String(exampleResourceId)] })
const deviceKey = intentKey(deviceAssignment)
const query = "select * from SMS_R_System where Name like 'WS-%'"

const mapped = sdmPackageXml(pkg, key, {
  siteId,
  contentLocation: contentLocationOf(
    {
      config: contractConfig("http://127.0.0.1"),
      admin: undefined as never,
      siteId: Effect.succeed(siteId),
      retry: undefined as never
    },
    pkg
  )
})
if (mapped._tag !== "Package") throw new Error("the example package must map")
const modelName = mapped.value.modelName
const modelPattern = "^ScopeId_[0-9A-Fa-f-]+/Application_[0-9A-Fa-f-]+$"

const ref = sccmRef({ deploymentId: exampleDeploymentId, collectionId: exampleCollectionId, modelName })

const states = {
  published: "an application for {name} {version} with key {key} is published",
  noApp: "no application carries key {key}",
  undistributed:
    "the application with key {key} is published and its content is on no distribution point group",
  sent: "the content of the application with key {key} was just sent to All DPs",
  offlineDp: "the content of the application with key {key} was sent to Branch DPs while {dp} is offline",
  device: "device {resourceId} exists",
  noCollection: "no collection carries key {key}",
  emptyCollection: "a collection with key {key} exists without membership rules",
  directRule: "a collection with key {key} has a direct rule for device {resourceId}",
  builtIn: "collection {collectionId} exists",
  noSuchCollection: "no collection {collectionId} exists",
  notDeployed:
    "an application for {name} {version} with key {key} is published and no deployment carries key {deploymentKey}",
  deployed:
    "an application for {name} {version} with key {key} is deployed to collection {collectionId} with deployment key {deploymentKey}",
  reporting:
    "an application for {name} {version} with key {key} is deployed as {intent} to a collection of {devices} devices",
  noDeployment: "no deployment {deploymentId} exists",
  rollback:
    "{name} {from} (key {fromKey}) and {to} (key {toKey}) are published and {from} is deployed as {intent} to a collection",
  denied: "the connector's account has no WMI rights on the SMS Provider",
  kerberosRefused: "the site refuses the connector's Kerberos ticket",
  forbidden: "the site answers the next request with 403 Forbidden",
  unavailable: "the SMS Provider is restarting and answers the next request with 503",
  ntlmAccount: "account {domain}\\{user} may sign in with NTLM",
  ntlmWrongPassword: "account {domain}\\{user} has another password than the connector holds",
  bearer: "a bearer token was issued for account {domain}\\{user}",
  bearerExpired: "the connector's bearer token has expired"
} as const

/** An application row as the lookups read it; `__*` system properties come along and are stripped. */
const appRow = (version: string, appKey: string, description: string) => ({
  ...systemProperties("SMS_ApplicationLatest"),
  CI_ID: integer(exampleCiId),
  ModelID: integer(exampleModelId),
  ModelName: regex(modelPattern, modelName),
  LocalizedDisplayName: `${pkg.name} ${version}`,
  LocalizedDescription: regex(`^[\\s\\S]*\\[planes key ${appKey}\\][\\s\\S]*$`, description),
  SoftwareVersion: version,
  PackageID: like(examplePackageId),
  IsExpired: boolean(false)
})
const appDescription = `${pkg.description}\n[planes key ${key}]`

const pact = pactV4()

beforeAll(() => startFresh())

/** `GET wmi/SMS_ApplicationLatest?$filter=contains(LocalizedDescription,'<key>')`: the publish lookup. */
const findAppRequest = (b: V4RequestBuilder) =>
  b.query({ $filter: `contains(LocalizedDescription,'${key}')`, $top: "500" }).headers(negotiateHeader)

describe("Windows integrated auth", () => {
  const probe = "/AdminService/v1.0/$metadata"
  const type1 = negotiateMessage().toString("base64")
  const challenge = buildChallenge({
    serverChallenge: Buffer.from("0123456789abcdef", "hex"),
    targetName: "CONTOSO",
    targetInfo: encodeAvPairs([
      { id: AvId.NbDomainName, value: Buffer.from("CONTOSO", "utf16le") },
      { id: AvId.Timestamp, value: Buffer.from("00e0c5c1b5dfd801", "hex") },
      { id: AvId.EOL, value: Buffer.alloc(0) }
    ]),
    clientFlags: negotiateMessage().readUInt32LE(12)
  }).toString("base64")
  const account = { domain: "CONTOSO", user: "cm-admin" }

  const handshake = (url: string, password: string) =>
    Effect.gen(function* () {
      const auth = yield* makeNtlmAuthenticator({
        http: yield* HttpClient.HttpClient,
        probeUrl: `${url}${probe}`,
        scheme: "Negotiate",
        credentials: Effect.succeed({ ...account, workstation: "PLANES", password: Redacted.make(password) }),
        entropy: Effect.succeed({
          nowMs: Date.parse("2030-01-01T00:00:00Z"),
          clientChallenge: Buffer.alloc(8, 7)
        })
      })
      return yield* auth.apply(HttpClientRequest.get(`${url}${wmi}/SMS_Collection`))
    })

  const negotiate = (state: string, description: string) =>
    pact
      .addInteraction()
      .given(state, account)
      .uponReceiving(description)
      .withRequest("GET", probe, (b) => b.headers({ Authorization: `Negotiate ${type1}` }))
      .willRespondWith(401, (b) =>
        b.headers({
          "WWW-Authenticate": regex(
            "^Negotiate TlRMTVNTUAACAAAA[A-Za-z0-9+/]+={0,2}$",
            `Negotiate ${challenge}`
          )
        })
      )
  const authenticate = {
    Authorization: regex("^Negotiate TlRMTVNTUAADAAAA[A-Za-z0-9+/]+={0,2}$", "Negotiate TlRMTVNTUAADAAAA")
  }

  it("runs the NTLM handshake (negotiate, challenge, NTLMv2 response) on the metadata URL", async () => {
    negotiate(states.ntlmAccount, "an NTLM negotiate message")
    await pact
      .addInteraction()
      .given(states.ntlmAccount, account)
      .uponReceiving("an NTLMv2 authenticate message answering the challenge")
      .withRequest("GET", probe, (b) => b.headers(authenticate))
      .willRespondWith(200)
      .executeTest(async (server) => {
        const request = await runOk(handshake(server.url, "P@ssw0rd!"))
        // After the handshake the connection is authenticated: the request goes out without credentials.
        expect(request.headers.authorization).toBeUndefined()
      })
  })

  it("reads a refused NTLM response as a PolicyError, the operation never sent", async () => {
    negotiate(states.ntlmWrongPassword, "an NTLM negotiate message for an account whose password changed")
    await pact
      .addInteraction()
      .given(states.ntlmWrongPassword, account)
      .uponReceiving("an NTLMv2 authenticate message with the wrong password")
      .withRequest("GET", probe, (b) => b.headers(authenticate))
      .willRespondWith(401, (b) => b.jsonBody(adminServiceError(401, "Unauthorized")))
      .executeTest(async (server) => {
        const error = await runFailing(handshake(server.url, "not-the-password"))
        expect(error).toMatchObject({ _tag: "PolicyError", code: "NtlmRejected" })
      })
  })

  it("reads a refused Kerberos ticket (401 twice, a fresh ticket between) as a PolicyError", async () => {
    await pact
      .addInteraction()
      .given(states.kerberosRefused)
      .uponReceiving("a request whose Kerberos ticket the site refuses")
      .withRequest("GET", `${wmi}/SMS_DistributionPointGroup`, (b) =>
        b.query({ $top: "500" }).headers(negotiateHeader)
      )
      .willRespondWith(401, (b) => b.jsonBody(adminServiceError(401, "Unauthorized")))
      .executeTest(async (server) => {
        const error = await runFailing(withRuntime(server.url, (rt) => resolveGroups(rt.admin, ["All DPs"])))
        expect(error).toMatchObject({ _tag: "PolicyError", status: 401 })
      })
  })
})

describe("the token route (/AdminService_TokenAuth, on premises or through a CMG)", () => {
  const path = "/AdminService_TokenAuth/wmi/SMS_DistributionPointGroup"
  const bearer = (url: string) => ({
    baseUrl: `${url}/AdminService_TokenAuth`,
    auth: { _tag: "bearer" as const, token: "env:SCCM_TOKEN" }
  })

  it("sends the bearer token on the token route", async () => {
    await pact
      .addInteraction()
      .given(states.bearer, { domain: "CONTOSO", user: "cm-admin" })
      .uponReceiving("a list of distribution point groups on the token route")
      .withRequest("GET", path, (b) => b.query({ $top: "500" }).headers(bearerHeader))
      .willRespondWith(200, (b) =>
        b.jsonBody({ value: eachLike({ GroupID: like(exampleGroupId), Name: "All DPs" }) })
      )
      .executeTest(async (server) => {
        const groups = await runOk(
          withRuntime(server.url, (rt) => resolveGroups(rt.admin, ["All DPs"]), bearer(server.url))
        )
        expect(groups.map((g) => g.Name)).toEqual(["All DPs"])
      })
  })

  it("reads a refused bearer token as a PolicyError", async () => {
    await pact
      .addInteraction()
      .given(states.bearerExpired)
      .uponReceiving("a request on the token route with an expired bearer token")
      .withRequest("GET", path, (b) => b.query({ $top: "500" }).headers(bearerHeader))
      .willRespondWith(401, (b) =>
        b
          .headers({ "WWW-Authenticate": regex("^Bearer.*$", 'Bearer error="invalid_token"') })
          .jsonBody(adminServiceError(401, "The token is expired."))
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          withRuntime(server.url, (rt) => resolveGroups(rt.admin, ["All DPs"]), bearer(server.url))
        )
        expect(error).toMatchObject({ _tag: "PolicyError", status: 401 })
      })
  })
})

describe("publishPackage", () => {
  it("finds the application by the key in its description (WMI system properties stripped)", async () => {
    await pact
      .addInteraction()
      .given(states.published, published)
      .uponReceiving("a list of latest applications whose description contains the key")
      .withRequest("GET", `${wmi}/SMS_ApplicationLatest`, findAppRequest)
      .willRespondWith(200, (b) => b.jsonBody({ value: eachLike(appRow("1.2.3", key, appDescription)) }))
      .executeTest(async (server) => {
        const result = await runOk(
          withRuntime(server.url, (rt) => publishPackage(rt, pkg), { distributionPointGroups: [] })
        )
        expect(result).toMatchObject({ created: false, packageId: String(exampleCiId) })
      })
  })

  it("creates the application from its SDMPackageXML when none carries the key", async () => {
    pact
      .addInteraction()
      .given(states.noApp, { key })
      .uponReceiving("a list of latest applications with a key no application carries")
      .withRequest("GET", `${wmi}/SMS_ApplicationLatest`, findAppRequest)
      .willRespondWith(200, (b) => b.jsonBody({ value: [] }))
    await pact
      .addInteraction()
      .given(states.noApp, { key })
      .uponReceiving("a request to create an application from SDMPackageXML")
      .withRequest("POST", `${wmi}/SMS_Application`, (b) =>
        b.headers(negotiateHeader).jsonBody({
          // The document is generated from the intent; the contract pins its frame, not every byte.
          SDMPackageXML: regex(
            '^<\\?xml version="1\\.0" encoding="utf-16"\\?><AppMgmtDigest xmlns="http://schemas\\.microsoft\\.com/SystemCenterConfigurationManager/2009/AppMgmtDigest"[^>]*><Application AuthoringScopeId="ScopeId_[0-9A-F-]+" LogicalName="Application_[0-9a-f-]+" Version="1">[\\s\\S]*</Application><DeploymentType [\\s\\S]*</DeploymentType></AppMgmtDigest>$',
            mapped.value.xml
          )
        })
      )
      .willRespondWith(201, (b) =>
        b.jsonBody({
          CI_ID: integer(exampleCiId),
          ModelID: integer(exampleModelId),
          ModelName: regex(modelPattern, modelName),
          LocalizedDisplayName: title,
          PackageID: like(examplePackageId)
        })
      )
      .executeTest(async (server) => {
        const result = await runOk(
          withRuntime(server.url, (rt) => publishPackage(rt, pkg), { distributionPointGroups: [] })
        )
        expect(result).toMatchObject({ created: true, packageId: String(exampleCiId) })
        expect(result.objects.map((o) => o.kind)).toEqual(["application", "contentPackage"])
      })
  })
})

describe("content distribution", () => {
  const byPackage = fromState(
    "^PackageID eq '[A-Za-z0-9]+'$",
    `PackageID eq '${stateValue("packageId")}'`,
    `PackageID eq '${examplePackageId}'`
  )
  const groups = (state: string, params: Record<string, string>, description: string, name = "All DPs") =>
    pact
      .addInteraction()
      .given(state, params)
      .uponReceiving(description)
      .withRequest("GET", `${wmi}/SMS_DistributionPointGroup`, (b) =>
        b.query({ $top: "500" }).headers(negotiateHeader)
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({ value: eachLike({ GroupID: like(exampleGroupId), Name: name }) })
      )
  const packageStatus = (status: number, server: string) => ({
    PackageID: like(examplePackageId),
    PkgServer: like(server),
    Status: integer(status)
  })

  it("adds the content to the configured group it is not on yet, then reports each DP", async () => {
    const params = { key }
    groups(states.undistributed, params, "a list of distribution point groups")
    pact
      .addInteraction()
      .given(states.undistributed, params)
      .uponReceiving("a list of the groups a package's content is on, while it is on none")
      .withRequest("GET", `${wmi}/SMS_DPGroupDistributionStatusDetails`, (b) =>
        b.query({ $filter: byPackage, $top: "500" }).headers(negotiateHeader)
      )
      .willRespondWith(200, (b) => b.jsonBody({ value: [] }))
    pact
      .addInteraction()
      .given(states.undistributed, params)
      .uponReceiving("a request to distribute a content package to a distribution point group")
      .withRequest(
        "POST",
        adminPath(`${wmi}/SMS_ContentPackage('{packageId}')/AdminService.AddDistributionPointGroup`, {
          packageId: examplePackageId
        }),
        (b) =>
          b.headers(negotiateHeader).jsonBody({
            DistributionPointGroup: [
              fromState("^\\{?[0-9A-Fa-f-]{36}\\}?$", stateValue("groupId"), exampleGroupId)
            ]
          })
      )
      .willRespondWith(201, (b) => b.jsonBody({ ReturnValue: integer(0) }))
    await pact
      .addInteraction()
      .given(states.sent, params)
      .uponReceiving("a list of a package's state on each distribution point")
      .withRequest("GET", `${wmi}/SMS_PackageStatus`, (b) =>
        b.query({ $filter: byPackage, $top: "500" }).headers(negotiateHeader)
      )
      .willRespondWith(200, (b) => b.jsonBody({ value: eachLike(packageStatus(2, "DP01.contoso.com")) }))
      .executeTest(async (server) => {
        const result = await runOk(withRuntime(server.url, (rt) => distribute(rt, examplePackageId)))
        expect(result.objects).toMatchObject([{ kind: "distributionPointGroup", created: true }])
        expect(result.distribution).toEqual([
          { target: "DP01.contoso.com", state: "in_progress", detail: "SMS_PackageStatus 2 RECEIVED" }
        ])
      })
  })

  it("reports an offline DP as retrying, not as a failure, when the content is already on the group", async () => {
    const params = { key, dp: "DP02.contoso.com" }
    groups(
      states.offlineDp,
      params,
      "a list of distribution point groups while a DP is offline",
      "Branch DPs"
    )
    pact
      .addInteraction()
      .given(states.offlineDp, params)
      .uponReceiving("a list of the groups a package's content is on")
      .withRequest("GET", `${wmi}/SMS_DPGroupDistributionStatusDetails`, (b) =>
        b.query({ $filter: byPackage, $top: "500" }).headers(negotiateHeader)
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({ value: eachLike({ GroupID: like(exampleGroupId), PackageID: like(examplePackageId) }) })
      )
    await pact
      .addInteraction()
      .given(states.offlineDp, params)
      .uponReceiving("a list of a package's state on each distribution point, one of them retrying")
      .withRequest("GET", `${wmi}/SMS_PackageStatus`, (b) =>
        b.query({ $filter: byPackage, $top: "500" }).headers(negotiateHeader)
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          value: [like(packageStatus(4, "DP02.contoso.com")), like(packageStatus(3, "DP03.contoso.com"))]
        })
      )
      .executeTest(async (server) => {
        const result = await runOk(
          withRuntime(server.url, (rt) => distribute(rt, examplePackageId), {
            distributionPointGroups: ["Branch DPs"]
          })
        )
        expect(result.objects).toMatchObject([{ kind: "distributionPointGroup", created: false }])
        expect(result.distribution.map((d) => [d.target, d.state])).toEqual([
          ["DP02.contoso.com", "retrying"],
          ["DP03.contoso.com", "installed"]
        ])
      })
  })
})

describe("collections", () => {
  const collectionPath = adminPath(`${wmi}/SMS_Collection('{collectionId}')`, {
    collectionId: exampleCollectionId
  })
  const collectionRow = (rules: unknown) => ({
    ...systemProperties("SMS_Collection"),
    CollectionID: like(exampleCollectionId),
    Name: like(`planes ${pkg.name} ${pkg.version} required ${deviceKey}`),
    Comment: like(`Target of ${pkg.name} ${pkg.version} (required)\n[planes key ${deviceKey}]`),
    CurrentStatus: integer(1),
    CollectionRules: rules
  })
  const readCollection = (state: string, description: string, rules: unknown) =>
    pact
      .addInteraction()
      .given(state, { key: deviceKey, resourceId: exampleResourceId })
      .uponReceiving(description)
      .withRequest("GET", collectionPath, (b) => b.headers(negotiateHeader))
      .willRespondWith(200, (b) => b.jsonBody({ value: [collectionRow(rules)] }))
  const addRule = (description: string, body: unknown) =>
    pact
      .addInteraction()
      .given(states.emptyCollection, { key: deviceKey, resourceId: exampleResourceId })
      .uponReceiving(description)
      .withRequest(
        "POST",
        adminPath(`${wmi}/SMS_Collection('{collectionId}')/AdminService.AddMembershipRule`, {
          collectionId: exampleCollectionId
        }),
        (b) => b.headers(negotiateHeader).jsonBody(body)
      )
      .willRespondWith(201, (b) => b.jsonBody({ ReturnValue: integer(0) }))

  it("makes a device collection for a devices target: resolves devices, finds none, creates, adds rules", async () => {
    pact
      .addInteraction()
      .given(states.device, { resourceId: exampleResourceId })
      .uponReceiving("a list of devices by ResourceID")
      .withRequest("GET", `${wmi}/SMS_R_System`, (b) =>
        b
          .query({ $filter: `ResourceID eq ${exampleResourceId}`, $orderby: "ResourceID", $top: "500" })
          .headers(negotiateHeader)
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          value: eachLike({
            ...systemProperties("SMS_R_System"),
            ResourceID: integer(exampleResourceId),
            Name: like("WS-0001")
          })
        })
      )
    pact
      .addInteraction()
      .given(states.noCollection, { key: deviceKey })
      .uponReceiving("a list of collections whose comment contains a key none carries")
      .withRequest("GET", `${wmi}/SMS_Collection`, (b) =>
        b.query({ $filter: `contains(Comment,'${deviceKey}')`, $top: "500" }).headers(negotiateHeader)
      )
      .willRespondWith(200, (b) => b.jsonBody({ value: [] }))
    pact
      .addInteraction()
      .given(states.noCollection, { key: deviceKey })
      .uponReceiving("a request to create a device collection")
      .withRequest("POST", `${wmi}/SMS_Collection`, (b) =>
        b.headers(negotiateHeader).jsonBody(collectionBody(deviceAssignment, deviceKey, "SMS00001"))
      )
      .willRespondWith(201, (b) =>
        b.jsonBody({
          CollectionID: like(exampleCollectionId),
          Name: like(collectionBody(deviceAssignment, deviceKey, "SMS00001").Name)
        })
      )
    readCollection(
      states.emptyCollection,
      "a request for a collection without rules (lazy CollectionRules filled)",
      []
    )
    await addRule(
      "a request to add a direct membership rule",
      membershipRuleBody({ _tag: "direct", resourceId: exampleResourceId, name: "WS-0001" })
    ).executeTest(async (server) => {
      const found = await runOk(
        withRuntime(server.url, (rt) => targetCollection(rt, deviceAssignment, deviceKey))
      )
      expect(found).toMatchObject({ created: true, value: { CollectionID: exampleCollectionId } })
    })
  })

  it("adds a WQL query rule to a collection", async () => {
    readCollection(
      states.emptyCollection,
      "a request for a collection without rules (lazy CollectionRules filled)",
      []
    )
    await addRule(
      "a request to add a query membership rule",
      membershipRuleBody({ _tag: "query", query })
    ).executeTest(async (server) => {
      const added = await runOk(
        withRuntime(server.url, (rt) => ensureRules(rt, exampleCollectionId, [{ _tag: "query", query }]))
      )
      expect(added).toBe(1)
    })
  })

  it("reads a collection's rules back and adds none it already has", async () => {
    await readCollection(
      states.directRule,
      "a request for a collection with a direct rule",
      eachLike({
        "@odata.type": "#AdminService.SMS_CollectionRuleDirect",
        RuleName: like("WS-0001"),
        ResourceID: integer(exampleResourceId)
      })
    ).executeTest(async (server) => {
      const added = await runOk(
        withRuntime(server.url, (rt) =>
          ensureRules(rt, exampleCollectionId, [
            { _tag: "direct", resourceId: exampleResourceId, name: "WS-0001" }
          ])
        )
      )
      expect(added).toBe(0)
    })
  })

  it("reads an existing collection a group target names", async () => {
    await pact
      .addInteraction()
      .given(states.builtIn, { collectionId: all })
      .uponReceiving("a request for an existing collection by id")
      .withRequest("GET", `${wmi}/SMS_Collection('${all}')`, (b) => b.headers(negotiateHeader))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          value: [{ CollectionID: all, Name: like("All Workstations"), CurrentStatus: integer(1) }]
        })
      )
      .executeTest(async (server) => {
        const found = await runOk(
          withRuntime(server.url, (rt) => targetCollection(rt, groupAssignment, groupKey))
        )
        expect(found).toMatchObject({ created: false, value: { CollectionID: all } })
      })
  })

  it("reads a 404 for an unknown collection as not found (a PermanentError naming it)", async () => {
    const unknown = "ABC09999"
    const intent = assignmentIntent(pkg, { _tag: "group", id: unknown })
    await pact
      .addInteraction()
      .given(states.noSuchCollection, { collectionId: unknown })
      .uponReceiving("a request for a collection that does not exist")
      .withRequest("GET", `${wmi}/SMS_Collection('${unknown}')`, (b) => b.headers(negotiateHeader))
      .willRespondWith(404, (b) =>
        b.jsonBody(adminServiceError(404, `No instance found for SMS_Collection('${unknown}')`))
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          withRuntime(server.url, (rt) => targetCollection(rt, intent, intentKey(intent)))
        )
        expect(error).toMatchObject({ _tag: "PermanentError", code: "UnknownCollection" })
      })
  })
})

describe("deployments", () => {
  const deploymentParams = { ...published, collectionId: all, deploymentKey: groupKey }
  const findDeployment = (state: string, description: string, rows: unknown) =>
    pact
      .addInteraction()
      .given(state, deploymentParams)
      .uponReceiving(description)
      .withRequest("GET", `${wmi}/SMS_ApplicationAssignment`, (b) =>
        b
          .query({ $filter: `contains(AssignmentDescription,'${groupKey}')`, $top: "500" })
          .headers(negotiateHeader)
      )
      .willRespondWith(200, (b) => b.jsonBody({ value: rows }))
  const findApp = (state: string, description: string) =>
    pact
      .addInteraction()
      .given(state, deploymentParams)
      .uponReceiving(description)
      .withRequest("GET", `${wmi}/SMS_ApplicationLatest`, findAppRequest)
      .willRespondWith(200, (b) => b.jsonBody({ value: eachLike(appRow("1.2.3", key, appDescription)) }))
  const readAll = (state: string, description: string) =>
    pact
      .addInteraction()
      .given(state, deploymentParams)
      .uponReceiving(description)
      .withRequest("GET", `${wmi}/SMS_Collection('${all}')`, (b) => b.headers(negotiateHeader))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          value: [{ CollectionID: all, Name: like("All Workstations"), CurrentStatus: integer(1) }]
        })
      )
  const assignmentRow = {
    AssignmentID: integer(exampleDeploymentId),
    AssignmentName: like(`${title}_${all}_Install`),
    AssignedCIs: eachLike(integer(exampleCiId)),
    TargetCollectionID: all,
    DesiredConfigType: integer(1),
    OfferTypeID: integer(0)
  }
  /** The create body, with the application's server ids from the provider state. */
  const createBody = () => {
    const body = deploymentBody({
      key: groupKey,
      intent: "required",
      application: { ciId: exampleCiId, modelId: exampleModelId, name: title },
      collectionId: all
    })
    return {
      ...body,
      AppModelID: intFromState(stateValue("modelId"), exampleModelId),
      AssignedCIs: [intFromState(stateValue("ciId"), exampleCiId)],
      AssignmentUniqueID: regex("^\\{[0-9A-F-]{36}\\}$", body.AssignmentUniqueID)
    }
  }

  it("deploys a published application to a collection: finds none, creates the deployment", async () => {
    findApp(states.notDeployed, "a list of latest applications with the package key, before deploying")
    readAll(states.notDeployed, "a request for the target collection, before deploying")
    findDeployment(states.notDeployed, "a list of deployments with a key none carries", [])
    await pact
      .addInteraction()
      .given(states.notDeployed, deploymentParams)
      .uponReceiving("a request to create a required application deployment")
      .withRequest("POST", `${wmi}/SMS_ApplicationAssignment`, (b) =>
        b.headers(negotiateHeader).jsonBody(createBody())
      )
      .willRespondWith(201, (b) => b.jsonBody(assignmentRow))
      .executeTest(async (server) => {
        const result = await runOk(withRuntime(server.url, (rt) => createAssignment(rt, groupAssignment)))
        expect(result.created).toBe(true)
        expect(result.ref).toBe(sccmRef({ deploymentId: exampleDeploymentId, collectionId: all, modelName }))
      })
  })

  it("finds the deployment by its key on a repeat and creates nothing", async () => {
    findApp(states.deployed, "a list of latest applications with the package key, once deployed")
    readAll(states.deployed, "a request for the target collection, once deployed")
    await findDeployment(states.deployed, "a list of deployments whose description contains the key", [
      like({
        ...systemProperties("SMS_ApplicationAssignment"),
        ...assignmentRow,
        AssignmentDescription: regex(
          `^[\\s\\S]*\\[planes key ${groupKey}\\][\\s\\S]*$`,
          `[planes key ${groupKey}]`
        )
      })
    ]).executeTest(async (server) => {
      const result = await runOk(withRuntime(server.url, (rt) => createAssignment(rt, groupAssignment)))
      expect(result.created).toBe(false)
    })
  })

  it("reads AdminService's 400 for the same application deployed twice to a collection as a PermanentError", async () => {
    await pact
      .addInteraction()
      .given(states.deployed, deploymentParams)
      .uponReceiving("a request to deploy an application to a collection it is already deployed to")
      .withRequest("POST", `${wmi}/SMS_ApplicationAssignment`, (b) =>
        b.headers(negotiateHeader).jsonBody(createBody())
      )
      .willRespondWith(400, (b) =>
        b.jsonBody(adminServiceError(400, "The application is already deployed to this collection."))
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          withRuntime(server.url, (rt) =>
            rt.admin.create(
              "create deployment",
              "SMS_ApplicationAssignment",
              deploymentBody({
                key: groupKey,
                intent: "required",
                application: { ciId: exampleCiId, modelId: exampleModelId, name: title },
                collectionId: all
              }),
              AssignmentRowSchema
            )
          )
        )
        expect(error).toMatchObject({ _tag: "PermanentError", status: 400 })
      })
  })
})

describe("state, remediation and rollback", () => {
  const reporting = { ...published, intent: "required", devices: 3 }
  const byDeployment = fromState(
    "^AssignmentID eq \\d+$",
    `AssignmentID eq ${stateValue("deploymentId")}`,
    `AssignmentID eq ${exampleDeploymentId}`
  )
  const byModel = fromState(
    "^ModelName eq '[^']+'$",
    `ModelName eq '${stateValue("modelName")}'`,
    `ModelName eq '${modelName}'`
  )
  const deploymentPath = adminPath(
    `${wmi}/SMS_ApplicationAssignment({deploymentId})`,
    { deploymentId: String(exampleDeploymentId) },
    "\\d+"
  )
  const asset = (machineId: number, name: string, status: number, enforcement: number, installed: number) =>
    like({
      ...systemProperties("SMS_AppDeploymentAssetDetails"),
      AssignmentID: integer(exampleDeploymentId),
      MachineID: integer(machineId),
      MachineName: like(name),
      AppStatusType: integer(status),
      EnforcementState: integer(enforcement),
      InstalledState: integer(installed)
    })
  const deploymentRow = {
    ...systemProperties("SMS_ApplicationAssignment"),
    AssignmentID: integer(exampleDeploymentId),
    AssignmentName: like(`${title}_${exampleCollectionId}_Install`),
    AssignedCIs: eachLike(integer(exampleCiId)),
    TargetCollectionID: like(exampleCollectionId),
    DesiredConfigType: integer(1),
    OfferTypeID: integer(0)
  }
  const readDeployment = (state: string, params: Record<string, string | number>, description: string) =>
    pact
      .addInteraction()
      .given(state, params)
      .uponReceiving(description)
      .withRequest("GET", deploymentPath, (b) => b.headers(negotiateHeader))
      .willRespondWith(200, (b) => b.jsonBody({ value: [deploymentRow] }))
  /** The paged device rows of a deployment of three devices: pages of two ($top=2, then $skip=2). */
  const devicePages = (purpose: string) => {
    pact
      .addInteraction()
      .given(states.reporting, reporting)
      .uponReceiving(`a list of latest applications by ModelName, ${purpose}`)
      .withRequest("GET", `${wmi}/SMS_ApplicationLatest`, (b) =>
        b.query({ $filter: byModel, $top: "2" }).headers(negotiateHeader)
      )
      .willRespondWith(200, (b) => b.jsonBody({ value: eachLike(appRow("1.2.3", key, appDescription)) }))
    pact
      .addInteraction()
      .given(states.reporting, reporting)
      .uponReceiving("the first page of a deployment's device states")
      .withRequest("GET", `${wmi}/SMS_AppDeploymentAssetDetails`, (b) =>
        b.query({ $filter: byDeployment, $orderby: "MachineID", $top: "2" }).headers(negotiateHeader)
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          value: [
            asset(exampleResourceId, "WS-0001", 5, 11, 1),
            asset(exampleResourceId + 1, "WS-0002", 1, 10, 2)
          ]
        })
      )
    return pact
      .addInteraction()
      .given(states.reporting, reporting)
      .uponReceiving("the last page of a deployment's device states")
      .withRequest("GET", `${wmi}/SMS_AppDeploymentAssetDetails`, (b) =>
        b
          .query({ $filter: byDeployment, $orderby: "MachineID", $top: "2", $skip: "2" })
          .headers(negotiateHeader)
      )
      .willRespondWith(200, (b) => b.jsonBody({ value: [asset(exampleResourceId + 2, "WS-0003", 2, 12, 1)] }))
  }

  it("reads the deployment summary's counts", async () => {
    await pact
      .addInteraction()
      .given(states.reporting, reporting)
      .uponReceiving("a deployment's summary")
      .withRequest("GET", `${wmi}/SMS_DeploymentSummary`, (b) =>
        b.query({ $filter: byDeployment, $top: "500" }).headers(negotiateHeader)
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          value: eachLike({
            ...systemProperties("SMS_DeploymentSummary"),
            AssignmentID: integer(exampleDeploymentId),
            NumberTargeted: integer(3),
            NumberSuccess: integer(1),
            NumberInProgress: integer(1),
            NumberErrors: integer(1),
            NumberOther: integer(0),
            NumberUnknown: integer(0)
          })
        })
      )
      .executeTest(async (server) => {
        const state = await runOk(withRuntime(server.url, (rt) => queryState(rt, ref)))
        expect(state).toMatchObject({ total: 3, counts: { installed: 1, in_progress: 1, failed: 1 } })
      })
  })

  it("reads every device's state, page by page ($top and $skip, ordered by MachineID)", async () => {
    await devicePages("for device states").executeTest(async (server) => {
      const devices = await runOk(
        withRuntime(server.url, (rt) => Stream.runCollect(deviceStates(rt, ref)), { pageSize: 2 })
      )
      expect(Chunk.toReadonlyArray(devices).map((d) => [d.deviceId, d.status])).toEqual([
        [String(exampleResourceId), "failed"],
        [String(exampleResourceId + 1), "installed"],
        [String(exampleResourceId + 2), "in_progress"]
      ])
    })
  })

  it("remediates: asks the failed devices to re-evaluate their application deployments", async () => {
    readDeployment(states.reporting, reporting, "a request for a deployment by id")
    devicePages("before remediating")
    await pact
      .addInteraction()
      .given(states.reporting, reporting)
      .uponReceiving("a client notification to re-evaluate application deployments")
      .withRequest("POST", `${wmi}/SMS_ClientOperation.InitiateClientOperation`, (b) =>
        b.headers(negotiateHeader).jsonBody({
          Type: 13,
          TargetCollectionID: fromState("^[A-Z0-9]{8}$", stateValue("collectionId"), exampleCollectionId),
          TargetResourceIDs: [intFromState(stateValue("firstResourceId"), exampleResourceId)]
        })
      )
      .willRespondWith(201, (b) =>
        b.jsonBody({ ReturnValue: integer(0), OperationID: integer(exampleOperationId) })
      )
      .executeTest(async (server) => {
        const result = await runOk(
          withRuntime(server.url, (rt) => remediate(rt, ref, { status: "installed" }), { pageSize: 2 })
        )
        expect(result).toMatchObject({
          action: "EvaluateApplicationDeployments",
          devices: [String(exampleResourceId)],
          objects: [{ kind: "clientOperation", id: String(exampleOperationId) }]
        })
      })
  })

  it("reads a 404 for a deployment that is gone as a PermanentError", async () => {
    const gone = 16777999
    await pact
      .addInteraction()
      .given(states.noDeployment, { deploymentId: gone })
      .uponReceiving("a request for a deployment that does not exist")
      .withRequest("GET", `${wmi}/SMS_ApplicationAssignment(${gone})`, (b) => b.headers(negotiateHeader))
      .willRespondWith(404, (b) =>
        b.jsonBody(adminServiceError(404, `No instance found for SMS_ApplicationAssignment(${gone})`))
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          withRuntime(server.url, (rt) =>
            deploymentOf(
              rt,
              { deploymentId: gone, collectionId: exampleCollectionId, modelName },
              "query state"
            )
          )
        )
        expect(error).toMatchObject({ _tag: "PermanentError", code: "UnknownDeployment" })
      })
  })

  it("rolls back: deploys the older version to the same collection, then deletes the current deployment", async () => {
    const params = {
      name: pkg.name,
      from: "1.2.3",
      fromKey: key,
      to: "1.0.0",
      toKey: intentKey(oldPkg),
      intent: "required"
    }
    const rbKey = rollbackKey(
      { deploymentId: exampleDeploymentId, collectionId: exampleCollectionId, modelName },
      "1.0.0"
    )
    const oldKey = intentKey(oldPkg)
    pact
      .addInteraction()
      .given(states.rollback, params)
      .uponReceiving("a list of latest applications by ModelName, before a rollback")
      .withRequest("GET", `${wmi}/SMS_ApplicationLatest`, (b) =>
        b.query({ $filter: byModel, $top: "500" }).headers(negotiateHeader)
      )
      .willRespondWith(200, (b) => b.jsonBody({ value: eachLike(appRow("1.2.3", key, appDescription)) }))
    pact
      .addInteraction()
      .given(states.rollback, params)
      .uponReceiving("a list of latest applications by title and version")
      .withRequest("GET", `${wmi}/SMS_ApplicationLatest`, (b) =>
        b
          .query({
            $filter: `LocalizedDisplayName eq '${pkg.name} 1.0.0' and SoftwareVersion eq '1.0.0'`,
            $top: "500"
          })
          .headers(negotiateHeader)
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          value: eachLike(appRow("1.0.0", oldKey, `${oldPkg.description}\n[planes key ${oldKey}]`))
        })
      )
    pact
      .addInteraction()
      .given(states.rollback, params)
      .uponReceiving("a list of deployments with a rollback key none carries")
      .withRequest("GET", `${wmi}/SMS_ApplicationAssignment`, (b) =>
        b
          .query({ $filter: `contains(AssignmentDescription,'${rbKey}')`, $top: "500" })
          .headers(negotiateHeader)
      )
      .willRespondWith(200, (b) => b.jsonBody({ value: [] }))
    readDeployment(states.rollback, params, "a request for the deployment a rollback replaces")
    pact
      .addInteraction()
      .given(states.rollback, params)
      .uponReceiving("a list of the collection's deployments, none of the older version")
      .withRequest("GET", `${wmi}/SMS_ApplicationAssignment`, (b) =>
        b
          .query({
            $filter: fromState(
              "^TargetCollectionID eq '[A-Z0-9]{8}'$",
              `TargetCollectionID eq '${stateValue("collectionId")}'`,
              `TargetCollectionID eq '${exampleCollectionId}'`
            ),
            $top: "500"
          })
          .headers(negotiateHeader)
      )
      // The current version's deployment only (another CI than the older version's).
      .willRespondWith(200, (b) =>
        b.jsonBody({
          value: eachLike({ ...deploymentRow, AssignedCIs: eachLike(integer(exampleCiId + 50)) })
        })
      )
    const body = deploymentBody({
      key: rbKey,
      intent: "required",
      application: { ciId: exampleCiId, modelId: exampleModelId, name: `${pkg.name} 1.0.0` },
      collectionId: exampleCollectionId,
      note: `Rollback of deployment ${exampleDeploymentId} to 1.0.0`
    })
    pact
      .addInteraction()
      .given(states.rollback, params)
      .uponReceiving("a request to deploy the older version to the same collection")
      .withRequest("POST", `${wmi}/SMS_ApplicationAssignment`, (b) =>
        b.headers(negotiateHeader).jsonBody({
          ...body,
          AssignmentName: fromState(
            "^.+_[A-Z0-9]{8}_Install$",
            `${pkg.name} 1.0.0_${stateValue("collectionId")}_Install`,
            body.AssignmentName
          ),
          AssignmentDescription: regex(
            "^Rollback of deployment \\d+ to 1\\.0\\.0\\n\\[planes key pl1-[A-Za-z0-9_-]+\\]$",
            body.AssignmentDescription
          ),
          AssignmentUniqueID: regex("^\\{[0-9A-F-]{36}\\}$", body.AssignmentUniqueID),
          AppModelID: intFromState(stateValue("targetModelId"), exampleModelId),
          AssignedCIs: [intFromState(stateValue("targetCiId"), exampleCiId)],
          TargetCollectionID: fromState("^[A-Z0-9]{8}$", stateValue("collectionId"), exampleCollectionId)
        })
      )
      .willRespondWith(201, (b) =>
        b.jsonBody({ ...deploymentRow, AssignmentID: integer(exampleDeploymentId + 1) })
      )
    await pact
      .addInteraction()
      .given(states.rollback, params)
      .uponReceiving("a request to delete a deployment")
      .withRequest("DELETE", deploymentPath, (b) => b.headers(negotiateHeader))
      .willRespondWith(204)
      .executeTest(async (server) => {
        const result = await runOk(withRuntime(server.url, (rt) => rollback(rt, ref, "1.0.0")))
        expect(result).toMatchObject({
          fromRef: ref,
          version: "1.0.0",
          objects: [
            { kind: "deployment", id: String(exampleDeploymentId + 1), created: true },
            { kind: "retiredDeployment", name: "deleted" }
          ]
        })
      })
  })

  it("reads a 404 on deleting a deployment that is already gone as done", async () => {
    const gone = 16777999
    await pact
      .addInteraction()
      .given(states.noDeployment, { deploymentId: gone })
      .uponReceiving("a request to delete a deployment that does not exist")
      .withRequest("DELETE", `${wmi}/SMS_ApplicationAssignment(${gone})`, (b) => b.headers(negotiateHeader))
      .willRespondWith(404, (b) =>
        b.jsonBody(adminServiceError(404, `No instance found for SMS_ApplicationAssignment(${gone})`))
      )
      .executeTest(async (server) => {
        const removed = await runOk(
          withRuntime(server.url, (rt) =>
            rt.admin.remove("retire deployment", "SMS_ApplicationAssignment", gone)
          )
        )
        expect(removed).toBe(false)
      })
  })
})

describe("refusals and AdminService's quirks", () => {
  const findCollectionRequest = (b: V4RequestBuilder) =>
    b.query({ $filter: `contains(Comment,'${deviceKey}')`, $top: "500" }).headers(negotiateHeader)

  it("reads the 404 'Access denied' (missing RBAC or WMI rights) as a PolicyError, not a missing object", async () => {
    await pact
      .addInteraction()
      .given(states.denied)
      .uponReceiving("a query by an account without WMI rights")
      .withRequest("GET", `${wmi}/SMS_Collection`, findCollectionRequest)
      .willRespondWith(404, (b) => b.jsonBody(accessDeniedBody))
      .executeTest(async (server) => {
        const error = await runFailing(withRuntime(server.url, (rt) => findCollection(rt, deviceKey)))
        expect(error).toMatchObject({ _tag: "PolicyError", status: 404 })
      })
  })

  it("reads a 403 as a PolicyError, never retried", async () => {
    await pact
      .addInteraction()
      .given(states.forbidden)
      .uponReceiving("a query the site forbids")
      .withRequest("GET", `${wmi}/SMS_Collection`, findCollectionRequest)
      .willRespondWith(403, (b) => b.jsonBody(adminServiceError(403, "Forbidden")))
      .executeTest(async (server) => {
        const error = await runFailing(withRuntime(server.url, (rt) => findCollection(rt, deviceKey)))
        expect(error).toMatchObject({ _tag: "PolicyError", status: 403 })
      })
  })

  it("reads a 503 while the SMS Provider restarts as a TransientError", async () => {
    await pact
      .addInteraction()
      .given(states.unavailable)
      .uponReceiving("a query while the SMS Provider restarts")
      .withRequest("GET", `${wmi}/SMS_Collection`, findCollectionRequest)
      .willRespondWith(503, (b) => b.jsonBody(adminServiceError(503, "Service Unavailable")))
      .executeTest(async (server) => {
        const error = await runFailing(withRuntime(server.url, (rt) => findCollection(rt, deviceKey)))
        expect(error).toMatchObject({ _tag: "TransientError", status: 503 })
      })
  })
})

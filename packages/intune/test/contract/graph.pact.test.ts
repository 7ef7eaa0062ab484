import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Http, intentKey, RetryPolicy, SecretStore } from "@planes/core"
import { Chunk, Duration, Effect, Option, Redacted, Stream } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { deleteAssignment, ensureAssignment, listAssignments } from "../../src/assign/assignments.js"
import { entraErrorProfile } from "../../src/auth/entraErrorProfile.js"
import { jwtBearerAssertionType, makeEntraTokenProvider } from "../../src/auth/tokenSource.js"
import type { IntuneConfig } from "../../src/config/IntuneConfig.js"
import { graphCorrelationHeader } from "../../src/graph/GraphClient.js"
import { mobileAppAssignmentBody } from "../../src/mapping/assignment.js"
import { appDisplayName } from "../../src/mapping/win32LobApp.js"
import {
  commitContentFile,
  contentFileBody,
  createContentFile,
  getContentFile,
  waitForContentFile
} from "../../src/publish/contentFile.js"
import { commitContentVersion, createContentVersion } from "../../src/publish/contentVersion.js"
import { createApp } from "../../src/publish/createApp.js"
import { appFilters, findAppByKey, listAppsNamed } from "../../src/publish/findApp.js"
import { getApp, observeApp } from "../../src/publish/observe.js"
import { syncDevice } from "../../src/remediate/remediate.js"
import { deviceStatesOfApp } from "../../src/state/deviceStates.js"
import { reportColumns } from "../../src/state/reportRows.js"
import { renewUpload } from "../../src/upload/uploadContent.js"
import { assignmentIntent, packageIntent } from "../fixtures.js"
import {
  base64Of,
  bearer,
  clientId,
  contractConfig,
  eachLike,
  exampleAccessToken,
  exampleAppId,
  exampleAssignmentId,
  exampleContentVersionId,
  exampleDetection,
  exampleDeviceId,
  exampleFileId,
  exampleGroupId,
  examplePackage,
  fromState,
  graphClient,
  graphErrorBody,
  graphPath,
  graphProvider,
  integer,
  isoInstant,
  like,
  pactV3,
  pactV4,
  regex,
  runFailing,
  runOk,
  startFresh,
  stateValue,
  tenantId
} from "./pactSupport.js"

// The Intune adapter's contract with Microsoft Graph and its Entra ID token endpoint: every request the
// adapter makes, driven through the adapter's own functions against the Pact mock server, with the
// answers it relies on. Responses pin only what the adapter reads; ids come from provider states.
// One interaction per test, except where the function under test is itself a sequence (the isof
// fallback, observing content, renew-then-wait, find-or-create, the report's pages): those add each
// interaction, then run the function once against all of them.

const golden = (name: string): unknown =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../mapping/__golden__/${name}`, import.meta.url)), "utf8"))

const key = intentKey(packageIntent)
const displayName = appDisplayName(packageIntent)
const published = { name: packageIntent.name, version: packageIntent.version, key }
const notes = `Managed by planes; do not edit this line. key=${key}; package=7-Zip; version=24.08`
const notesWithKey = regex(`^.*\\bkey=${key}\\b.*$`, notes)
// Generous: a timeout only bounds a failing wait, and a busy machine must not fail a passing one.
const poll = { intervalSeconds: 0.01, timeoutSeconds: 30 }
const unknownAppId = "0a1b2c3d-0000-4000-8000-00000000dead"

const apps = "/v1.0/deviceAppManagement/mobileApps"
const appPath = `${apps}/{appId}`
const contentVersions = `${appPath}/microsoft.graph.win32LobApp/contentVersions`
const files = `${contentVersions}/{contentVersionId}/files`
const file = `${files}/{fileId}`
const assignments = "/beta/deviceAppManagement/mobileApps/{appId}/assignments"
const ids = { appId: exampleAppId, contentVersionId: exampleContentVersionId, fileId: exampleFileId }

const states = {
  published: "a published win32LobApp for {name} {version} with key {key} exists",
  unpublished: "an unpublished win32LobApp for {name} {version} with key {key} exists",
  emptyContentVersion: "the unpublished win32LobApp with key {key} has an empty content version",
  file: "the unpublished win32LobApp with key {key} has a content file in state {uploadState}",
  uploaded:
    "the content file of the unpublished win32LobApp with key {key} is uploaded and awaits its commit",
  assigned: "the published win32LobApp with key {key} is assigned to group {groupId} as {intent}",
  reporting: "the published win32LobApp with key {key} is assigned as {intent} to {devices} devices",
  noApp: "no app with id {appId} exists",
  noAppNamed: "no app named {displayName} exists",
  noIsof: "the tenant refuses isof() in $filter",
  device: "a managed device exists",
  throttled: "the next request is throttled with Retry-After {retryAfter}",
  expiredToken: "the caller's access token has expired",
  readOnly: "the caller lacks permission to change apps",
  secretClient: "client {clientId} is registered in tenant {tenantId} with a secret",
  certificateClient: "client {clientId} is registered in tenant {tenantId} with a certificate"
} as const

/** An app in a list, as the lookup reads it: type, id, name, notes (the key), publishing state. */
const listedApp = {
  "@odata.type": "#microsoft.graph.win32LobApp",
  id: like(exampleAppId),
  displayName,
  notes: notesWithKey,
  publishingState: like("published")
}

const graph = pactV4(graphProvider)
const entra = pactV3(graphProvider)

beforeAll(() => startFresh(graphProvider))

describe("Entra ID token endpoint", () => {
  const tokenPath = fromState(
    "^/[^/]+/oauth2/v2\\.0/token$",
    `/${stateValue("tenantId")}/oauth2/v2.0/token`,
    `/${tenantId}/oauth2/v2.0/token`
  )
  const form = (credential: Record<string, unknown>) => ({
    grant_type: "client_credentials",
    client_id: fromState("^\\S+$", stateValue("clientId"), clientId),
    // The adapter asks for `{graphUrl}/.default`; here the Graph URL is the mock server's.
    scope: regex("^https?://\\S+/\\.default$", "https://graph.microsoft.com/.default"),
    ...credential
  })
  const tokenAnswer = {
    token_type: "Bearer",
    expires_in: integer(3599),
    access_token: like(exampleAccessToken)
  }

  /** A token through the adapter's Entra token source (the one IntunePlane builds). */
  const fetchToken = (config: IntuneConfig) =>
    Effect.gen(function* () {
      const authority = yield* Http.makePlaneHttpClient({
        plane: "intune",
        baseUrl: config.authorityUrl,
        profile: entraErrorProfile,
        correlationHeader: graphCorrelationHeader
      })
      const tokens = yield* makeEntraTokenProvider(config, authority, yield* SecretStore)
      return Redacted.value(yield* tokens.get)
    })

  it("gets a token with a client secret", async () => {
    entra
      .given(states.secretClient, { clientId, tenantId })
      .uponReceiving("a client-credentials token request with a client secret")
      .withRequest({
        method: "POST",
        path: tokenPath,
        contentType: "application/x-www-form-urlencoded",
        body: form({
          client_secret: fromState("^\\S+$", stateValue("clientSecret"), "example-client-secret")
        })
      })
      .willRespondWith({ status: 200, body: tokenAnswer })
    await entra.executeTest(async (server) => {
      expect(await runOk(fetchToken(contractConfig(server.url)))).toBe(exampleAccessToken)
    })
  })

  it("gets a token with a client assertion signed by the registered certificate", async () => {
    entra
      .given(states.certificateClient, { clientId, tenantId })
      .uponReceiving("a client-credentials token request with a client assertion")
      .withRequest({
        method: "POST",
        path: tokenPath,
        contentType: "application/x-www-form-urlencoded",
        body: form({
          client_assertion_type: jwtBearerAssertionType,
          // Signed afresh for every request (new jti, times); the provider signs its own for its clock.
          client_assertion: fromState(
            "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$",
            stateValue("clientAssertion"),
            "eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJwYWN0In0.c2lnbmF0dXJl"
          )
        })
      })
      .willRespondWith({ status: 200, body: tokenAnswer })
    await entra.executeTest(async (server) => {
      const config = contractConfig(server.url, {
        credential: {
          _tag: "certificate",
          certificate: "file:/secrets/intune.crt",
          privateKey: "file:/secrets/intune.key"
        }
      })
      expect(await runOk(fetchToken(config))).toBe(exampleAccessToken)
    })
  })

  it("reads Entra's OAuth error for a wrong secret as a PolicyError", async () => {
    entra
      .given(states.secretClient, { clientId, tenantId })
      .uponReceiving("a token request with a client secret that is not the registered one")
      .withRequest({
        method: "POST",
        path: tokenPath,
        contentType: "application/x-www-form-urlencoded",
        body: form({ client_secret: "not-the-secret" })
      })
      .willRespondWith({
        status: 401,
        body: {
          error: "invalid_client",
          error_description: regex(
            "^AADSTS7000215: [\\s\\S]+$",
            "AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 5b1f0c3e-0000-4000-8000-000000000001"
          ),
          error_codes: eachLike(7000215),
          timestamp: like("2026-11-25 12:00:00Z"),
          trace_id: like("5b1f0c3e-0000-4000-8000-000000000001"),
          correlation_id: like("5b1f0c3e-0000-4000-8000-000000000002")
        }
      })
    await entra.executeTest(async (server) => {
      const config = contractConfig(server.url, {
        credential: { _tag: "secret", secret: "env:WRONG_SECRET" }
      })
      const error = await runFailing(fetchToken(config))
      expect(error).toMatchObject({ _tag: "PolicyError", status: 401, code: "invalid_client" })
      expect(error.message).toContain("AADSTS7000215")
    })
  })
})

describe("apps", () => {
  const [byTypeAndName = "", byName = ""] = appFilters(displayName)

  it("finds an app by its key: listed by type and display name, key read from notes", async () => {
    await graph
      .addInteraction()
      .given(states.published, published)
      .uponReceiving("a list of Win32 apps filtered by type and display name")
      .withRequest("GET", apps, (b) => b.query({ $filter: byTypeAndName }).headers(bearer))
      .willRespondWith(200, (b) => b.jsonBody({ value: eachLike(listedApp) }))
      .executeTest(async (server) => {
        const found = await runOk(
          Effect.flatMap(graphClient(server.url), (g) => findAppByKey(g, displayName, key))
        )
        expect(Option.map(found, (app) => app.displayName)).toEqual(Option.some(displayName))
      })
  })

  it("falls back to the display name alone when the tenant answers 400 to isof()", async () => {
    graph
      .addInteraction()
      .given(states.noIsof)
      .given(states.published, published)
      .uponReceiving("a list of apps filtered with isof() on a tenant that refuses it")
      .withRequest("GET", apps, (b) => b.query({ $filter: byTypeAndName }).headers(bearer))
      .willRespondWith(400, (b) =>
        b.jsonBody(
          graphErrorBody("BadRequest", "Invalid filter clause: the function 'isof' is not supported.")
        )
      )
    await graph
      .addInteraction()
      .given(states.noIsof)
      .given(states.published, published)
      .uponReceiving("a list of apps filtered by display name alone")
      .withRequest("GET", apps, (b) => b.query({ $filter: byName }).headers(bearer))
      .willRespondWith(200, (b) => b.jsonBody({ value: eachLike(listedApp) }))
      .executeTest(async (server) => {
        const listed = await runOk(
          Effect.flatMap(graphClient(server.url), (g) => listAppsNamed(g, displayName))
        )
        expect(listed.map((app) => app.displayName)).toEqual([displayName])
      })
  })

  it("creates a win32LobApp from the mapped intent", async () => {
    await graph
      .addInteraction()
      .given(states.noAppNamed, { displayName })
      .uponReceiving("a request to create a win32LobApp")
      .withRequest("POST", apps, (b) => b.headers(bearer).jsonBody(golden("win32LobApp.v1.0.json")))
      .willRespondWith(201, (b) =>
        b.jsonBody({
          "@odata.type": "#microsoft.graph.win32LobApp",
          id: like(exampleAppId),
          displayName,
          publishingState: like("notPublished")
        })
      )
      .executeTest(async (server) => {
        const app = await runOk(
          Effect.flatMap(graphClient(server.url), (g) => createApp(g, packageIntent, key, exampleDetection))
        )
        expect(app.id).toBe(exampleAppId)
      })
  })

  it("reads an app by id", async () => {
    await graph
      .addInteraction()
      .given(states.published, published)
      .uponReceiving("a request for a published win32LobApp by id")
      .withRequest("GET", graphPath(appPath, ids), (b) => b.headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          "@odata.type": "#microsoft.graph.win32LobApp",
          id: like(exampleAppId),
          displayName,
          notes: notesWithKey,
          publishingState: "published",
          committedContentVersion: like("1")
        })
      )
      .executeTest(async (server) => {
        const app = await runOk(Effect.flatMap(graphClient(server.url), (g) => getApp(g, exampleAppId)))
        expect(Option.map(app, (a) => a.publishingState)).toEqual(Option.some("published"))
      })
  })

  it("reads Graph's 404 for an app that is gone as None", async () => {
    await graph
      .addInteraction()
      .given(states.noApp, { appId: unknownAppId })
      .uponReceiving("a request for an app that does not exist")
      .withRequest("GET", `${apps}/${unknownAppId}`, (b) => b.headers(bearer))
      .willRespondWith(404, (b) => b.jsonBody(graphErrorBody("ResourceNotFound", "The app was not found.")))
      .executeTest(async (server) => {
        const app = await runOk(Effect.flatMap(graphClient(server.url), (g) => getApp(g, unknownAppId)))
        expect(Option.isNone(app)).toBe(true)
      })
  })
})

describe("content versions and files", () => {
  it("creates a content version", async () => {
    await graph
      .addInteraction()
      .given(states.unpublished, published)
      .uponReceiving("a request to create a content version")
      .withRequest("POST", graphPath(contentVersions, ids), (b) => b.headers(bearer).jsonBody({}))
      .willRespondWith(201, (b) => b.jsonBody({ id: like(exampleContentVersionId) }))
      .executeTest(async (server) => {
        const cv = await runOk(
          Effect.flatMap(graphClient(server.url), (g) => createContentVersion(g, exampleAppId))
        )
        expect(cv.id).toBe(exampleContentVersionId)
      })
  })

  it("observes an app's content versions and their files", async () => {
    const state = { key, uploadState: "azureStorageUriRequestSuccess" }
    graph
      .addInteraction()
      .given(states.file, state)
      .uponReceiving("a list of an app's content versions")
      .withRequest("GET", graphPath(contentVersions, ids), (b) => b.headers(bearer))
      .willRespondWith(200, (b) => b.jsonBody({ value: eachLike({ id: like(exampleContentVersionId) }) }))
    await graph
      .addInteraction()
      .given(states.file, state)
      .uponReceiving("a list of the files of a content version")
      .withRequest("GET", graphPath(files, ids), (b) => b.headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          value: eachLike({ id: like(exampleFileId), uploadState: "azureStorageUriRequestSuccess" })
        })
      )
      .executeTest(async (server) => {
        const observed = await runOk(
          Effect.flatMap(graphClient(server.url), (g) =>
            observeApp(g, {
              id: exampleAppId,
              publishingState: "notPublished",
              committedContentVersion: null
            })
          )
        )
        expect(observed.contentVersions).toEqual([
          {
            id: exampleContentVersionId,
            files: [{ id: exampleFileId, uploadState: "azureStorageUriRequestSuccess" }]
          }
        ])
      })
  })

  it("creates a content file for the package", async () => {
    await graph
      .addInteraction()
      .given(states.emptyContentVersion, { key })
      .uponReceiving("a request to create a content file")
      .withRequest("POST", graphPath(files, ids), (b) =>
        b.headers(bearer).jsonBody(contentFileBody(examplePackage))
      )
      .willRespondWith(201, (b) =>
        b.jsonBody({ id: like(exampleFileId), uploadState: like("azureStorageUriRequestPending") })
      )
      .executeTest(async (server) => {
        const created = await runOk(
          Effect.flatMap(graphClient(server.url), (g) =>
            createContentFile(g, exampleAppId, exampleContentVersionId, examplePackage)
          )
        )
        expect(created.id).toBe(exampleFileId)
      })
  })

  it("waits for the upload URL of a content file", async () => {
    await graph
      .addInteraction()
      .given(states.file, { key, uploadState: "azureStorageUriRequestSuccess" })
      .uponReceiving("a request for a content file whose upload URL is ready")
      .withRequest("GET", graphPath(file, ids), (b) => b.headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          id: like(exampleFileId),
          uploadState: "azureStorageUriRequestSuccess",
          azureStorageUri: regex(
            "^https?://\\S+$",
            "https://pactstorage.blob.core.windows.net/pact/example?sv=x"
          ),
          azureStorageUriExpirationDateTime: isoInstant("2026-11-25T12:15:00Z")
        })
      )
      .executeTest(async (server) => {
        const ready = await runOk(
          Effect.flatMap(graphClient(server.url), (g) => waitForContentFile(g, ids, "uploadable", poll))
        )
        expect(ready.azureStorageUri).toMatch(/^https:/)
      })
  })

  it("renews an upload URL and waits for the renewal", async () => {
    graph
      .addInteraction()
      .given(states.file, { key, uploadState: "azureStorageUriRequestSuccess" })
      .uponReceiving("a request to renew the upload URL of a content file")
      .withRequest("POST", graphPath(`${file}/renewUpload`, ids), (b) => b.headers(bearer).jsonBody({}))
      .willRespondWith(204)
    await graph
      .addInteraction()
      .given(states.file, { key, uploadState: "azureStorageUriRenewalSuccess" })
      .uponReceiving("a request for a content file whose upload URL was renewed")
      .withRequest("GET", graphPath(file, ids), (b) => b.headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          id: like(exampleFileId),
          uploadState: "azureStorageUriRenewalSuccess",
          azureStorageUri: regex(
            "^https?://\\S+$",
            "https://pactstorage.blob.core.windows.net/pact/example?sv=y"
          ),
          azureStorageUriExpirationDateTime: isoInstant("2026-11-25T12:30:00Z")
        })
      )
      .executeTest(async (server) => {
        const renewed = await runOk(
          Effect.flatMap(graphClient(server.url), (g) =>
            renewUpload(
              g,
              {
                appId: exampleAppId,
                contentVersionId: exampleContentVersionId,
                file: { id: exampleFileId, uploadState: "azureStorageUriRequestSuccess" }
              },
              poll
            )
          )
        )
        expect(renewed.uploadState).toBe("azureStorageUriRenewalSuccess")
      })
  })

  it("commits an uploaded content file with its encryption info", async () => {
    const info = exampleDetection.encryptionInfo
    await graph
      .addInteraction()
      .given(states.uploaded, { key })
      .uponReceiving("a request to commit a content file")
      .withRequest("POST", graphPath(`${file}/commit`, ids), (b) =>
        b.headers(bearer).jsonBody({
          fileEncryptionInfo: {
            "@odata.type": "microsoft.graph.fileEncryptionInfo",
            encryptionKey: base64Of(info.encryptionKey),
            initializationVector: base64Of(info.initializationVector),
            mac: base64Of(info.mac),
            macKey: base64Of(info.macKey),
            profileIdentifier: "ProfileVersion1",
            fileDigest: base64Of(info.fileDigest),
            fileDigestAlgorithm: "SHA256"
          }
        })
      )
      .willRespondWith(204)
      .executeTest(async (server) => {
        await runOk(
          Effect.flatMap(graphClient(server.url), (g) =>
            commitContentFile(g, exampleAppId, exampleContentVersionId, exampleFileId, examplePackage)
          )
        )
      })
  })

  it("waits for a commit to succeed", async () => {
    await graph
      .addInteraction()
      .given(states.file, { key, uploadState: "commitFileSuccess" })
      .uponReceiving("a request for a committed content file")
      .withRequest("GET", graphPath(file, ids), (b) => b.headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody({ id: like(exampleFileId), uploadState: "commitFileSuccess", isCommitted: true })
      )
      .executeTest(async (server) => {
        const committed = await runOk(
          Effect.flatMap(graphClient(server.url), (g) => waitForContentFile(g, ids, "committed", poll))
        )
        expect(committed.isCommitted).toBe(true)
      })
  })

  it("points the app at its committed content version", async () => {
    await graph
      .addInteraction()
      .given(states.file, { key, uploadState: "commitFileSuccess" })
      .uponReceiving("a request to set an app's committedContentVersion")
      .withRequest("PATCH", graphPath(appPath, ids), (b) =>
        b.headers(bearer).jsonBody({
          "@odata.type": "#microsoft.graph.win32LobApp",
          committedContentVersion: fromState(
            "^\\S+$",
            stateValue("contentVersionId"),
            exampleContentVersionId
          )
        })
      )
      .willRespondWith(204)
      .executeTest(async (server) => {
        await runOk(
          Effect.flatMap(graphClient(server.url), (g) =>
            commitContentVersion(g, exampleAppId, exampleContentVersionId)
          )
        )
      })
  })

  it("reads Graph's 404 for a file of an app that does not exist as a PermanentError", async () => {
    await graph
      .addInteraction()
      .given(states.noApp, { appId: unknownAppId })
      .uponReceiving("a request for a content file of an app that does not exist")
      .withRequest(
        "GET",
        `${apps}/${unknownAppId}/microsoft.graph.win32LobApp/contentVersions/1/files/${exampleFileId}`,
        (b) => b.headers(bearer)
      )
      .willRespondWith(404, (b) => b.jsonBody(graphErrorBody("ResourceNotFound", "The app was not found.")))
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(graphClient(server.url), (g) => getContentFile(g, unknownAppId, "1", exampleFileId))
        )
        expect(error).toMatchObject({ _tag: "PermanentError", status: 404, code: "ResourceNotFound" })
      })
  })
})

describe("assignments (beta)", () => {
  const groupTarget = "#microsoft.graph.groupAssignmentTarget"
  const assigned = { key, groupId: exampleGroupId, intent: "required" }

  it("lists an app's assignments", async () => {
    await graph
      .addInteraction()
      .given(states.assigned, assigned)
      .uponReceiving("a list of an app's assignments")
      .withRequest("GET", graphPath(assignments, ids), (b) => b.headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          value: eachLike({
            id: like(exampleAssignmentId),
            intent: "required",
            target: { "@odata.type": groupTarget, groupId: exampleGroupId }
          })
        })
      )
      .executeTest(async (server) => {
        const listed = await runOk(
          Effect.flatMap(graphClient(server.url), (g) => listAssignments(g, exampleAppId))
        )
        expect(listed.map((a) => a.target.groupId)).toEqual([exampleGroupId])
      })
  })

  it("adds an assignment with a filter after finding none for the group (additive, never /assign)", async () => {
    const filter = { id: "22222222-2222-2222-2222-222222222222", mode: "include" } as const
    const mapped = mobileAppAssignmentBody(assignmentIntent, filter, "beta")
    if (mapped._tag !== "Ok") throw new Error("the fixture assignment must map")
    graph
      .addInteraction()
      .given(states.published, published)
      .uponReceiving("a list of the assignments of an app that has none")
      .withRequest("GET", graphPath(assignments, ids), (b) => b.headers(bearer))
      .willRespondWith(200, (b) => b.jsonBody({ value: [] }))
    await graph
      .addInteraction()
      .given(states.published, published)
      .uponReceiving("a request to add a filtered group assignment")
      .withRequest("POST", graphPath(assignments, ids), (b) =>
        b.headers(bearer).jsonBody(golden("assignment.filtered.beta.json"))
      )
      .willRespondWith(201, (b) =>
        b.jsonBody({
          id: like(exampleAssignmentId),
          intent: "required",
          target: {
            "@odata.type": groupTarget,
            groupId: exampleGroupId,
            deviceAndAppManagementAssignmentFilterId: filter.id,
            deviceAndAppManagementAssignmentFilterType: "include"
          }
        })
      )
      .executeTest(async (server) => {
        const ensured = await runOk(
          Effect.gen(function* () {
            const g = yield* graphClient(server.url)
            return yield* ensureAssignment(
              g,
              yield* RetryPolicy,
              exampleAppId,
              mapped.body,
              "create assignment"
            )
          })
        )
        expect(ensured).toMatchObject({ created: true, assignment: { id: exampleAssignmentId } })
      })
  })

  it("removes an assignment", async () => {
    await graph
      .addInteraction()
      .given(states.assigned, assigned)
      .uponReceiving("a request to delete an assignment")
      .withRequest(
        "DELETE",
        graphPath(`${assignments}/{assignmentId}`, { ...ids, assignmentId: exampleAssignmentId }),
        (b) => b.headers(bearer)
      )
      .willRespondWith(204)
      .executeTest(async (server) => {
        const removed = await runOk(
          Effect.flatMap(graphClient(server.url), (g) =>
            deleteAssignment(g, exampleAppId, exampleAssignmentId)
          )
        )
        expect(removed).toBe(true)
      })
  })
})

describe("install status and devices", () => {
  const report = "/beta/deviceManagement/reports/getDeviceInstallStatusReport"
  const row = [
    like(exampleDeviceId),
    like("DESKTOP-PACT01"),
    like("ada.lovelace@contoso.onmicrosoft.com"),
    like("24.08"),
    like("installed"),
    like("noAdditionalDetails"),
    integer(0),
    like("0x00000000"),
    isoInstant("2026-11-25T12:00:00Z")
  ]
  const requestBody = (skip: number) => ({
    select: [...reportColumns],
    filter: fromState(
      "^\\(ApplicationId eq '[^']+'\\)$",
      `(ApplicationId eq '${stateValue("appId")}')`,
      `(ApplicationId eq '${exampleAppId}')`
    ),
    skip,
    top: 2,
    orderBy: []
  })
  const page = (rows: number) => ({
    TotalRowCount: integer(3),
    Schema: reportColumns.map((column) => ({ Column: column, PropertyType: like("String") })),
    Values: eachLike(row, rows)
  })
  // Graph declares these report actions Edm.Stream: the JSON comes as application/octet-stream.
  const streamed = { "Content-Type": regex("^application/(octet-stream|json)", "application/octet-stream") }

  it("reads every device's install status, paging with skip and top in the body", async () => {
    const state = { key, intent: "required", devices: 3 }
    graph
      .addInteraction()
      .given(states.reporting, state)
      .uponReceiving("the first page of the device install status report of an app")
      .withRequest("POST", report, (b) => b.headers(bearer).jsonBody(requestBody(0)))
      .willRespondWith(200, (b) => b.jsonBody(page(2)).headers(streamed))
    await graph
      .addInteraction()
      .given(states.reporting, state)
      .uponReceiving("the next page of the device install status report of an app")
      .withRequest("POST", report, (b) => b.headers(bearer).jsonBody(requestBody(2)))
      .willRespondWith(200, (b) => b.jsonBody(page(1)).headers(streamed))
      .executeTest(async (server) => {
        const devices = await runOk(
          Effect.flatMap(graphClient(server.url), (g) =>
            Stream.runCollect(deviceStatesOfApp(g, exampleAppId, "required", 2))
          )
        )
        expect(Chunk.toReadonlyArray(devices).map((d) => d.status)).toEqual([
          "installed",
          "installed",
          "installed"
        ])
      })
  })

  it("asks a managed device to check in", async () => {
    await graph
      .addInteraction()
      .given(states.device)
      .uponReceiving("a request to sync a managed device")
      .withRequest(
        "POST",
        graphPath("/v1.0/deviceManagement/managedDevices/{deviceId}/syncDevice", {
          deviceId: exampleDeviceId
        }),
        (b) => b.headers(bearer)
      )
      .willRespondWith(204)
      .executeTest(async (server) => {
        const synced = await runOk(
          Effect.flatMap(graphClient(server.url), (g) => syncDevice(g, exampleDeviceId))
        )
        expect(synced).toBe(true)
      })
  })
})

describe("refusals", () => {
  it("reads a 429 with Retry-After as a TransientError that waits that long", async () => {
    await graph
      .addInteraction()
      .given(states.throttled, { retryAfter: 2 })
      .uponReceiving("a request while the caller is throttled")
      .withRequest("GET", `${apps}/${exampleAppId}`, (b) => b.headers(bearer))
      .willRespondWith(429, (b) =>
        b
          .headers({ "Retry-After": regex("^\\d+(\\.\\d+)?$", "2") })
          .jsonBody(graphErrorBody("TooManyRequests", "Too many requests.", false))
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(graphClient(server.url), (g) => getApp(g, exampleAppId))
        )
        expect(error).toMatchObject({ _tag: "TransientError", status: 429 })
        expect(error._tag === "TransientError" && error.retryAfter).toEqual(Duration.seconds(2))
      })
  })

  it("reads a 401 as a PolicyError once a fresh token is refused too", async () => {
    await graph
      .addInteraction()
      .given(states.expiredToken)
      .uponReceiving("a request with an expired access token")
      .withRequest("GET", `${apps}/${exampleAppId}`, (b) => b.headers(bearer))
      .willRespondWith(401, (b) =>
        b.jsonBody(
          graphErrorBody("InvalidAuthenticationToken", "Access token has expired or is not yet valid.")
        )
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(graphClient(server.url), (g) => getApp(g, exampleAppId))
        )
        expect(error).toMatchObject({ _tag: "PolicyError", status: 401, code: "InvalidAuthenticationToken" })
      })
  })

  it("reads a 403 as a PolicyError, never retried", async () => {
    await graph
      .addInteraction()
      .given(states.readOnly)
      .uponReceiving("a request to create an app by a caller without write permission")
      .withRequest("POST", apps, (b) => b.headers(bearer).jsonBody(golden("win32LobApp.v1.0.json")))
      .willRespondWith(403, (b) =>
        b.jsonBody(graphErrorBody("Forbidden", "Application is not authorized.", false))
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(graphClient(server.url), (g) => createApp(g, packageIntent, key, exampleDetection))
        )
        expect(error).toMatchObject({ _tag: "PolicyError", status: 403 })
      })
  })
})

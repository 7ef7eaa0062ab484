import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { HttpClientRequest } from "@effect/platform"
import { type AssignmentIntent, type IntentKey, intentKey, SecretStore } from "@planes/core"
import { Chunk, Effect, Option, Redacted, Stream } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Created } from "../../src/api/schemas.js"
import { makeStickySession } from "../../src/api/stickySession.js"
import { existingGroup, findGroupNamed } from "../../src/assign/groups.js"
import { findPolicyNamed, getPolicy } from "../../src/assign/policies.js"
import { makeAuthClient } from "../../src/auth/authClient.js"
import { makeClientCredentialsTokens } from "../../src/auth/clientCredentials.js"
import { makeUserTokens } from "../../src/auth/userToken.js"
import { ClassicId } from "../../src/classic/schemas.js"
import { groupDescription, groupName, smartGroupBody, staticGroupBody } from "../../src/mapping/group.js"
import { packageBody } from "../../src/mapping/package.js"
import { logFlushXml, planPolicy, policyName, policyXml, repointXml } from "../../src/mapping/policy.js"
import { createPackage } from "../../src/publish/createPackage.js"
import { distributionOf } from "../../src/publish/distribution.js"
import { findPackageByKey, getPackage } from "../../src/publish/packages.js"
import { ensureUploaded } from "../../src/publish/upload.js"
import { checkHash, waitForHash } from "../../src/publish/verifyHash.js"
import { jamfRef } from "../../src/ref/jamfRef.js"
import { flushPolicyLogs } from "../../src/remediate/remediate.js"
import { rollback } from "../../src/rollback/rollback.js"
import { groupMembers, inventoryOf, policyLogs } from "../../src/state/deviceStates.js"
import {
  apiErrorBody,
  bearer,
  contractConfig,
  eachLike,
  exampleAccessToken,
  exampleArtifact,
  exampleClientId,
  exampleClientSecret,
  exampleFileBase64,
  exampleNotes,
  examplePackageName,
  examplePassword,
  exampleRenewedToken,
  exampleUsername,
  exampleUserToken,
  ids,
  integer,
  jamfApi,
  jamfRuntime,
  jwt,
  like,
  packageIntent,
  packageKey,
  pactV3,
  pactV4,
  previousNotes,
  previousPackageName,
  previousVersion,
  regex,
  runFailing,
  runOk,
  sendsStickyCookie,
  setsStickyCookie,
  startFresh,
  statusPage,
  statusPageRules,
  xmlTextRules
} from "./pactSupport.js"

// The Jamf adapter's contract with a Jamf Pro server: every request the adapter makes to the Jamf Pro API
// (JSON), the Classic API (XML) and the token endpoints, driven through the adapter's own functions against
// the Pact mock server, with the answers it relies on. Responses pin only what the adapter reads. One
// interaction per test, except where the function under test is itself a sequence (create then read back
// through the sticky cookie, a duplicate answer then the lookup that adopts, a refused filter then the
// fallback, the pages of a read, the user-token lifecycle, rollback).

/** Provider states: data preconditions, parameterised, that the simulator's provider test seeds. */
const states = {
  client: "API client {clientId} with secret {clientSecret} exists",
  user: "user {username} with password {password} exists",
  userToken: "user {username} holds a valid bearer token",
  pkg: "package {packageId} named {packageName} filed as {fileName} with notes {notes} exists",
  file: "package {packageId} holds the uploaded file {fileName} with content {contentBase64}, hashed: {hashed}",
  noPackage: "no package named {packageName} exists",
  noPackageId: "no package with id {packageId} exists",
  staticGroup: "static group {groupId} named {groupName} of computers {computerIds} exists",
  smartGroup: "smart group {groupId} named {groupName} exists",
  noGroup: "no computer group named {groupName} exists",
  noGroupId: "no computer group with id {groupId} exists",
  policy: "policy {policyId} named {policyName} installs package {packageId} on group {groupId}",
  noPolicy: "no policy named {policyName} exists",
  ran: "computers {computerIds} have run policy {policyId}",
  noComputer: "no computer with id {computerId} exists",
  expired: "the caller's access token has expired",
  lacks: "the caller lacks the privilege {privilege}",
  busy: "the server is at its connection limit",
  filterRefused: "the server refuses RSQL filters on the field {field}",
  uploadLimit: "the server refuses uploads larger than {maxUploadBytes} bytes"
} as const

const pkgState = {
  packageId: ids.package,
  packageName: examplePackageName,
  fileName: exampleArtifact.fileName,
  notes: exampleNotes
}
const previousState = {
  packageId: ids.otherPackage,
  packageName: previousPackageName,
  fileName: `Firefox-${previousVersion}.pkg`,
  notes: previousNotes
}
const fileState = (hashed: boolean) => ({
  packageId: ids.package,
  fileName: exampleArtifact.fileName,
  contentBase64: exampleFileBase64,
  hashed
})

/** The assignment of the examples: Firefox 125.0, required, on computers 1, 2 and 3. */
const assignment: AssignmentIntent = {
  package: { key: packageKey, name: packageIntent.name, version: packageIntent.version },
  target: { _tag: "devices", deviceIds: [...ids.computers] },
  intent: "required"
}
const assignmentKey: IntentKey = intentKey(assignment)
const exampleGroupName = groupName(assignmentKey)
const exampleGroupDescription = groupDescription(assignmentKey, packageIntent.name, packageIntent.version)
const examplePolicyName = policyName(assignment, assignmentKey)
const staticGroupState = {
  groupId: ids.staticGroup,
  groupName: exampleGroupName,
  computerIds: ids.computers.join(",")
}
const policyState = {
  policyId: ids.policy,
  policyName: examplePolicyName,
  packageId: ids.package,
  groupId: ids.staticGroup
}
const ranState = { computerIds: ids.computers.join(","), policyId: ids.policy }

/** The policy document of the example assignment, scoped to the static group, installing the package. */
const examplePolicyXml = () => {
  const planned = planPolicy(assignment, {})
  if (planned._tag !== "Plan") throw new Error("the example assignment must map to a policy")
  return policyXml(
    assignment,
    assignmentKey,
    planned.plan,
    { id: ids.package, name: examplePackageName },
    { id: ids.staticGroup, name: exampleGroupName }
  )
}

const xml = (text: string) => Buffer.from(text, "utf8")
/** An answer's XML content type (Jamf writes text/xml; some versions application/xml). */
const xmlAnswer = { "Content-Type": regex("^(text|application)/xml(;.*)?$", "text/xml;charset=UTF-8") }
/** What the adapter sends with a Classic XML body (Jamf takes text/xml and application/xml). */
const xmlRequest = { "Content-Type": regex("^(text|application)/xml(;.*)?$", "text/xml") }
const htmlAnswer = { "Content-Type": regex("^text/html(;.*)?$", "text/html;charset=UTF-8") }

/** A package record as the adapter reads it: ids, names, notes (the key), the hash and transfer state. */
const packageRecord = (overrides: Record<string, unknown> = {}) => ({
  id: like(ids.package),
  packageName: examplePackageName,
  fileName: exampleArtifact.fileName,
  notes: exampleNotes,
  ...overrides
})

const packagesPage = (item: unknown) => ({ totalCount: integer(1), results: eachLike(item) })

const v4 = pactV4()
const v3 = pactV3()

beforeAll(() => startFresh())

describe("token endpoints", () => {
  it("gets an API client's token with client credentials", async () => {
    v3.given(states.client, { clientId: exampleClientId, clientSecret: exampleClientSecret })
      .uponReceiving("a client-credentials token request")
      .withRequest({
        method: "POST",
        path: "/api/oauth/token",
        contentType: "application/x-www-form-urlencoded",
        body: {
          grant_type: "client_credentials",
          client_id: exampleClientId,
          client_secret: exampleClientSecret
        }
      })
      .willRespondWith({
        status: 200,
        body: {
          access_token: jwt(exampleAccessToken),
          scope: like("api-role:1"),
          token_type: "Bearer",
          expires_in: integer(599)
        }
      })
    await v3.executeTest(async (server) => {
      const token = await runOk(
        Effect.gen(function* () {
          const config = contractConfig(server.url)
          const tokens = yield* makeClientCredentialsTokens(
            { clientId: exampleClientId, clientSecret: "env:JAMF_CLIENT_SECRET" },
            yield* makeAuthClient(config),
            yield* SecretStore
          )
          return Redacted.value(yield* tokens.get)
        })
      )
      expect(token).toBe(exampleAccessToken)
    })
  })

  it("reads OAuth's invalid_client for a wrong secret as a PolicyError", async () => {
    v3.given(states.client, { clientId: exampleClientId, clientSecret: exampleClientSecret })
      .uponReceiving("a client-credentials token request with a secret that is not the client's")
      .withRequest({
        method: "POST",
        path: "/api/oauth/token",
        contentType: "application/x-www-form-urlencoded",
        body: {
          grant_type: "client_credentials",
          client_id: exampleClientId,
          client_secret: "not-the-secret"
        }
      })
      .willRespondWith({ status: 401, body: { error: "invalid_client" } })
    await v3.executeTest(async (server) => {
      const error = await runFailing(
        Effect.gen(function* () {
          const tokens = yield* makeClientCredentialsTokens(
            { clientId: exampleClientId, clientSecret: "env:WRONG_SECRET" },
            yield* makeAuthClient(contractConfig(server.url)),
            yield* SecretStore
          )
          return yield* tokens.get
        })
      )
      expect(error).toMatchObject({ _tag: "PolicyError", status: 401, code: "invalid_client" })
    })
  })

  const basic = `Basic ${Buffer.from(`${exampleUsername}:${examplePassword}`).toString("base64")}`
  const userTokenAnswer = (token: string) => ({
    token: jwt(token),
    expires: regex("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$", "2026-11-25T12:30:00.000Z")
  })

  it("logs a user in with basic auth, keeps the token alive, and revokes it when the connector stops", async () => {
    v4.addInteraction()
      .given(states.user, { username: exampleUsername, password: examplePassword })
      .uponReceiving("a user-token request with basic auth")
      .withRequest("POST", "/api/v1/auth/token", (b) => b.headers({ Authorization: basic }))
      .willRespondWith(200, (b) => b.jsonBody(userTokenAnswer(exampleUserToken)))
    v4.addInteraction()
      .given(states.userToken, { username: exampleUsername })
      .uponReceiving("a keep-alive request with a valid user token")
      .withRequest("POST", "/api/v1/auth/keep-alive", (b) =>
        b.headers({ Authorization: regex("^Bearer \\S+$", `Bearer ${exampleUserToken}`) })
      )
      .willRespondWith(200, (b) => b.jsonBody(userTokenAnswer(exampleRenewedToken)))
    await v4
      .addInteraction()
      .given(states.userToken, { username: exampleUsername })
      .uponReceiving("a request to invalidate a user token")
      .withRequest("POST", "/api/v1/auth/invalidate-token", (b) =>
        b.headers({ Authorization: regex("^Bearer \\S+$", `Bearer ${exampleRenewedToken}`) })
      )
      .willRespondWith(204)
      .executeTest(async (server) => {
        const [first, renewed] = await runOk(
          Effect.gen(function* () {
            const tokens = yield* makeUserTokens(
              { username: exampleUsername, password: "env:JAMF_PASSWORD" },
              yield* makeAuthClient(contractConfig(server.url)),
              yield* SecretStore
            )
            const first = Redacted.value(yield* tokens.get)
            yield* tokens.invalidate
            return [first, Redacted.value(yield* tokens.get)] as const
          })
        )
        expect([first, renewed]).toEqual([exampleUserToken, exampleRenewedToken])
      })
  })

  it("reads a refused basic login as a PolicyError", async () => {
    await v4
      .addInteraction()
      .given(states.user, { username: exampleUsername, password: examplePassword })
      .uponReceiving("a user-token request with a wrong password")
      .withRequest("POST", "/api/v1/auth/token", (b) =>
        b.headers({
          Authorization: `Basic ${Buffer.from(`${exampleUsername}:not-the-secret`).toString("base64")}`
        })
      )
      .willRespondWith(401, (b) => b.jsonBody({ httpStatus: 401, errors: [] }))
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.gen(function* () {
            const tokens = yield* makeUserTokens(
              { username: exampleUsername, password: "env:WRONG_PASSWORD" },
              yield* makeAuthClient(contractConfig(server.url)),
              yield* SecretStore
            )
            return yield* tokens.get
          })
        )
        expect(error).toMatchObject({ _tag: "PolicyError", status: 401 })
      })
  })
})

describe("packages (Jamf Pro API)", () => {
  const byNotes = { filter: `notes=="${exampleNotes}"`, sort: "id:asc", page: "0", "page-size": "100" }
  const byName = {
    filter: `packageName=="${examplePackageName}"`,
    sort: "id:asc",
    page: "0",
    "page-size": "100"
  }

  it("finds the package record carrying the intent key with an RSQL filter on its notes", async () => {
    await v4
      .addInteraction()
      .given(states.pkg, pkgState)
      .uponReceiving("a list of packages filtered on the planes notes")
      .withRequest("GET", "/api/v1/packages", (b) => b.query(byNotes).headers(bearer))
      .willRespondWith(200, (b) => b.jsonBody(packagesPage(packageRecord())))
      .executeTest(async (server) => {
        const found = await runOk(
          Effect.flatMap(jamfApi(server.url), (api) =>
            findPackageByKey(api, packageKey, exampleNotes, examplePackageName)
          )
        )
        expect(Option.map(found, (p) => p.id)).toEqual(Option.some(ids.package))
      })
  })

  it("finds nothing when no record carries the key", async () => {
    await v4
      .addInteraction()
      .given(states.noPackage, { packageName: examplePackageName })
      .uponReceiving("a list of packages filtered on notes that no record has")
      .withRequest("GET", "/api/v1/packages", (b) => b.query(byNotes).headers(bearer))
      .willRespondWith(200, (b) => b.jsonBody({ totalCount: 0, results: [] }))
      .executeTest(async (server) => {
        const found = await runOk(
          Effect.flatMap(jamfApi(server.url), (api) =>
            findPackageByKey(api, packageKey, exampleNotes, examplePackageName)
          )
        )
        expect(Option.isNone(found)).toBe(true)
      })
  })

  it("asks by name when the server refuses to filter on notes", async () => {
    v4.addInteraction()
      .given(states.pkg, pkgState)
      .given(states.filterRefused, { field: "notes" })
      .uponReceiving("a list of packages filtered on notes, which the server refuses")
      .withRequest("GET", "/api/v1/packages", (b) => b.query(byNotes).headers(bearer))
      .willRespondWith(400, (b) =>
        b.jsonBody(
          apiErrorBody(400, "INVALID_RSQL_FILTER_FIELD", "filter", "notes is not a filterable field")
        )
      )
    await v4
      .addInteraction()
      .given(states.pkg, pkgState)
      .uponReceiving("a list of packages filtered on the package name")
      .withRequest("GET", "/api/v1/packages", (b) => b.query(byName).headers(bearer))
      .willRespondWith(200, (b) => b.jsonBody(packagesPage(packageRecord())))
      .executeTest(async (server) => {
        const found = await runOk(
          Effect.flatMap(jamfApi(server.url), (api) =>
            findPackageByKey(api, packageKey, exampleNotes, examplePackageName)
          )
        )
        expect(Option.map(found, (p) => p.id)).toEqual(Option.some(ids.package))
      })
  })

  const body = packageBody(packageIntent, packageKey, {}, "-1")

  it("creates the package record, then reads it back through the node that took the write", async () => {
    v4.addInteraction()
      .given(states.noPackage, { packageName: examplePackageName })
      .uponReceiving("a request to create a package record")
      .withRequest("POST", "/api/v1/packages", (b) => b.headers(bearer).jsonBody(body))
      .willRespondWith(201, (b) =>
        b.headers(setsStickyCookie).jsonBody({
          id: like(ids.package),
          href: regex(
            "^https?://\\S+/api/v1/packages/\\d+$",
            `https://pact.jamfcloud.com/api/v1/packages/${ids.package}`
          )
        })
      )
    await v4
      .addInteraction()
      .given(states.pkg, pkgState)
      .uponReceiving("a request for a package record with the sticky cookie of its create")
      .withRequest("GET", `/api/v1/packages/${ids.package}`, (b) =>
        b.headers({ ...bearer, ...sendsStickyCookie })
      )
      .willRespondWith(200, (b) => b.jsonBody(packageRecord({ hashType: null, hashValue: null })))
      .executeTest(async (server) => {
        const created = await runOk(
          Effect.gen(function* () {
            const api = yield* jamfApi(server.url)
            const call = { session: yield* makeStickySession(api.config.stickyCookieNames) }
            return yield* createPackage(api, body, packageKey, call)
          })
        )
        expect(created).toMatchObject({ id: ids.package, packageName: examplePackageName })
      })
  })
})

describe("package duplicates, upload and hash (Jamf Pro API)", () => {
  const body = packageBody(packageIntent, packageKey, {}, "-1")
  const byNameOrFile = {
    filter: `packageName=="${examplePackageName}",fileName=="${exampleArtifact.fileName}"`,
    sort: "id:asc",
    page: "0",
    "page-size": "100"
  }

  it("adopts the record a DUPLICATE_FIELD answer collides with when it carries the key", async () => {
    v4.addInteraction()
      .given(states.pkg, pkgState)
      .uponReceiving("a request to create a package record whose name is taken")
      .withRequest("POST", "/api/v1/packages", (b) => b.headers(bearer).jsonBody(body))
      .willRespondWith(400, (b) =>
        b.jsonBody({
          httpStatus: 400,
          errors: [
            {
              code: "DUPLICATE_FIELD",
              field: "packageName",
              description: like("packageName must be unique"),
              id: like("0")
            }
          ]
        })
      )
    await v4
      .addInteraction()
      .given(states.pkg, pkgState)
      .uponReceiving("a list of packages filtered on the package name or file name")
      .withRequest("GET", "/api/v1/packages", (b) => b.query(byNameOrFile).headers(bearer))
      .willRespondWith(200, (b) => b.jsonBody(packagesPage(packageRecord())))
      .executeTest(async (server) => {
        const adopted = await runOk(
          Effect.gen(function* () {
            const api = yield* jamfApi(server.url)
            return yield* createPackage(api, body, packageKey, {})
          })
        )
        expect(adopted).toMatchObject({ id: ids.package, notes: exampleNotes })
      })
  })

  it("reads Jamf's 404 for a package record that is gone as None", async () => {
    await v4
      .addInteraction()
      .given(states.noPackageId, { packageId: "999" })
      .uponReceiving("a request for a package record that does not exist")
      .withRequest("GET", "/api/v1/packages/999", (b) => b.headers(bearer))
      .willRespondWith(404, (b) =>
        b.jsonBody(apiErrorBody(404, "INVALID_ID", "id", "Package with id 999 does not exist"))
      )
      .executeTest(async (server) => {
        const found = await runOk(Effect.flatMap(jamfApi(server.url), (api) => getPackage(api, "999")))
        expect(Option.isNone(found)).toBe(true)
      })
  })

  // Fixed, so every run writes the same pact (the adapter's own boundary is random; Pact matches the parts).
  const multipartBoundary = "planes-pact-boundary-0000"
  let dir = ""
  let file = ""
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "planes-jamf-pact-"))
    file = join(dir, exampleArtifact.fileName)
    await writeFile(file, exampleArtifact.bytes)
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it("uploads the file to a record that has none (multipart, one part named file)", async () => {
    v4.addInteraction()
      .given(states.pkg, pkgState)
      .uponReceiving("a request for a package record without a file")
      .withRequest("GET", `/api/v1/packages/${ids.package}`, (b) => b.headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody(packageRecord({ hashType: null, hashValue: null, cloudTransferStatus: like("NONE") }))
      )
    await v4
      .addInteraction()
      .given(states.pkg, pkgState)
      .uponReceiving("a multipart upload of a package's file")
      .withRequest("POST", `/api/v1/packages/${ids.package}/upload`, (b) =>
        b.headers(bearer).multipartBody("application/octet-stream", file, "file", multipartBoundary)
      )
      .willRespondWith(201, (b) => b.jsonBody({ id: like(ids.package) }))
      .executeTest(async (server) => {
        const uploaded = await runOk(
          Effect.flatMap(jamfApi(server.url), (api) => ensureUploaded(api, ids.package, exampleArtifact, {}))
        )
        expect(uploaded).toBe(true)
      })
  })

  it("reads a 413 for a file too large for the endpoint as a PermanentError", async () => {
    v4.addInteraction()
      .given(states.pkg, pkgState)
      .given(states.uploadLimit, { maxUploadBytes: "16" })
      .uponReceiving("a request for a package record without a file, on a server with a small upload limit")
      .withRequest("GET", `/api/v1/packages/${ids.package}`, (b) => b.headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody(packageRecord({ hashType: null, hashValue: null, cloudTransferStatus: like("NONE") }))
      )
    await v4
      .addInteraction()
      .given(states.pkg, pkgState)
      .given(states.uploadLimit, { maxUploadBytes: "16" })
      .uponReceiving("a multipart upload of a file larger than the server takes")
      .withRequest("POST", `/api/v1/packages/${ids.package}/upload`, (b) =>
        b.headers(bearer).multipartBody("application/octet-stream", file, "file", multipartBoundary)
      )
      .willRespondWith(413, (b) =>
        b.jsonBody(apiErrorBody(413, "PAYLOAD_TOO_LARGE", "file", "The file exceeds 16 bytes"))
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(jamfApi(server.url), (api) => ensureUploaded(api, ids.package, exampleArtifact, {}))
        )
        expect(error).toMatchObject({ _tag: "PermanentError", status: 413 })
      })
  })

  it("verifies the SHA3-512 Jamf reports for the uploaded file", async () => {
    await v4
      .addInteraction()
      .given(states.pkg, pkgState)
      .given(states.file, fileState(true))
      .uponReceiving("a request for a package record whose file Jamf has hashed")
      .withRequest("GET", `/api/v1/packages/${ids.package}`, (b) => b.headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody(
          packageRecord({
            hashType: "SHA3_512",
            hashValue: regex("^[0-9a-fA-F]{128}$", exampleArtifact.digests.SHA3_512 ?? ""),
            cloudTransferStatus: like("READY")
          })
        )
      )
      .executeTest(async (server) => {
        const check = await runOk(
          Effect.flatMap(jamfApi(server.url), (api) => waitForHash(api, ids.package, exampleArtifact, {}))
        )
        expect(check).toMatchObject({ hashType: "SHA3_512", verified: true })
      })
  })

  it("keeps asking while Jamf is still hashing, and gives up as a TransientError", async () => {
    await v4
      .addInteraction()
      .given(states.pkg, pkgState)
      .given(states.file, fileState(false))
      .uponReceiving("a request for a package record whose file Jamf is still hashing")
      .withRequest("GET", `/api/v1/packages/${ids.package}`, (b) => b.headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody(packageRecord({ hashType: null, hashValue: null, cloudTransferStatus: "IN_PROGRESS" }))
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(jamfApi(server.url, { hashPollTimeoutSeconds: 0.05 }), (api) =>
            waitForHash(api, ids.package, exampleArtifact, {})
          )
        )
        expect(error).toMatchObject({ _tag: "TransientError", code: "HashPending" })
      })
  })

  it("reports the cloud distribution point and the file-share distribution points", async () => {
    v4.addInteraction()
      .uponReceiving("a request for the cloud distribution point")
      .withRequest("GET", "/api/v1/cloud-distribution-point", (b) => b.headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody({ cdnType: like("JAMF_CLOUD"), hasConnectionSucceeded: like(true) })
      )
    await v4
      .addInteraction()
      .uponReceiving("a list of the file-share distribution points")
      .withRequest("GET", "/api/v1/distribution-points", (b) =>
        b.query({ page: "0", "page-size": "100" }).headers(bearer)
      )
      .willRespondWith(200, (b) => b.jsonBody({ totalCount: integer(0), results: [] }))
      .executeTest(async (server) => {
        const hash = await runOk(
          checkHash(
            {
              id: ids.package,
              packageName: examplePackageName,
              fileName: exampleArtifact.fileName,
              hashType: "SHA3_512",
              hashValue: exampleArtifact.digests.SHA3_512 ?? ""
            },
            exampleArtifact
          )
        )
        const points = await runOk(Effect.flatMap(jamfApi(server.url), (api) => distributionOf(api, hash)))
        expect(points).toEqual([
          expect.objectContaining({ target: "cloud distribution point (JAMF_CLOUD)", state: "available" })
        ])
      })
  })
})

describe("computer groups", () => {
  const byGroupName = { filter: `name=="${exampleGroupName}"`, page: "0", "page-size": "100" }
  const staticBody = staticGroupBody(exampleGroupName, exampleGroupDescription, ids.computers)
  const criteria = [
    {
      name: "Operating System Version",
      searchType: "greater than or equal",
      value: "13.0",
      andOr: "and" as const,
      openingParen: false,
      closingParen: false
    }
  ]
  const smartBody = smartGroupBody(exampleGroupName, exampleGroupDescription, criteria)
  const groupSummary = (id: string) => ({ id: like(id), name: exampleGroupName })

  it("finds no static group of the assignment's name", async () => {
    await v4
      .addInteraction()
      .given(states.noGroup, { groupName: exampleGroupName })
      .uponReceiving("a list of static groups filtered on a name no group has")
      .withRequest("GET", "/api/v2/computer-groups/static-groups", (b) =>
        b.query(byGroupName).headers(bearer)
      )
      .willRespondWith(200, (b) => b.jsonBody({ totalCount: 0, results: [] }))
      .executeTest(async (server) => {
        const found = await runOk(
          Effect.flatMap(jamfApi(server.url), (api) => findGroupNamed(api, "static-groups", exampleGroupName))
        )
        expect(Option.isNone(found)).toBe(true)
      })
  })

  it("finds the smart group of the assignment's name", async () => {
    await v4
      .addInteraction()
      .given(states.smartGroup, { groupId: ids.smartGroup, groupName: exampleGroupName })
      .uponReceiving("a list of smart groups filtered on the assignment's group name")
      .withRequest("GET", "/api/v2/computer-groups/smart-groups", (b) => b.query(byGroupName).headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody({ totalCount: integer(1), results: eachLike(groupSummary(ids.smartGroup)) })
      )
      .executeTest(async (server) => {
        const found = await runOk(
          Effect.flatMap(jamfApi(server.url), (api) => findGroupNamed(api, "smart-groups", exampleGroupName))
        )
        expect(Option.map(found, (g) => g.id)).toEqual(Option.some(ids.smartGroup))
      })
  })

  it("creates a static group of the target's computers", async () => {
    await v4
      .addInteraction()
      .given(states.noGroup, { groupName: exampleGroupName })
      .uponReceiving("a request to create a static group")
      .withRequest("POST", "/api/v2/computer-groups/static-groups", (b) =>
        b.headers(bearer).jsonBody(staticBody)
      )
      .willRespondWith(201, (b) => b.jsonBody({ id: like(ids.staticGroup) }))
      .executeTest(async (server) => {
        const outcome = await runOk(
          Effect.flatMap(jamfApi(server.url), (api) =>
            api.create(
              "create static group",
              HttpClientRequest.post("/api/v2/computer-groups/static-groups").pipe(
                HttpClientRequest.bodyUnsafeJson(staticBody)
              ),
              Created
            )
          )
        )
        expect(outcome).toEqual({ _tag: "Created", value: { id: ids.staticGroup } })
      })
  })

  it("creates a smart group from the target's criteria", async () => {
    await v4
      .addInteraction()
      .given(states.noGroup, { groupName: exampleGroupName })
      .uponReceiving("a request to create a smart group")
      .withRequest("POST", "/api/v2/computer-groups/smart-groups", (b) =>
        b.headers(bearer).jsonBody(smartBody)
      )
      .willRespondWith(201, (b) => b.jsonBody({ id: like(ids.smartGroup) }))
      .executeTest(async (server) => {
        const outcome = await runOk(
          Effect.flatMap(jamfApi(server.url), (api) =>
            api.create(
              "create smart group",
              HttpClientRequest.post("/api/v2/computer-groups/smart-groups").pipe(
                HttpClientRequest.bodyUnsafeJson(smartBody)
              ),
              Created
            )
          )
        )
        expect(outcome).toEqual({ _tag: "Created", value: { id: ids.smartGroup } })
      })
  })

  it("reads DUPLICATE_FIELD on a group create as 'it exists', not an error", async () => {
    await v4
      .addInteraction()
      .given(states.smartGroup, { groupId: ids.smartGroup, groupName: exampleGroupName })
      .uponReceiving("a request to create a smart group whose name is taken")
      .withRequest("POST", "/api/v2/computer-groups/smart-groups", (b) =>
        b.headers(bearer).jsonBody(smartBody)
      )
      .willRespondWith(400, (b) =>
        b.jsonBody({
          httpStatus: 400,
          errors: [
            {
              code: "DUPLICATE_FIELD",
              field: like("name"),
              description: like("name must be unique"),
              id: like("0")
            }
          ]
        })
      )
      .executeTest(async (server) => {
        const outcome = await runOk(
          Effect.flatMap(jamfApi(server.url), (api) =>
            api.create(
              "create smart group",
              HttpClientRequest.post("/api/v2/computer-groups/smart-groups").pipe(
                HttpClientRequest.bodyUnsafeJson(smartBody)
              ),
              Created
            )
          )
        )
        expect(outcome).toMatchObject({ _tag: "Duplicate", detail: { code: "DUPLICATE_FIELD" } })
      })
  })

  const classicGroup = (id: string) => {
    // The adapter reads the group's id and name and its members' ids.
    const members = ids.computers.map((c) => `<computer><id>${c}</id></computer>`).join("")
    return `<?xml version="1.0" encoding="UTF-8"?><computer_group><id>${id}</id><name>${exampleGroupName}</name><computers>${members}</computers></computer_group>`
  }

  it("reads an existing group by name through the Classic API", async () => {
    await v4
      .addInteraction()
      .given(states.staticGroup, staticGroupState)
      .uponReceiving("a Classic request for a computer group by name")
      .withRequest("GET", `/JSSResource/computergroups/name/${encodeURIComponent(exampleGroupName)}`, (b) =>
        b.headers({ ...bearer, Accept: "application/xml" })
      )
      .willRespondWith(200, (b) => b.xmlBody(classicGroup(ids.staticGroup)).headers(xmlAnswer))
      .executeTest(async (server) => {
        const group = await runOk(
          Effect.flatMap(jamfApi(server.url), (api) =>
            existingGroup(api, exampleGroupName, "create assignment")
          )
        )
        expect(group).toMatchObject({ kind: "computerGroup", id: ids.staticGroup, name: exampleGroupName })
      })
  })

  it("reads a group's members through the Classic API", async () => {
    await v4
      .addInteraction()
      .given(states.staticGroup, staticGroupState)
      .uponReceiving("a Classic request for a computer group by id")
      .withRequest("GET", `/JSSResource/computergroups/id/${ids.staticGroup}`, (b) =>
        b.headers({ ...bearer, Accept: "application/xml" })
      )
      .willRespondWith(200, (b) => b.xmlBody(classicGroup(ids.staticGroup)).headers(xmlAnswer))
      .executeTest(async (server) => {
        const members = await runOk(
          Effect.flatMap(jamfApi(server.url), (api) => groupMembers(api, ids.staticGroup, "query state"))
        )
        expect(members).toEqual([...ids.computers])
      })
  })

  it("reads the Classic 404 page for a group that is gone as GroupNotFound", async () => {
    await v4
      .addInteraction()
      .given(states.noGroupId, { groupId: "999" })
      .uponReceiving("a Classic request for a computer group that does not exist")
      .withRequest("GET", "/JSSResource/computergroups/id/999", (b) =>
        b.headers({ ...bearer, Accept: "application/xml" })
      )
      .willRespondWith(404, (b) =>
        b
          .headers(htmlAnswer)
          .body(
            "text/html",
            xml(statusPage("Not Found", "The server has not found anything matching the request URI"))
          )
          .matchingRules(statusPageRules("Not Found"))
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(jamfApi(server.url), (api) => groupMembers(api, "999", "query state"))
        )
        expect(error).toMatchObject({ _tag: "PermanentError", code: "GroupNotFound" })
      })
  })
})

describe("policies (Classic API, XML)", () => {
  const byName = `/JSSResource/policies/name/${encodeURIComponent(examplePolicyName)}`
  const classicPolicy = `<?xml version="1.0" encoding="UTF-8"?><policy><general><id>${ids.policy}</id><name>${examplePolicyName}</name></general><scope><computer_groups><computer_group><id>${ids.staticGroup}</id><name>${exampleGroupName}</name></computer_group></computer_groups></scope><package_configuration><packages><package><id>${ids.package}</id><name>${examplePackageName}</name><action>Install</action></package></packages></package_configuration></policy>`
  const classicAccept = { ...bearer, Accept: "application/xml" }

  it("finds no policy of the assignment's name (the Classic 404 page)", async () => {
    await v4
      .addInteraction()
      .given(states.noPolicy, { policyName: examplePolicyName })
      .uponReceiving("a Classic request for a policy by a name no policy has")
      .withRequest("GET", byName, (b) => b.headers(classicAccept))
      .willRespondWith(404, (b) =>
        b
          .headers(htmlAnswer)
          .body(
            "text/html",
            xml(statusPage("Not Found", "The server has not found anything matching the request URI"))
          )
          .matchingRules(statusPageRules("Not Found"))
      )
      .executeTest(async (server) => {
        const found = await runOk(
          Effect.flatMap(jamfApi(server.url), (api) => findPolicyNamed(api, examplePolicyName))
        )
        expect(Option.isNone(found)).toBe(true)
      })
  })

  it("finds the policy of the assignment's name", async () => {
    await v4
      .addInteraction()
      .given(states.pkg, pkgState)
      .given(states.staticGroup, staticGroupState)
      .given(states.policy, policyState)
      .uponReceiving("a Classic request for a policy by name")
      .withRequest("GET", byName, (b) => b.headers(classicAccept))
      .willRespondWith(200, (b) => b.xmlBody(classicPolicy).headers(xmlAnswer))
      .executeTest(async (server) => {
        const found = await runOk(
          Effect.flatMap(jamfApi(server.url), (api) => findPolicyNamed(api, examplePolicyName))
        )
        expect(Option.map(found, (p) => String(p.general.id))).toEqual(Option.some(ids.policy))
      })
  })

  it("creates the policy from the mapped intent (POST …/id/0, XML both ways)", async () => {
    await v4
      .addInteraction()
      .given(states.pkg, pkgState)
      .given(states.staticGroup, staticGroupState)
      .given(states.noPolicy, { policyName: examplePolicyName })
      .uponReceiving("a Classic request to create a policy")
      .withRequest("POST", "/JSSResource/policies/id/0", (b) =>
        b.xmlBody(examplePolicyXml()).headers({ ...classicAccept, ...xmlRequest })
      )
      .willRespondWith(201, (b) =>
        b
          .xmlBody(`<?xml version="1.0" encoding="UTF-8"?><policy><id>${ids.policy}</id></policy>`)
          .headers(xmlAnswer)
          .matchingRules(xmlTextRules({ "$.policy.id": "^\\d+$" }))
      )
      .executeTest(async (server) => {
        const outcome = await runOk(
          Effect.flatMap(jamfApi(server.url), (api) =>
            api.createXml(
              "create policy",
              "/JSSResource/policies/id/0",
              examplePolicyXml(),
              "policy",
              ClassicId
            )
          )
        )
        expect(outcome).toEqual({ _tag: "Created", value: { id: Number(ids.policy) } })
      })
  })

  it("reads the Classic 409 'Duplicate name' page on a create as 'it exists', not an error", async () => {
    await v4
      .addInteraction()
      .given(states.pkg, pkgState)
      .given(states.staticGroup, staticGroupState)
      .given(states.policy, policyState)
      .uponReceiving("a Classic request to create a policy whose name is taken")
      .withRequest("POST", "/JSSResource/policies/id/0", (b) =>
        b.xmlBody(examplePolicyXml()).headers({ ...classicAccept, ...xmlRequest })
      )
      .willRespondWith(409, (b) =>
        b
          .headers(htmlAnswer)
          .body("text/html", xml(statusPage("Conflict", "Error: Duplicate name")))
          .matchingRules(statusPageRules("Conflict", "Error: Duplicate name"))
      )
      .executeTest(async (server) => {
        const outcome = await runOk(
          Effect.flatMap(jamfApi(server.url), (api) =>
            api.createXml(
              "create policy",
              "/JSSResource/policies/id/0",
              examplePolicyXml(),
              "policy",
              ClassicId
            )
          )
        )
        expect(outcome).toMatchObject({
          _tag: "Duplicate",
          detail: { code: "Conflict", message: "Duplicate name" }
        })
      })
  })

  it("reads another Classic 409 on a create as a PermanentError", async () => {
    await v4
      .addInteraction()
      .given(states.staticGroup, staticGroupState)
      .given(states.noPackageId, { packageId: ids.package })
      .uponReceiving("a Classic request to create a policy installing a package that does not exist")
      .withRequest("POST", "/JSSResource/policies/id/0", (b) =>
        b.xmlBody(examplePolicyXml()).headers({ ...classicAccept, ...xmlRequest })
      )
      .willRespondWith(409, (b) =>
        b
          .headers(htmlAnswer)
          .body("text/html", xml(statusPage("Conflict", "Error: Problem with package")))
          .matchingRules(statusPageRules("Conflict", "Error: Problem with package"))
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(jamfApi(server.url), (api) =>
            api.createXml(
              "create policy",
              "/JSSResource/policies/id/0",
              examplePolicyXml(),
              "policy",
              ClassicId
            )
          )
        )
        expect(error).toMatchObject({
          _tag: "PermanentError",
          status: 409,
          message: expect.stringContaining("Problem with package")
        })
      })
  })

  it("rolls back: points the policy at the other version's record, keeping its scope, and flushes its logs", async () => {
    const rollbackStates = (b: ReturnType<typeof v4.addInteraction>) =>
      b
        .given(states.pkg, pkgState)
        .given(states.pkg, previousState)
        .given(states.staticGroup, staticGroupState)
        .given(states.policy, policyState)
    rollbackStates(v4.addInteraction())
      .uponReceiving("a Classic request for a policy by id")
      .withRequest("GET", `/JSSResource/policies/id/${ids.policy}`, (b) => b.headers(classicAccept))
      .willRespondWith(200, (b) => b.xmlBody(classicPolicy).headers(xmlAnswer))
    rollbackStates(v4.addInteraction())
      .uponReceiving("a request for the package record a policy installs")
      .withRequest("GET", `/api/v1/packages/${ids.package}`, (b) => b.headers(bearer))
      .willRespondWith(200, (b) => b.jsonBody(packageRecord()))
    rollbackStates(v4.addInteraction())
      .uponReceiving("a list of packages filtered on the name of the version to go back to")
      .withRequest("GET", "/api/v1/packages", (b) =>
        b
          .query({
            filter: `packageName=="${previousPackageName}"`,
            sort: "id:asc",
            page: "0",
            "page-size": "100"
          })
          .headers(bearer)
      )
      .willRespondWith(200, (b) =>
        b.jsonBody(
          packagesPage({
            id: like(ids.otherPackage),
            packageName: previousPackageName,
            fileName: like(`Firefox-${previousVersion}.pkg`),
            notes: previousNotes
          })
        )
      )
    rollbackStates(v4.addInteraction())
      .uponReceiving("a Classic request to point a policy's package action at another package")
      .withRequest("PUT", `/JSSResource/policies/id/${ids.policy}`, (b) =>
        b
          .xmlBody(repointXml({ id: ids.otherPackage, name: previousPackageName }, "Install"))
          .headers({ ...classicAccept, ...xmlRequest })
      )
      .willRespondWith(201, (b) =>
        b
          .xmlBody(`<?xml version="1.0" encoding="UTF-8"?><policy><id>${ids.policy}</id></policy>`)
          .headers(xmlAnswer)
      )
    await rollbackStates(v4.addInteraction())
      .uponReceiving("a Classic request to flush all of a policy's logs")
      .withRequest("DELETE", `/JSSResource/logflush/policy/id/${ids.policy}/interval/Zero%20Days`, (b) =>
        b.headers(classicAccept)
      )
      .willRespondWith(200)
      .executeTest(async (server) => {
        const result = await runOk(
          Effect.flatMap(jamfRuntime(server.url), (runtime) =>
            rollback(
              runtime,
              jamfRef({ policy: ids.policy, group: ids.staticGroup, package: ids.package }),
              previousVersion
            )
          )
        )
        expect(result.ref).toBe(
          jamfRef({ policy: ids.policy, group: ids.staticGroup, package: ids.otherPackage })
        )
      })
  })
})

describe("device state and remediation", () => {
  const ran = (b: ReturnType<typeof v4.addInteraction>) =>
    b
      .given(states.pkg, pkgState)
      .given(states.file, fileState(true))
      .given(states.staticGroup, staticGroupState)
      .given(states.policy, policyState)
      .given(states.ran, ranState)
  const inventoryQuery = (page: number) => ({
    filter: `id=in=(${ids.computers.join(",")})`,
    sort: "id:asc",
    section: ["GENERAL", "APPLICATIONS", "PACKAGE_RECEIPTS"],
    page: String(page),
    "page-size": "2"
  })
  const inventoryRecord = {
    id: like("1"),
    general: { name: like("Ada's MacBook Pro") },
    applications: eachLike({ name: like("Firefox.app"), version: like("125.0") }),
    packageReceipts: { installedByJamfPro: eachLike(like(exampleArtifact.fileName)) }
  }

  it("reads the inventory of a group's computers, every page (0-based page, page-size)", async () => {
    ran(v4.addInteraction())
      .uponReceiving("the first page of the inventory of some computers")
      .withRequest("GET", "/api/v1/computers-inventory", (b) => b.query(inventoryQuery(0)).headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody({ totalCount: integer(3), results: eachLike(inventoryRecord, 2) })
      )
    await ran(v4.addInteraction())
      .uponReceiving("the last page of the inventory of some computers")
      .withRequest("GET", "/api/v1/computers-inventory", (b) => b.query(inventoryQuery(1)).headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody({ totalCount: integer(3), results: eachLike(inventoryRecord, 1) })
      )
      .executeTest(async (server) => {
        const records = await runOk(
          Effect.flatMap(jamfApi(server.url, { pageSize: 2 }), (api) =>
            Stream.runCollect(inventoryOf(api, ids.computers))
          )
        )
        expect(Chunk.size(records)).toBe(3)
      })
  })

  it("reads a computer's policy logs (Classic computer history)", async () => {
    await ran(v4.addInteraction())
      .uponReceiving("a Classic request for a computer's policy logs")
      .withRequest("GET", `/JSSResource/computerhistory/id/${ids.computers[0]}/subset/PolicyLogs`, (b) =>
        b.headers({ ...bearer, Accept: "application/xml" })
      )
      .willRespondWith(200, (b) =>
        b
          .xmlBody(
            `<?xml version="1.0" encoding="UTF-8"?><computer_history><policy_logs><policy_log><policy_id>${ids.policy}</policy_id><date_time_epoch>1795608900000</date_time_epoch><date_time_utc>2026-11-25T12:15:00.000+0000</date_time_utc><status>Completed</status></policy_log></policy_logs></computer_history>`
          )
          .headers(xmlAnswer)
          .matchingRules(
            xmlTextRules({
              "$.computer_history.policy_logs.policy_log.date_time_epoch": "^\\d+$",
              "$.computer_history.policy_logs.policy_log.date_time_utc": "^\\d{4}-\\d{2}-\\d{2}T\\S+$"
            })
          )
      )
      .executeTest(async (server) => {
        const history = await runOk(
          Effect.flatMap(jamfApi(server.url), (api) => policyLogs(api, ids.computers[0]))
        )
        expect(history.policy_logs).toMatchObject({
          policy_log: [{ policy_id: Number(ids.policy), status: "Completed" }]
        })
      })
  })

  it("reads the Classic 404 for a computer that is gone as no history", async () => {
    await v4
      .addInteraction()
      .given(states.noComputer, { computerId: "999" })
      .uponReceiving("a Classic request for the policy logs of a computer that does not exist")
      .withRequest("GET", "/JSSResource/computerhistory/id/999/subset/PolicyLogs", (b) =>
        b.headers({ ...bearer, Accept: "application/xml" })
      )
      .willRespondWith(404, (b) =>
        b
          .headers(htmlAnswer)
          .body(
            "text/html",
            xml(statusPage("Not Found", "The server has not found anything matching the request URI"))
          )
          .matchingRules(statusPageRules("Not Found"))
      )
      .executeTest(async (server) => {
        const history = await runOk(Effect.flatMap(jamfApi(server.url), (api) => policyLogs(api, "999")))
        expect(history).toEqual({})
      })
  })

  it("flushes the policy's logs on the computers to remediate (DELETE with an XML body)", async () => {
    await ran(v4.addInteraction())
      .uponReceiving("a Classic request to flush a policy's logs on some computers")
      .withRequest("DELETE", "/JSSResource/logflush", (b) =>
        b
          .xmlBody(logFlushXml(ids.policy, ids.computers.slice(0, 2)))
          .headers({ ...bearer, Accept: "application/xml", ...xmlRequest })
      )
      .willRespondWith(200)
      .executeTest(async (server) => {
        await runOk(
          Effect.flatMap(jamfApi(server.url), (api) =>
            flushPolicyLogs(api, ids.policy, ids.computers.slice(0, 2))
          )
        )
      })
  })
})

describe("refusals", () => {
  const body = packageBody(packageIntent, packageKey, {}, "-1")

  it("reads the Jamf Pro API's 401 as a PolicyError once a fresh token is refused too", async () => {
    await v4
      .addInteraction()
      .given(states.pkg, pkgState)
      .given(states.expired)
      .uponReceiving("a request for a package record with an expired token")
      .withRequest("GET", `/api/v1/packages/${ids.package}`, (b) => b.headers(bearer))
      .willRespondWith(401, (b) => b.jsonBody({ httpStatus: 401, errors: [] }))
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(jamfApi(server.url), (api) => getPackage(api, ids.package))
        )
        expect(error).toMatchObject({ _tag: "PolicyError", status: 401 })
      })
  })

  it("reads the Classic API's 401 page as a PolicyError", async () => {
    await v4
      .addInteraction()
      .given(states.pkg, pkgState)
      .given(states.staticGroup, staticGroupState)
      .given(states.policy, policyState)
      .given(states.expired)
      .uponReceiving("a Classic request for a policy with an expired token")
      .withRequest("GET", `/JSSResource/policies/id/${ids.policy}`, (b) =>
        b.headers({ ...bearer, Accept: "application/xml" })
      )
      .willRespondWith(401, (b) =>
        b
          .headers(htmlAnswer)
          .body("text/html", xml(statusPage("Unauthorized", "The request requires user authentication")))
          .matchingRules(statusPageRules("Unauthorized"))
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(jamfApi(server.url), (api) => getPolicy(api, ids.policy))
        )
        expect(error).toMatchObject({ _tag: "PolicyError", status: 401, code: "Unauthorized" })
      })
  })

  it("reads the Jamf Pro API's 403 as a PolicyError naming the privilege, never retried", async () => {
    await v4
      .addInteraction()
      .given(states.noPackage, { packageName: examplePackageName })
      .given(states.lacks, { privilege: "Create Packages" })
      .uponReceiving("a request to create a package record by a caller without the privilege")
      .withRequest("POST", "/api/v1/packages", (b) => b.headers(bearer).jsonBody(body))
      .willRespondWith(403, (b) =>
        b.jsonBody(
          apiErrorBody(
            403,
            "INVALID_PRIVILEGE",
            "",
            'Forbidden: the API role lacks the privilege "Create Packages"'
          )
        )
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(jamfApi(server.url), (api) => createPackage(api, body, packageKey, {}))
        )
        expect(error).toMatchObject({ _tag: "PolicyError", status: 403, code: "INVALID_PRIVILEGE" })
      })
  })

  it("reads the Classic API's 403 page as a PolicyError", async () => {
    await v4
      .addInteraction()
      .given(states.pkg, pkgState)
      .given(states.staticGroup, staticGroupState)
      .given(states.noPolicy, { policyName: examplePolicyName })
      .given(states.lacks, { privilege: "Create Policies" })
      .uponReceiving("a Classic request to create a policy by a caller without the privilege")
      .withRequest("POST", "/JSSResource/policies/id/0", (b) =>
        b.xmlBody(examplePolicyXml()).headers({ ...bearer, Accept: "application/xml", ...xmlRequest })
      )
      .willRespondWith(403, (b) =>
        b
          .headers(htmlAnswer)
          .body(
            "text/html",
            xml(
              statusPage(
                "Forbidden",
                "Error: Forbidden: the API role lacks the privilege &quot;Create Policies&quot;"
              )
            )
          )
          .matchingRules(statusPageRules("Forbidden"))
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(jamfApi(server.url), (api) =>
            api.createXml(
              "create policy",
              "/JSSResource/policies/id/0",
              examplePolicyXml(),
              "policy",
              ClassicId
            )
          )
        )
        expect(error).toMatchObject({ _tag: "PolicyError", status: 403, code: "Forbidden" })
      })
  })

  it("reads the 503 past Jamf's connection limit as a TransientError", async () => {
    await v4
      .addInteraction()
      .given(states.pkg, pkgState)
      .given(states.busy)
      .uponReceiving("a request for a package record while the server is at its connection limit")
      .withRequest("GET", `/api/v1/packages/${ids.package}`, (b) => b.headers(bearer))
      .willRespondWith(503, (b) =>
        b.jsonBody(
          apiErrorBody(503, "SERVICE_UNAVAILABLE", "", "Too many concurrent connections; retry later")
        )
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(jamfApi(server.url), (api) => getPackage(api, ids.package))
        )
        expect(error).toMatchObject({ _tag: "TransientError", status: 503, code: "SERVICE_UNAVAILABLE" })
      })
  })
})

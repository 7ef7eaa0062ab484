import { type AssignmentIntent, intentKey } from "@planes/core"
import { Effect, Option, Redacted } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { isDuplicate } from "../../src/api/errorProfile.js"
import { Activity, Named } from "../../src/api/schemas.js"
import { ensureInstallGroup, findInstallGroup } from "../../src/assign/installActivity.js"
import { ensureSavedSearch, findSavedSearch } from "../../src/assign/savedSearch.js"
import { makeLoginTokenProvider } from "../../src/auth/login.js"
import { type AssignmentPlan, assignmentPlan } from "../../src/mapping/assignment.js"
import { createPocketParams, pocketAddress, pocketParams } from "../../src/mapping/repository.js"
import { bringIn, pocketHas } from "../../src/publish/bringIn.js"
import { followActivity } from "../../src/publish/follow.js"
import { ensureProfile } from "../../src/publish/profile.js"
import { ensureRepository } from "../../src/publish/repository.js"
import { landscapeRef } from "../../src/ref/landscapeRef.js"
import { remediate } from "../../src/remediate/remediate.js"
import { downgradeComputer } from "../../src/rollback/rollback.js"
import { installedVersions, latestChildren, offlineComputers } from "../../src/state/deviceStates.js"
import {
  bearer,
  contractClient,
  contractConfig,
  contractSecrets,
  eachLike,
  exampleAccessKey,
  exampleEmail,
  examplePassword,
  exampleSecretKey,
  exampleToken,
  fromState,
  idFromState,
  integer,
  jsonType,
  landscapeError,
  landscapePact,
  legacyGet,
  legacyPost,
  like,
  loginClient,
  ok,
  regex,
  restPage,
  runFailing,
  runOk,
  startFresh,
  stateValue
} from "./pactSupport.js"

// The Landscape adapter's contract with a Landscape server: every request the adapter makes, on the
// signed legacy API (`/api/`, GET reads and form POST writes) and on REST v2 (`/api/v2`, JSON with a
// JWT), driven through the adapter's own functions against the Pact mock server, with the answers it
// relies on. One interaction per test, except where the function under test is itself a sequence
// (ensuring the repository or the profile, finding the install group, remediation, a downgrade, two
// pages); those add each interaction, then run the function once. Responses pin only what the adapter
// reads; activity ids come from the provider states.

const oldCurl = "7.81.0-1ubuntu1.14"
const newCurl = "7.81.0-1ubuntu1.17"
const repo = contractConfig("http://127.0.0.1").repository
const where = { distribution: "ubuntu", series: "jammy", pocket: "updates" }
const profileTitle = "planes ubuntu jammy updates"
const profileName = "planes-ubuntu-jammy-updates"

const assignment: AssignmentIntent = {
  package: {
    key: "landscape-pact-example" as AssignmentIntent["package"]["key"],
    name: "curl",
    version: newCurl
  },
  target: { _tag: "tag", tag: "ring-0" },
  intent: "required",
  schedule: { start: "2026-11-26T02:00:00.000Z", spreadMinutes: 30 }
}
const key = intentKey(assignment)
const planned = assignmentPlan(assignment, key)
if ("_tag" in planned) throw new Error("the example assignment must plan")
const plan: AssignmentPlan = planned
const search = plan.searchName
const exampleGroupId = 201
const exampleChildId = 301
const ref = landscapeRef({
  search,
  package: "curl",
  version: newCurl,
  goal: "install",
  activity: exampleGroupId
})

const states = {
  accessKeyUser: "a user {email} with access key {accessKey} and secret key {secretKey} exists",
  passwordUser: "a user {email} with password {password} exists",
  noDistribution: "no distribution exists",
  distribution: "distribution {distribution} exists without series {series}",
  series: "series {distribution}/{series} exists without pocket {pocket}",
  pocket: "pocket {distribution}/{series}/{pocket} exists in {mode} mode",
  listing: "pocket {distribution}/{series}/{pocket} lists {package} {version}",
  upstream:
    "mirror pocket {distribution}/{series}/{pocket} exists and its upstream carries {package} {version}",
  synced: "a sync of pocket {distribution}/{series}/{pocket} has succeeded",
  busy: "a sync of pocket {other} runs on distribution {distribution}",
  profile: "repository profile {title} points at {distribution}/{series}/{pocket} for tag {tag}",
  noProfile: "pocket {distribution}/{series}/{pocket} exists and no repository profile exists",
  bareProfile: "repository profile {title} exists without pockets or tags",
  savedSearch: "saved search {name} titled {title} searches {search}",
  noSavedSearch: "computers tagged {tag} exist and no saved search is named {name}",
  installable: "saved search {name} selects computers tagged {tag} that can install {package} {version}",
  installed: "an install of {package} ran on the computers of saved search {name}",
  failedChild: "an install of {package} {version} on saved search {name} failed on one computer",
  offline: "computer {computerId} of saved search {name} is offline",
  downgrade:
    "computer {computerId} has {package} {installed} installed and {version} available as a downgrade",
  noComputer: "no computer with id {computerId} exists",
  refused: "the caller's credentials are refused",
  auditor: "the caller may only read (auditor role)",
  readOnlyDowngrade:
    "computer {computerId} has {package} {installed} installed and {version} available as a downgrade, and the caller may only read",
  unavailable: "the server answers the next request with 503"
} as const

const pact = landscapePact()

beforeAll(() => startFresh())

/** An activity as the adapter reads it. */
const activity = (fields: Record<string, unknown>) => ({
  id: integer(101),
  type: like("ActivityGroup"),
  summary: like("Install package curl"),
  activity_status: like("scheduled"),
  ...fields
})

describe("REST login", () => {
  const tokenOf = (config: ReturnType<typeof contractConfig>) =>
    Effect.gen(function* () {
      const tokens = yield* makeLoginTokenProvider(config, yield* loginClient(config.url), contractSecrets)
      return Redacted.value(yield* tokens.get)
    })

  it("logs in with the access key pair", async () => {
    pact
      .given(states.accessKeyUser, {
        email: exampleEmail,
        accessKey: exampleAccessKey,
        secretKey: exampleSecretKey
      })
      .uponReceiving("a login with an access key pair")
      .withRequest({
        method: "POST",
        path: "/api/v2/login/access-key",
        body: { access_key: exampleAccessKey, secret_key: exampleSecretKey, expiry_minutes: 60 }
      })
      .willRespondWith(ok({ token: like(exampleToken) }))
    await pact.executeTest(async (server) => {
      expect(await runOk(tokenOf(contractConfig(server.url)))).toBe(exampleToken)
    })
  })

  it("logs in with email and password", async () => {
    pact
      .given(states.passwordUser, { email: exampleEmail, password: examplePassword })
      .uponReceiving("a login with email and password")
      .withRequest({
        method: "POST",
        path: "/api/v2/login",
        body: { email: exampleEmail, password: examplePassword, expiry_minutes: 60 }
      })
      .willRespondWith(ok({ token: like(exampleToken) }))
    await pact.executeTest(async (server) => {
      const config = contractConfig(server.url, {
        auth: { _tag: "password", email: exampleEmail, password: "env:LS_PASSWORD" }
      })
      expect(await runOk(tokenOf(config))).toBe(exampleToken)
    })
  })

  it("reads a refused login (401 InvalidCredentials) as a PolicyError", async () => {
    pact
      .given(states.accessKeyUser, {
        email: exampleEmail,
        accessKey: exampleAccessKey,
        secretKey: exampleSecretKey
      })
      .uponReceiving("a login with a secret key that is not the user's")
      .withRequest({
        method: "POST",
        path: "/api/v2/login/access-key",
        body: { access_key: exampleAccessKey, secret_key: "not-the-secret", expiry_minutes: 60 }
      })
      .willRespondWith(landscapeError(401, "InvalidCredentials", "Invalid credentials."))
    await pact.executeTest(async (server) => {
      const config = contractConfig(server.url, {
        auth: { _tag: "accessKey", accessKey: "env:LS_ACCESS_KEY", secretKey: "env:LS_WRONG" }
      })
      const error = await runFailing(tokenOf(config))
      expect(error).toMatchObject({ _tag: "PolicyError", code: "InvalidCredentials" })
    })
  })
})

describe("legacy API: repository management (publishPackage)", () => {
  const distributions = (series: unknown) => ok([{ name: "ubuntu", series }])

  it("finds the configured distribution, series and pocket", async () => {
    pact
      .given(states.pocket, { ...where, mode: "mirror" })
      .uponReceiving("a signed GetDistributions listing the pocket")
      .withRequest(legacyGet("GetDistributions"))
      .willRespondWith(
        distributions(eachLike({ name: "jammy", pockets: eachLike({ name: "updates", mode: "mirror" }) }))
      )
    await pact.executeTest(async (server) => {
      const objects = await runOk(
        Effect.flatMap(contractClient(server.url), (client) => ensureRepository(client, repo))
      )
      expect(objects.map((o) => o.created)).toEqual([false, false, false])
    })
  })

  it("creates the distribution, series and pocket on an empty server", async () => {
    pact
      .given(states.noDistribution)
      .uponReceiving("a signed GetDistributions on a server without distributions")
      .withRequest(legacyGet("GetDistributions"))
      .willRespondWith(ok([]))
    pact
      .given(states.noDistribution)
      .uponReceiving("a signed CreateDistribution")
      .withRequest(legacyPost("CreateDistribution", { name: "ubuntu" }))
      .willRespondWith(ok({ name: "ubuntu" }))
    pact
      .given(states.distribution, { distribution: "ubuntu", series: "jammy" })
      .uponReceiving("a signed CreateSeries")
      .withRequest(legacyPost("CreateSeries", { name: "jammy", distribution: "ubuntu" }))
      .willRespondWith(ok({ name: "jammy" }))
    pact
      .given(states.series, where)
      .uponReceiving("a signed CreatePocket in mirror mode")
      .withRequest(legacyPost("CreatePocket", createPocketParams(repo)))
      .willRespondWith(ok({ name: "updates" }))
    await pact.executeTest(async (server) => {
      const objects = await runOk(
        Effect.flatMap(contractClient(server.url), (client) => ensureRepository(client, repo))
      )
      expect(objects.map((o) => o.created)).toEqual([true, true, true])
    })
  })

  it("reads DuplicateDistribution as the Duplicate* answer creates resolve", async () => {
    pact
      .given(states.pocket, { ...where, mode: "mirror" })
      .uponReceiving("a signed CreateDistribution of a name that exists")
      .withRequest(legacyPost("CreateDistribution", { name: "ubuntu" }))
      .willRespondWith(
        landscapeError(400, "DuplicateDistribution", "A distribution named ubuntu already exists.")
      )
    await pact.executeTest(async (server) => {
      const error = await runFailing(
        Effect.flatMap(contractClient(server.url), (client) =>
          client.write("publish package", "CreateDistribution", { name: "ubuntu" }, Named, { retry: false })
        )
      )
      expect(error).toMatchObject({ _tag: "PermanentError", code: "DuplicateDistribution" })
      expect(isDuplicate(error)).toBe(true)
    })
  })

  it("reads the pocket listing", async () => {
    pact
      .given(states.listing, { ...where, package: "curl", version: newCurl })
      .uponReceiving("a signed ListPocket searching a package")
      .withRequest(legacyGet("ListPocket", { ...pocketParams(where), search: "curl" }))
      .willRespondWith(ok({ "main/amd64": eachLike(["curl", newCurl]) }))
    await pact.executeTest(async (server) => {
      expect(
        await runOk(Effect.flatMap(contractClient(server.url), (c) => pocketHas(c, repo, "curl", newCurl)))
      ).toBe(true)
    })
  })

  it("starts a mirror sync", async () => {
    pact
      .given(states.upstream, { ...where, package: "curl", version: newCurl })
      .uponReceiving("a signed SyncMirrorPocket")
      .withRequest(legacyPost("SyncMirrorPocket", pocketParams(where)))
      .willRespondWith(
        ok(
          activity({
            type: "SyncPocketRequest",
            summary: like("Sync pocket updates of series jammy in distribution ubuntu")
          })
        )
      )
    await pact.executeTest(async (server) => {
      const started = await runOk(
        Effect.flatMap(contractClient(server.url), (c) =>
          c.write("publish package", "SyncMirrorPocket", pocketParams(pocketAddress(repo)), Activity, {
            retry: false
          })
        )
      )
      expect(started.type).toBe("SyncPocketRequest")
    })
  })

  it("follows a sync activity to success", async () => {
    pact
      .given(states.synced, where)
      .uponReceiving("a signed GetActivities of one activity by id")
      .withRequest(
        legacyGet(
          "GetActivities",
          {},
          { query: fromState("^id:\\d+$", `id:${stateValue("activityId")}`, "id:101") }
        )
      )
      .willRespondWith(
        ok([
          activity({
            id: idFromState("activityId", 101),
            type: "SyncPocketRequest",
            activity_status: "succeeded"
          })
        ])
      )
    await pact.executeTest(async (server) => {
      const done = await runOk(
        Effect.flatMap(contractClient(server.url), (c) => followActivity(c, "publish package", 101))
      )
      expect(done.activity_status).toBe("succeeded")
    })
  })

  it("reads OperationInProgress (another sync on the distribution) as a TransientError", async () => {
    pact
      .given(states.busy, { other: "security", ...where })
      .uponReceiving("a signed ListPocket of a pocket without the version")
      .withRequest(legacyGet("ListPocket", { ...pocketParams(where), search: "curl" }))
      .willRespondWith(ok({}))
    pact
      .given(states.busy, { other: "security", ...where })
      .uponReceiving("a signed GetActivities of running syncs")
      .withRequest(
        legacyGet("GetActivities", {
          query: "type:SyncPocketRequest status:undelivered OR type:SyncPocketRequest status:delivered"
        })
      )
      .willRespondWith(
        ok(
          eachLike(
            activity({
              type: "SyncPocketRequest",
              summary: like("Sync pocket security of series jammy in distribution ubuntu"),
              activity_status: like("undelivered")
            })
          )
        )
      )
    pact
      .given(states.busy, { other: "security", ...where })
      .uponReceiving("a signed SyncMirrorPocket while another sync runs on the distribution")
      .withRequest(legacyPost("SyncMirrorPocket", pocketParams(where)))
      .willRespondWith(
        landscapeError(400, "OperationInProgress", "Another operation is in progress on ubuntu.")
      )
    await pact.executeTest(async (server) => {
      const error = await runFailing(
        Effect.flatMap(contractClient(server.url), (c) => bringIn(c, repo, "curl", newCurl))
      )
      expect(error).toMatchObject({ _tag: "TransientError", code: "OperationInProgress" })
    })
  })

  it("finds the repository profile pointing at the pocket for the tag", async () => {
    pact
      .given(states.profile, { ...where, title: profileTitle, tag: "ring-0" })
      .uponReceiving("a signed GetRepositoryProfiles")
      .withRequest(legacyGet("GetRepositoryProfiles"))
      .willRespondWith(
        ok(
          eachLike({
            name: like(profileName),
            title: profileTitle,
            all_computers: false,
            tags: ["ring-0"],
            pockets: [{ name: "updates", series: "jammy", distribution: "ubuntu" }]
          })
        )
      )
    await pact.executeTest(async (server) => {
      const profile = await runOk(Effect.flatMap(contractClient(server.url), (c) => ensureProfile(c, repo)))
      expect(profile).toMatchObject({ id: profileName, created: false })
    })
  })

  it("creates the repository profile, adds the pocket and associates the tag", async () => {
    pact
      .given(states.noProfile, where)
      .uponReceiving("a signed GetRepositoryProfiles without profiles")
      .withRequest(legacyGet("GetRepositoryProfiles"))
      .willRespondWith(ok([]))
    pact
      .given(states.noProfile, where)
      .uponReceiving("a signed CreateRepositoryProfile")
      .withRequest(
        legacyPost("CreateRepositoryProfile", {
          title: profileTitle,
          description: "Managed by planes: points computers at ubuntu/jammy/updates."
        })
      )
      .willRespondWith(
        ok({ name: profileName, title: profileTitle, all_computers: false, tags: [], pockets: [] })
      )
    pact
      .given(states.bareProfile, { ...where, title: profileTitle })
      .uponReceiving("a signed AddPocketsToRepositoryProfile")
      .withRequest(
        legacyPost("AddPocketsToRepositoryProfile", {
          name: profileName,
          pockets: ["updates"],
          series: "jammy",
          distribution: "ubuntu"
        })
      )
      .willRespondWith(ok({ name: profileName, title: profileTitle }))
    pact
      .given(states.bareProfile, { ...where, title: profileTitle })
      .uponReceiving("a signed AssociateRepositoryProfile with tags")
      .withRequest(legacyPost("AssociateRepositoryProfile", { name: profileName, tags: ["ring-0"] }))
      .willRespondWith(ok({ name: profileName, title: profileTitle }))
    await pact.executeTest(async (server) => {
      const profile = await runOk(Effect.flatMap(contractClient(server.url), (c) => ensureProfile(c, repo)))
      expect(profile).toMatchObject({ id: profileName, created: true })
    })
  })

  it("reads 401 on a signed call as a PolicyError", async () => {
    pact
      .given(states.refused)
      .uponReceiving("a signed GetDistributions whose credentials are refused")
      .withRequest(legacyGet("GetDistributions"))
      .willRespondWith({
        status: 401,
        headers: jsonType,
        body: {
          error: regex("^(AuthFailure|InvalidCredentials|SignatureDoesNotMatch)$", "AuthFailure"),
          message: like("Authentication required.")
        }
      })
    await pact.executeTest(async (server) => {
      const error = await runFailing(
        Effect.flatMap(contractClient(server.url), (client) => ensureRepository(client, repo))
      )
      expect(error._tag).toBe("PolicyError")
    })
  })

  it("reads 403 Unauthorised on a write as a PolicyError", async () => {
    pact
      .given(states.auditor)
      .uponReceiving("a signed GetDistributions by a read-only user")
      .withRequest(legacyGet("GetDistributions"))
      .willRespondWith(ok([]))
    pact
      .given(states.auditor)
      .uponReceiving("a signed CreateDistribution by a read-only user")
      .withRequest(legacyPost("CreateDistribution", { name: "ubuntu" }))
      .willRespondWith(landscapeError(403, "Unauthorised", "You are not allowed to do this."))
    await pact.executeTest(async (server) => {
      const error = await runFailing(
        Effect.flatMap(contractClient(server.url), (client) => ensureRepository(client, repo))
      )
      expect(error).toMatchObject({ _tag: "PolicyError", code: "Unauthorised" })
    })
  })
})

describe("legacy API: saved searches and install activities (createAssignment)", () => {
  const savedSearch = (title: unknown) => ({ name: search, title, search: like(plan.search) })

  it("finds the key's saved search", async () => {
    pact
      .given(states.savedSearch, { name: search, title: plan.searchTitle, search: plan.search })
      .uponReceiving("a signed GetSavedSearches, first page")
      .withRequest(legacyGet("GetSavedSearches", { limit: 200, offset: 0 }))
      .willRespondWith(ok(eachLike(savedSearch(like(plan.searchTitle)))))
    await pact.executeTest(async (server) => {
      const found = await runOk(Effect.flatMap(contractClient(server.url), (c) => findSavedSearch(c, search)))
      expect(Option.map(found, (s) => s.name)).toEqual(Option.some(search))
    })
  })

  it("creates the key's saved search", async () => {
    pact
      .given(states.noSavedSearch, { tag: "ring-0", name: search })
      .uponReceiving("a signed GetSavedSearches without the key's search")
      .withRequest(legacyGet("GetSavedSearches", { limit: 200, offset: 0 }))
      .willRespondWith(ok([]))
    pact
      .given(states.noSavedSearch, { tag: "ring-0", name: search })
      .uponReceiving("a signed CreateSavedSearch named after the key")
      .withRequest(
        legacyPost("CreateSavedSearch", { name: search, title: plan.searchTitle, search: plan.search })
      )
      .willRespondWith(ok(savedSearch(plan.searchTitle)))
    await pact.executeTest(async (server) => {
      const saved = await runOk(Effect.flatMap(contractClient(server.url), (c) => ensureSavedSearch(c, plan)))
      expect(saved.object).toMatchObject({ id: search, created: true })
    })
  })

  it("reads DuplicateSavedSearch as the Duplicate* answer creates resolve", async () => {
    pact
      .given(states.savedSearch, { name: search, title: plan.searchTitle, search: plan.search })
      .uponReceiving("a signed CreateSavedSearch of a name that exists")
      .withRequest(
        legacyPost("CreateSavedSearch", { name: search, title: plan.searchTitle, search: plan.search })
      )
      .willRespondWith(
        landscapeError(400, "DuplicateSavedSearch", `A saved search named ${search} already exists.`)
      )
    await pact.executeTest(async (server) => {
      const error = await runFailing(
        Effect.flatMap(contractClient(server.url), (c) =>
          c.write(
            "create assignment",
            "CreateSavedSearch",
            { name: search, title: plan.searchTitle, search: plan.search },
            Activity,
            { retry: false }
          )
        )
      )
      expect(isDuplicate(error)).toBe(true)
    })
  })

  it("creates the install activity once and records its id in the saved search's title", async () => {
    pact
      .given(states.installable, { name: search, tag: "ring-0", package: "curl", version: newCurl })
      .uponReceiving("a signed GetActivities of the saved search's package changes, none yet")
      .withRequest(
        legacyGet("GetActivities", {
          query: `computer:search:${search} type:ChangePackagesRequest`,
          limit: 200,
          offset: 0
        })
      )
      .willRespondWith(ok([]))
    pact
      .given(states.installable, { name: search, tag: "ring-0", package: "curl", version: newCurl })
      .uponReceiving("a signed InstallPackages on the saved search with deliver_after and a delay window")
      .withRequest(legacyPost("InstallPackages", plan.params))
      .willRespondWith(ok(activity({ id: integer(exampleGroupId), type: "ActivityGroup" })))
    pact
      .given(states.savedSearch, { name: search, title: plan.searchTitle, search: plan.search })
      .uponReceiving("a signed EditSavedSearch recording the activity id in the title")
      .withRequest(
        legacyPost(
          "EditSavedSearch",
          { name: search },
          {
            title: regex(
              `^planes ${key}: install curl \\S+ \\[activity \\d+\\]$`,
              `${plan.searchTitle} [activity ${exampleGroupId}]`
            )
          }
        )
      )
      .willRespondWith(ok(savedSearch(like(`${plan.searchTitle} [activity ${exampleGroupId}]`))))
    await pact.executeTest(async (server) => {
      const group = await runOk(
        Effect.flatMap(contractClient(server.url), (c) => ensureInstallGroup(c, plan, plan.searchTitle))
      )
      expect(group).toEqual({ id: exampleGroupId, created: true })
    })
  })

  it("finds the install activity through the saved search's computers", async () => {
    pact
      .given(states.installed, { name: search, package: "curl" })
      .uponReceiving("a signed GetActivities of the saved search's package changes")
      .withRequest(
        legacyGet("GetActivities", {
          query: `computer:search:${search} type:ChangePackagesRequest`,
          limit: 200,
          offset: 0
        })
      )
      .willRespondWith(
        ok(
          eachLike(
            activity({
              type: like("ChangePackagesRequest"),
              computer_id: integer(1),
              parent_id: idFromState("groupId", exampleGroupId)
            })
          )
        )
      )
    pact
      .given(states.installed, { name: search, package: "curl" })
      .uponReceiving("a signed GetActivities of the parent activities by id")
      .withRequest(
        legacyGet(
          "GetActivities",
          {},
          {
            query: fromState("^id:\\d+( OR id:\\d+)*$", `id:${stateValue("groupId")}`, `id:${exampleGroupId}`)
          }
        )
      )
      .willRespondWith(
        ok(
          eachLike(
            activity({
              id: idFromState("groupId", exampleGroupId),
              type: "ActivityGroup",
              summary: "Install package curl"
            })
          )
        )
      )
    await pact.executeTest(async (server) => {
      const found = await runOk(
        Effect.flatMap(contractClient(server.url), (c) => findInstallGroup(c, plan, plan.searchTitle))
      )
      expect(found).toEqual(Option.some(exampleGroupId))
    })
  })
})

describe("REST v2: state, compliance, remediation and rollback", () => {
  const packagesRequest = {
    method: "GET",
    path: "/api/v2/packages",
    headers: bearer,
    query: { names: "curl", query: `search:${search}`, installed: "true", offset: "0", limit: "200" }
  } as const
  const offlineRequest = {
    method: "GET",
    path: "/api/v2/computers",
    headers: bearer,
    query: { query: `search:${search} alert:computer-offline`, offset: "0", limit: "200" }
  } as const
  const childrenRequest = (offset: number, limit: number) =>
    ({
      method: "GET",
      path: "/api/v2/activities",
      headers: bearer,
      query: {
        query: fromState(
          "^parent-id:\\d+$",
          `parent-id:${stateValue("groupId")}`,
          `parent-id:${exampleGroupId}`
        ),
        offset: String(offset),
        limit: String(limit)
      }
    }) as const
  const packageRow = (version: string) =>
    eachLike({
      id: integer(1001),
      name: "curl",
      version,
      computers: eachLike({ id: integer(1), status: regex("^(installed|held)$", "installed") })
    })
  const child = (computer: number, status: unknown = like("succeeded")) =>
    activity({
      id: integer(exampleChildId),
      type: like("ChangePackagesRequest"),
      activity_status: status,
      computer_id: integer(computer)
    })

  it("reads the installed versions of the saved search's computers", async () => {
    pact
      .given(states.installed, { name: search, package: "curl" })
      .uponReceiving("a REST GET of the package's installed versions on the saved search")
      .withRequest(packagesRequest)
      .willRespondWith(ok(restPage(packageRow(newCurl))))
    await pact.executeTest(async (server) => {
      const versions = await runOk(
        Effect.flatMap(contractClient(server.url), (c) =>
          installedVersions(c, "query state", "curl", `search:${search}`)
        )
      )
      expect(versions.get(1)).toBe(newCurl)
    })
  })

  it("reads the offline computers of the saved search", async () => {
    pact
      .given(states.offline, { name: search, computerId: 3 })
      .uponReceiving("a REST GET of the saved search's offline computers")
      .withRequest(offlineRequest)
      .willRespondWith(ok(restPage(eachLike({ id: integer(3) }))))
    await pact.executeTest(async (server) => {
      const offline = await runOk(
        Effect.flatMap(contractClient(server.url), (c) => offlineComputers(c, "query state", search))
      )
      expect([...offline]).toEqual([3])
    })
  })

  it("reads every page of the install group's per-computer activities", async () => {
    pact
      .given(states.installed, { name: search, package: "curl" })
      .uponReceiving("a REST GET of the group's children, first page of one")
      .withRequest(childrenRequest(0, 1))
      .willRespondWith(ok(restPage(eachLike(child(1)), integer(2))))
    pact
      .given(states.installed, { name: search, package: "curl" })
      .uponReceiving("a REST GET of the group's children, second page of one")
      .withRequest(childrenRequest(1, 1))
      .willRespondWith(ok(restPage(eachLike(child(2)), integer(2))))
    await pact.executeTest(async (server) => {
      const children = await runOk(
        Effect.flatMap(contractClient(server.url, { pageSize: 1 }), (c) =>
          latestChildren(c, "device states", {
            search,
            package: "curl",
            version: newCurl,
            goal: "install",
            activity: exampleGroupId
          })
        )
      )
      expect(children.map((x) => x.computer_id)).toEqual([1, 2])
    })
  })

  it("remediates by reapplying the failed per-computer activity", async () => {
    const given = { name: search, package: "curl", version: newCurl }
    pact
      .given(states.failedChild, given)
      .uponReceiving("a REST GET of the package's installed versions where the install failed")
      .withRequest(packagesRequest)
      .willRespondWith(ok(restPage(packageRow(oldCurl))))
    pact
      .given(states.failedChild, given)
      .uponReceiving("a REST GET of the saved search's offline computers, none")
      .withRequest(offlineRequest)
      .willRespondWith(ok(restPage([], integer(0))))
    pact
      .given(states.failedChild, given)
      .uponReceiving("a REST GET of the group's children with a failed one")
      .withRequest(childrenRequest(0, 200))
      .willRespondWith(
        ok(
          restPage(
            eachLike(
              activity({
                id: idFromState("childId", exampleChildId),
                type: like("ChangePackagesRequest"),
                activity_status: "failed",
                computer_id: integer(1)
              })
            )
          )
        )
      )
    pact
      .given(states.failedChild, given)
      .uponReceiving("a REST POST reapplying a failed activity")
      .withRequest({
        method: "POST",
        path: "/api/v2/activities/reapply",
        headers: bearer,
        body: { activity_ids: [idFromState("childId", exampleChildId)] }
      })
      .willRespondWith(ok(eachLike(integer(302))))
    await pact.executeTest(async (server) => {
      const result = await runOk(
        Effect.flatMap(contractClient(server.url), (c) =>
          remediate(c, ref, { status: "installed", version: newCurl })
        )
      )
      expect(result).toMatchObject({ action: "reapply", devices: ["1"] })
    })
  })

  it("downgrades one computer through the downgrade route", async () => {
    const given = { computerId: 3, package: "curl", installed: newCurl, version: oldCurl }
    pact
      .given(states.downgrade, given)
      .uponReceiving("a REST GET of a computer's package changes, none running")
      .withRequest({
        method: "GET",
        path: "/api/v2/activities",
        headers: bearer,
        query: { query: "computer:id:3 type:ChangePackagesRequest", offset: "0", limit: "200" }
      })
      .willRespondWith(ok(restPage([], integer(0))))
    pact
      .given(states.downgrade, given)
      .uponReceiving("a REST GET of a package's downgrades on a computer")
      .withRequest({
        method: "GET",
        path: "/api/v2/computers/3/packages/installed/curl/downgrades",
        headers: bearer
      })
      .willRespondWith(ok({ results: eachLike({ id: integer(1001), name: "curl", version: oldCurl }) }))
    pact
      .given(states.downgrade, given)
      .uponReceiving("a REST POST downgrading a package on a computer")
      .withRequest({
        method: "POST",
        path: "/api/v2/computers/3/packages/installed",
        headers: bearer,
        body: { package_name: "curl", package_version: oldCurl }
      })
      .willRespondWith(ok(activity({ id: integer(401), summary: like("Downgrade package curl") })))
    await pact.executeTest(async (server) => {
      const outcome = await runOk(
        Effect.flatMap(contractClient(server.url), (c) => downgradeComputer(c, 3, "curl", newCurl, oldCurl))
      )
      expect(outcome).toEqual({ _tag: "Started", activity: 401 })
    })
  })

  it("reads 404 for an unknown computer's downgrades as none available", async () => {
    pact
      .given(states.noComputer, { computerId: 999 })
      .uponReceiving("a REST GET of an unknown computer's package changes")
      .withRequest({
        method: "GET",
        path: "/api/v2/activities",
        headers: bearer,
        query: { query: "computer:id:999 type:ChangePackagesRequest", offset: "0", limit: "200" }
      })
      .willRespondWith(ok(restPage([], integer(0))))
    pact
      .given(states.noComputer, { computerId: 999 })
      .uponReceiving("a REST GET of an unknown computer's downgrades")
      .withRequest({
        method: "GET",
        path: "/api/v2/computers/999/packages/installed/curl/downgrades",
        headers: bearer
      })
      .willRespondWith(landscapeError(404, "UnknownComputer", "Unknown computer: 999"))
    await pact.executeTest(async (server) => {
      const outcome = await runOk(
        Effect.flatMap(contractClient(server.url), (c) => downgradeComputer(c, 999, "curl", newCurl, oldCurl))
      )
      expect(outcome).toEqual({ _tag: "Unavailable" })
    })
  })

  it("reads 401 on REST as a PolicyError", async () => {
    pact
      .given(states.refused)
      .uponReceiving("a REST GET with a token that is refused")
      .withRequest(packagesRequest)
      .willRespondWith(landscapeError(401, "AuthFailure", "Authentication required."))
    await pact.executeTest(async (server) => {
      const error = await runFailing(
        Effect.flatMap(contractClient(server.url), (c) =>
          installedVersions(c, "query state", "curl", `search:${search}`)
        )
      )
      expect(error).toMatchObject({ _tag: "PolicyError", code: "AuthFailure" })
    })
  })

  it("reads 403 Unauthorised on a REST write as a PolicyError", async () => {
    const given = { computerId: 3, package: "curl", installed: newCurl, version: oldCurl }
    pact
      .given(states.readOnlyDowngrade, given)
      .uponReceiving("a REST GET of a computer's package changes by a read-only user")
      .withRequest({
        method: "GET",
        path: "/api/v2/activities",
        headers: bearer,
        query: { query: "computer:id:3 type:ChangePackagesRequest", offset: "0", limit: "200" }
      })
      .willRespondWith(ok(restPage([], integer(0))))
    pact
      .given(states.readOnlyDowngrade, given)
      .uponReceiving("a REST GET of a package's downgrades by a read-only user")
      .withRequest({
        method: "GET",
        path: "/api/v2/computers/3/packages/installed/curl/downgrades",
        headers: bearer
      })
      .willRespondWith(ok({ results: eachLike({ id: integer(1001), name: "curl", version: oldCurl }) }))
    pact
      .given(states.readOnlyDowngrade, given)
      .uponReceiving("a REST POST downgrading a package by a read-only user")
      .withRequest({
        method: "POST",
        path: "/api/v2/computers/3/packages/installed",
        headers: bearer,
        body: { package_name: "curl", package_version: oldCurl }
      })
      .willRespondWith(landscapeError(403, "Unauthorised", "You are not allowed to do this."))
    await pact.executeTest(async (server) => {
      const error = await runFailing(
        Effect.flatMap(contractClient(server.url), (c) => downgradeComputer(c, 3, "curl", newCurl, oldCurl))
      )
      expect(error).toMatchObject({ _tag: "PolicyError", code: "Unauthorised" })
    })
  })

  it("reads 503 as a TransientError", async () => {
    pact
      .given(states.unavailable)
      .uponReceiving("a REST GET while the server is unavailable")
      .withRequest(packagesRequest)
      .willRespondWith(landscapeError(503, "ServiceUnavailable", "The service is unavailable."))
    await pact.executeTest(async (server) => {
      const error = await runFailing(
        Effect.flatMap(contractClient(server.url), (c) =>
          installedVersions(c, "query state", "curl", `search:${search}`)
        )
      )
      expect(error._tag).toBe("TransientError")
    })
  })
})

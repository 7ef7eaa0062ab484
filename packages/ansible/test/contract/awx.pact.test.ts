import { type IntentKey, intentKey } from "@planes/core"
import { Effect, Option, Schema } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { findLaunch, launchOnce } from "../../src/assign/launchOnce.js"
import { publishedTemplate } from "../../src/assign/publishedTemplate.js"
import { resolveTarget } from "../../src/assign/target.js"
import { getJob, getTemplate, organizationId } from "../../src/awx/resources.js"
import type { Project } from "../../src/awx/schemas.js"
import type { ExtraVars } from "../../src/mapping/extraVars.js"
import { jobTemplateBody } from "../../src/mapping/jobTemplate.js"
import { assignmentVars } from "../../src/mapping/launch.js"
import { mirrorKey, mirrorVars } from "../../src/mapping/mirror.js"
import { mirrorTemplateName } from "../../src/mapping/names.js"
import { projectBody } from "../../src/mapping/project.js"
import { MirrorIntent } from "../../src/mirror/MirrorIntent.js"
import { attachCredentials } from "../../src/publish/attachCredentials.js"
import { ensureProject, waitForSync } from "../../src/publish/ensureProject.js"
import { ensureTemplate } from "../../src/publish/ensureTemplate.js"
import { packageTemplateSpecs } from "../../src/publish/publishPackage.js"
import { ansibleRef } from "../../src/ref/ansibleRef.js"
import { assignmentFor, packageIntent } from "../fixtures.js"
import {
  awxApiPath,
  basic,
  bearer,
  boolean,
  contractConfig,
  detailBody,
  eachLike,
  emptyList,
  exampleToken,
  idFromState,
  ids,
  integer,
  like,
  listOf,
  pactV4,
  planeAt,
  queryId,
  regex,
  runFailing,
  runOk,
  runtimeAt,
  startFresh
} from "./pactSupport.js"

// The Ansible adapter's contract with the AWX / Automation Controller API v2: every request the adapter
// makes, driven through the adapter's own functions against the Pact mock server, with the answers it
// relies on. Responses pin only what the adapter reads (the schemas in src/awx/schemas.ts); ids come
// from provider states. One interaction per test, except where the function under test is itself a
// sequence (find-or-create, a launch and its cancel, a state query and its pages, a remediation).

const key = intentKey(packageIntent)
const [installSpec, removeSpec] = packageTemplateSpecs("planes", packageIntent)
const installName = installSpec.name
const organization = "Default"
const projectName = "planes playbooks"
const olderKey = "pl1-aaaaaaaaaaaaaaaaaaaa"
const assignment = assignmentFor(packageIntent, { _tag: "inventory", inventory: "Lab", limit: "web1" })
const assignmentKey = intentKey(assignment)

const states = {
  organization: "an organization named {organization} exists",
  noOrganization: "no organization named {organization} exists",
  inventory: "inventory {inventory} exists in organization {organization}",
  expiredToken: "the caller's token has expired",
  wrongPassword: "user {username} has another password than the one presented",
  readOnly: "the caller's token has the read scope only",
  unavailable: "the controller answers the next request with 503 Service Unavailable",
  noJob: "no job with id {jobId} exists",
  project: "project {project} of organization {organization} has synced",
  noProject: "no project named {project} exists in organization {organization}",
  failedProject: "the last sync of project {project} of organization {organization} failed",
  template: "job template {template} with key {key} exists in organization {organization}",
  noTemplate: "no job template named {template} exists in organization {organization}",
  noLimitPrompt: "job template {template} with key {key} does not ask for the limit on launch",
  credential: "credential {credential} exists and is not attached to job template {template}",
  noJobs: "job template {template} has no jobs",
  launched: "job template {template} has a manual job launched with key {key}",
  running: "a job of job template {template} is running",
  finished: "a job of job template {template} has finished",
  succeeded: "a job of job template {template} succeeded on {hosts} hosts and its events are processed",
  failed: "a job of job template {template} failed on each of its {hosts} hosts and its events are processed"
} as const

const orgParams = { organization }
const templateParams = { template: installName, key, organization }

// What the adapter reads of each object (src/awx/schemas.ts).

const organizationItem = { id: integer(ids.organizationId), name: organization }

const projectItem = (status: unknown) => ({
  id: integer(ids.projectId),
  name: projectName,
  description: like("Managed by planes. key=pl1-fr6ds2pe2fdg5wmlcjx2 operation=project"),
  organization: integer(ids.organizationId),
  status
})

const keyedDescription = (k: string) =>
  regex(
    `^.*\\bkey=${k}\\b.*$`,
    `Managed by planes. key=${k} operation=install package=${packageIntent.name} version=${packageIntent.version}`
  )

const templateItem = (description: unknown) => ({
  id: integer(ids.templateId),
  name: installName,
  description,
  organization: integer(ids.organizationId),
  project: integer(ids.projectId),
  playbook: "install_package.yml",
  extra_vars: like(jobTemplateBody(installSpec, ids.projectId).extra_vars),
  ask_variables_on_launch: true,
  ask_limit_on_launch: true,
  ask_inventory_on_launch: true
})

/**
 * A job's extra_vars text (AWX keeps JSON as Python's json.dumps writes it) carrying `planes_key`: the
 * given key where the adapter looks for it, any key where it only reads the job.
 */
const varsWithKey = (k?: string) =>
  regex(
    `^\\{.*"planes_key": ?"${k ?? "pl1-[a-z2-7]{20}"}".*\\}$`,
    `{"pkg_state": "present", "pkg_version": "${packageIntent.version}", "planes_key": "${k ?? assignmentKey}"}`
  )

const jobItem = (fields: Record<string, unknown> = {}) => ({
  id: integer(ids.jobId),
  status: like("successful"),
  failed: boolean(false),
  job_template: integer(ids.templateId),
  inventory: integer(ids.inventoryId),
  limit: like("web1"),
  extra_vars: varsWithKey(),
  launch_type: "manual",
  event_processing_finished: boolean(true),
  job_explanation: like(""),
  ...fields
})

const summaryItem = (fields: Record<string, unknown> = {}) => ({
  host: integer(5),
  host_name: like("web1"),
  ok: integer(3),
  changed: integer(1),
  failures: integer(0),
  dark: integer(0),
  skipped: integer(0),
  failed: boolean(false),
  ...fields
})

const jobsQuery = (launchType: "manual" | "relaunch") => ({
  job_template: queryId("templateId", ids.templateId),
  launch_type: launchType,
  order_by: "-id",
  page_size: "200"
})

const pact = pactV4()

/**
 * A list of a template's jobs of one launch type that finds none. Pact tells interactions apart by
 * description and state name (not parameters), so `of` names the template where the state is shared.
 */
const jobsListNone = (
  state: string,
  params: Record<string, string | number>,
  launchType: "manual" | "relaunch",
  of = "a job template"
) =>
  pact
    .addInteraction()
    .given(state, params)
    .uponReceiving(`a list of the ${launchType} jobs of ${of}, newest first, where there are none`)
    .withRequest("GET", "/api/v2/jobs/", (b) => b.query(jobsQuery(launchType)).headers(bearer))
    .willRespondWith(200, (b) => b.jsonBody({ count: 0, next: null, results: [] }))

beforeAll(() => startFresh())

describe("authentication and API roots", () => {
  it("looks up the organization with a personal access token", async () => {
    await pact
      .addInteraction()
      .given(states.organization, orgParams)
      .uponReceiving("a list of organizations filtered by name, with a bearer token")
      .withRequest("GET", "/api/v2/organizations/", (b) => b.query({ name: organization }).headers(bearer))
      .willRespondWith(200, (b) => b.jsonBody(listOf(organizationItem)))
      .executeTest(async (server) => {
        const id = await runOk(
          Effect.flatMap(runtimeAt(server.url), (r) => organizationId(r.awx, organization, "pact"))
        )
        expect(id).toBe(ids.organizationId)
      })
  })

  it("looks up the organization with Basic auth", async () => {
    await pact
      .addInteraction()
      .given(states.organization, orgParams)
      .uponReceiving("a list of organizations filtered by name, with Basic auth")
      .withRequest("GET", "/api/v2/organizations/", (b) => b.query({ name: organization }).headers(basic))
      .willRespondWith(200, (b) => b.jsonBody(listOf(organizationItem)))
      .executeTest(async (server) => {
        const runtime = runtimeAt(server.url, {
          auth: { _tag: "basic", username: "planes", password: "env:AWX_PASSWORD" }
        })
        const id = await runOk(Effect.flatMap(runtime, (r) => organizationId(r.awx, organization, "pact")))
        expect(id).toBe(ids.organizationId)
      })
  })

  it("speaks to the Automation Platform gateway at /api/controller/v2/", async () => {
    await pact
      .addInteraction()
      .given(states.organization, orgParams)
      .uponReceiving("a list of organizations filtered by name, at the platform gateway's controller root")
      .withRequest("GET", "/api/controller/v2/organizations/", (b) =>
        b.query({ name: organization }).headers(bearer)
      )
      .willRespondWith(200, (b) => b.jsonBody(listOf(organizationItem)))
      .executeTest(async (server) => {
        const runtime = runtimeAt(server.url, { apiRoot: "/api/controller/v2/" })
        const id = await runOk(Effect.flatMap(runtime, (r) => organizationId(r.awx, organization, "pact")))
        expect(id).toBe(ids.organizationId)
      })
  })

  it("reads an empty list as a missing organization (PermanentError OrganizationNotFound)", async () => {
    await pact
      .addInteraction()
      .given(states.noOrganization, { organization: "Nowhere" })
      .uponReceiving("a list of organizations filtered by a name no organization has")
      .withRequest("GET", "/api/v2/organizations/", (b) => b.query({ name: "Nowhere" }).headers(bearer))
      .willRespondWith(200, (b) => b.jsonBody(emptyList))
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(runtimeAt(server.url), (r) => organizationId(r.awx, "Nowhere", "pact"))
        )
        expect(error).toMatchObject({ _tag: "PermanentError", code: "OrganizationNotFound" })
      })
  })

  it("reads 401 for an expired token as a PolicyError", async () => {
    await pact
      .addInteraction()
      .given(states.expiredToken)
      .uponReceiving("a request with a bearer token that has expired")
      .withRequest("GET", "/api/v2/organizations/", (b) => b.query({ name: organization }).headers(bearer))
      .willRespondWith(401, (b) =>
        b
          .headers({ "WWW-Authenticate": like('Bearer realm="api"') })
          .jsonBody(detailBody("Authentication credentials were not provided."))
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(runtimeAt(server.url), (r) => organizationId(r.awx, organization, "pact"))
        )
        // Sent once: the reference still holds the refused token, so there is nothing fresh to resend.
        expect(error).toMatchObject({ _tag: "PolicyError", status: 401, code: "TokenRefused" })
        expect(error.message).toContain("AWX refused the bearer token")
        expect(error.message).toContain("put a valid token in env:AWX_TOKEN")
        expect(error.message).not.toContain(exampleToken)
      })
  })

  it("reads 401 for a wrong password as a PolicyError", async () => {
    await pact
      .addInteraction()
      .given(states.wrongPassword, { username: "planes" })
      .uponReceiving("a request with Basic auth and a wrong password")
      .withRequest("GET", "/api/v2/organizations/", (b) => b.query({ name: organization }).headers(basic))
      .willRespondWith(401, (b) => b.jsonBody(detailBody("Invalid username/password.")))
      .executeTest(async (server) => {
        const runtime = runtimeAt(server.url, {
          auth: { _tag: "basic", username: "planes", password: "env:AWX_PASSWORD" }
        })
        const error = await runFailing(
          Effect.flatMap(runtime, (r) => organizationId(r.awx, organization, "pact"))
        )
        expect(error).toMatchObject({ _tag: "PolicyError", status: 401 })
        expect(error.message).toContain("Invalid username/password.")
      })
  })

  it("reads 403 for a write with a read-scoped token as a PolicyError", async () => {
    pact
      .addInteraction()
      .given(states.readOnly)
      .given(states.noProject, { project: projectName, organization })
      .uponReceiving("a list of projects filtered by name and organization, where there is none")
      .withRequest("GET", "/api/v2/projects/", (b) =>
        b
          .query({ name: projectName, organization: queryId("organizationId", ids.organizationId) })
          .headers(bearer)
      )
      .willRespondWith(200, (b) => b.jsonBody(emptyList))
    await pact
      .addInteraction()
      .given(states.readOnly)
      .given(states.noProject, { project: projectName, organization })
      .uponReceiving("a request to create the playbook project with a read-scoped token")
      .withRequest("POST", "/api/v2/projects/", (b) =>
        b.headers(bearer).jsonBody(projectRequest(ids.organizationId))
      )
      .willRespondWith(403, (b) =>
        b.jsonBody(detailBody("You do not have permission to perform this action."))
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(runtimeAt(server.url), (r) => ensureProject(r, ids.organizationId))
        )
        expect(error).toMatchObject({ _tag: "PolicyError", status: 403 })
        expect(error.message).toContain("You do not have permission")
      })
  })

  it("reads 503 from the controller's proxy as a TransientError", async () => {
    await pact
      .addInteraction()
      .given(states.unavailable)
      .uponReceiving("a request while the controller is unavailable")
      .withRequest("GET", "/api/v2/organizations/", (b) => b.query({ name: organization }).headers(bearer))
      .willRespondWith(503)
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(runtimeAt(server.url), (r) => organizationId(r.awx, organization, "pact"))
        )
        expect(error).toMatchObject({ _tag: "TransientError", status: 503 })
      })
  })
})

/** The project create body, with the organization the provider state names. */
const projectRequest = (org: number) => ({
  ...projectBody(contractConfig("http://127.0.0.1").project, org),
  organization: idFromState("organizationId", org)
})

describe("inventories", () => {
  it("resolves an inventory target by name within the organization", async () => {
    await pact
      .addInteraction()
      .given(states.inventory, { inventory: "Lab", organization })
      .uponReceiving("a list of inventories filtered by name and organization")
      .withRequest("GET", "/api/v2/inventories/", (b) =>
        b.query({ name: "Lab", organization: queryId("organizationId", ids.organizationId) }).headers(bearer)
      )
      .willRespondWith(200, (b) =>
        b.jsonBody(
          listOf({ id: integer(ids.inventoryId), name: "Lab", organization: integer(ids.organizationId) })
        )
      )
      .executeTest(async (server) => {
        const target = await runOk(
          Effect.flatMap(runtimeAt(server.url), (r) =>
            resolveTarget(
              r,
              { _tag: "inventory", inventory: "Lab", limit: "web1" },
              ids.organizationId,
              "pact"
            )
          )
        )
        expect(target).toEqual({ inventory: ids.inventoryId, limit: "web1" })
      })
  })

  it("resolves an inventory target given by id", async () => {
    await pact
      .addInteraction()
      .given(states.inventory, { inventory: "Lab", organization })
      .uponReceiving("a list of inventories filtered by id")
      .withRequest("GET", "/api/v2/inventories/", (b) =>
        b.query({ id: queryId("inventoryId", ids.inventoryId) }).headers(bearer)
      )
      .willRespondWith(200, (b) =>
        b.jsonBody(
          listOf({
            id: integer(ids.inventoryId),
            name: like("Lab"),
            organization: integer(ids.organizationId)
          })
        )
      )
      .executeTest(async (server) => {
        const target = await runOk(
          Effect.flatMap(runtimeAt(server.url), (r) =>
            resolveTarget(
              r,
              { _tag: "inventory", inventory: String(ids.inventoryId) },
              ids.organizationId,
              "pact"
            )
          )
        )
        expect(target).toEqual({ inventory: ids.inventoryId, limit: "" })
      })
  })
})

describe("the playbook project", () => {
  it("finds the project by name in the organization", async () => {
    await pact
      .addInteraction()
      .given(states.project, { project: projectName, organization })
      .uponReceiving("a list of projects filtered by name and organization")
      .withRequest("GET", "/api/v2/projects/", (b) =>
        b
          .query({ name: projectName, organization: queryId("organizationId", ids.organizationId) })
          .headers(bearer)
      )
      .willRespondWith(200, (b) => b.jsonBody(listOf(projectItem(like("successful")))))
      .executeTest(async (server) => {
        const found = await runOk(
          Effect.flatMap(runtimeAt(server.url), (r) => ensureProject(r, ids.organizationId))
        )
        expect(found).toMatchObject({ created: false, value: { id: ids.projectId, name: projectName } })
      })
  })

  it("creates the project from the configured repository when there is none", async () => {
    pact
      .addInteraction()
      .given(states.noProject, { project: projectName, organization })
      .uponReceiving("a list of projects filtered by name and organization, where there is none")
      .withRequest("GET", "/api/v2/projects/", (b) =>
        b
          .query({ name: projectName, organization: queryId("organizationId", ids.organizationId) })
          .headers(bearer)
      )
      .willRespondWith(200, (b) => b.jsonBody(emptyList))
    await pact
      .addInteraction()
      .given(states.noProject, { project: projectName, organization })
      .uponReceiving("a request to create the playbook project")
      .withRequest("POST", "/api/v2/projects/", (b) =>
        b.headers(bearer).jsonBody(projectRequest(ids.organizationId))
      )
      .willRespondWith(201, (b) => b.jsonBody(projectItem(like("pending"))))
      .executeTest(async (server) => {
        const created = await runOk(
          Effect.flatMap(runtimeAt(server.url), (r) => ensureProject(r, ids.organizationId))
        )
        expect(created).toMatchObject({ created: true, value: { id: ids.projectId } })
      })
  })

  it("starts a sync of a project whose last sync failed, then waits for it to succeed", async () => {
    pact
      .addInteraction()
      .given(states.failedProject, { project: projectName, organization })
      .uponReceiving("a request to sync the playbook project")
      .withRequest("POST", awxApiPath("projects/{projectId}/update/", ids), (b) => b.headers(bearer))
      .willRespondWith(202, (b) => b.jsonBody({ project_update: integer(9) }))
    await pact
      .addInteraction()
      .given(states.project, { project: projectName, organization })
      .uponReceiving("a request for the playbook project after a successful sync")
      .withRequest("GET", awxApiPath("projects/{projectId}/", ids), (b) => b.headers(bearer))
      .willRespondWith(200, (b) => b.jsonBody(projectItem(regex("^(successful|ok)$", "successful"))))
      .executeTest(async (server) => {
        const failed: Project = {
          id: ids.projectId,
          name: projectName,
          description: "",
          organization: ids.organizationId,
          status: "failed"
        }
        const synced = await runOk(Effect.flatMap(runtimeAt(server.url), (r) => waitForSync(r, failed)))
        expect(synced.status).toBe("successful")
      })
  })
})

describe("job templates", () => {
  const templateRequest = {
    ...jobTemplateBody(installSpec, ids.projectId),
    project: idFromState("projectId", ids.projectId)
  }

  it("finds a published template by name and checks the key in its description", async () => {
    await pact
      .addInteraction()
      .given(states.template, templateParams)
      .uponReceiving("a list of job templates filtered by name and organization")
      .withRequest("GET", "/api/v2/job_templates/", (b) =>
        b
          .query({ name: installName, organization: queryId("organizationId", ids.organizationId) })
          .headers(bearer)
      )
      .willRespondWith(200, (b) => b.jsonBody(listOf(templateItem(keyedDescription(key)))))
      .executeTest(async (server) => {
        const template = await runOk(
          Effect.flatMap(runtimeAt(server.url), (r) =>
            publishedTemplate(
              r,
              { key, name: packageIntent.name, version: packageIntent.version },
              "install",
              ids.organizationId,
              "pact"
            )
          )
        )
        expect(template).toMatchObject({ id: ids.templateId, name: installName })
      })
  })

  it("creates a template from the mapped intent when there is none", async () => {
    pact
      .addInteraction()
      .given(states.noTemplate, { template: installName, organization })
      .uponReceiving("a list of job templates filtered by name and organization, where there is none")
      .withRequest("GET", "/api/v2/job_templates/", (b) =>
        b
          .query({ name: installName, organization: queryId("organizationId", ids.organizationId) })
          .headers(bearer)
      )
      .willRespondWith(200, (b) => b.jsonBody(emptyList))
    await pact
      .addInteraction()
      .given(states.noTemplate, { template: installName, organization })
      .uponReceiving("a request to create the install job template of a package")
      .withRequest("POST", "/api/v2/job_templates/", (b) => b.headers(bearer).jsonBody(templateRequest))
      .willRespondWith(201, (b) => b.jsonBody(templateItem(keyedDescription(key))))
      .executeTest(async (server) => {
        const created = await runOk(
          Effect.flatMap(runtimeAt(server.url), (r) =>
            ensureTemplate(r, installSpec, ids.projectId, ids.organizationId)
          )
        )
        expect(created).toMatchObject({ created: true, value: { id: ids.templateId } })
      })
  })

  it("PATCHes a template found with another key back to the planes form", async () => {
    const state = { ...templateParams, key: olderKey }
    pact
      .addInteraction()
      .given(states.template, state)
      .uponReceiving(
        "a list of job templates filtered by name and organization, finding one with another key"
      )
      .withRequest("GET", "/api/v2/job_templates/", (b) =>
        b
          .query({ name: installName, organization: queryId("organizationId", ids.organizationId) })
          .headers(bearer)
      )
      .willRespondWith(200, (b) => b.jsonBody(listOf(templateItem(keyedDescription(olderKey)))))
    await pact
      .addInteraction()
      .given(states.template, state)
      .uponReceiving("a request to update a job template to the planes form")
      .withRequest("PATCH", awxApiPath("job_templates/{templateId}/", ids), (b) =>
        b.headers(bearer).jsonBody(templateRequest)
      )
      .willRespondWith(200, (b) => b.jsonBody(templateItem(keyedDescription(key))))
      .executeTest(async (server) => {
        const updated = await runOk(
          Effect.flatMap(runtimeAt(server.url), (r) =>
            ensureTemplate(r, installSpec, ids.projectId, ids.organizationId)
          )
        )
        expect(updated).toMatchObject({ created: false, value: { id: ids.templateId } })
      })
  })

  it("reads the duplicate-name 400 (a template of that name where the lookup did not look) as DuplicateName", async () => {
    pact
      .addInteraction()
      .given(states.template, templateParams)
      .uponReceiving("a list of job templates filtered by name and an organization that has none")
      .withRequest("GET", "/api/v2/job_templates/", (b) =>
        b.query({ name: installName, organization: "999" }).headers(bearer)
      )
      .willRespondWith(200, (b) => b.jsonBody(emptyList))
    await pact
      .addInteraction()
      .given(states.template, templateParams)
      .uponReceiving("a request to create a job template whose name the project's organization already has")
      .withRequest("POST", "/api/v2/job_templates/", (b) => b.headers(bearer).jsonBody(templateRequest))
      .willRespondWith(400, (b) =>
        b.jsonBody({
          __all__: eachLike(
            regex(
              "^.* already exists\\.$",
              "Job Template with this (name, organization) combination already exists."
            )
          )
        })
      )
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(runtimeAt(server.url), (r) => ensureTemplate(r, installSpec, ids.projectId, 999))
        )
        expect(error).toMatchObject({ _tag: "PermanentError", status: 400, code: "DuplicateName" })
      })
  })

  it("attaches a configured credential the template lacks", async () => {
    const state = { credential: "planes machine", template: installName }
    pact
      .addInteraction()
      .given(states.credential, state)
      .uponReceiving("a list of the credentials of a job template")
      .withRequest("GET", awxApiPath("job_templates/{templateId}/credentials/", ids), (b) =>
        b.query({ page_size: "200" }).headers(bearer)
      )
      .willRespondWith(200, (b) => b.jsonBody(emptyList))
    await pact
      .addInteraction()
      .given(states.credential, state)
      .uponReceiving("a request to attach a credential to a job template")
      .withRequest("POST", awxApiPath("job_templates/{templateId}/credentials/", ids), (b) =>
        b.headers(bearer).jsonBody({ id: idFromState("credentialId", ids.credentialId) })
      )
      .willRespondWith(204)
      .executeTest(async (server) => {
        const attached = await runOk(
          Effect.flatMap(runtimeAt(server.url, { credentials: [ids.credentialId] }), (r) =>
            attachCredentials(r, ids.templateId)
          )
        )
        expect(attached).toEqual([ids.credentialId])
      })
  })

  it("reads a job template by id", async () => {
    await pact
      .addInteraction()
      .given(states.template, templateParams)
      .uponReceiving("a request for a job template by id")
      .withRequest("GET", awxApiPath("job_templates/{templateId}/", ids), (b) => b.headers(bearer))
      .willRespondWith(200, (b) => b.jsonBody(templateItem(keyedDescription(key))))
      .executeTest(async (server) => {
        const template = await runOk(
          Effect.flatMap(runtimeAt(server.url), (r) => getTemplate(r.awx, ids.templateId, "pact"))
        )
        expect(template.playbook).toBe("install_package.yml")
      })
  })
})

describe("launches", () => {
  const spec = {
    template: ids.templateId,
    target: { inventory: ids.inventoryId, limit: "web1" },
    key: assignmentKey,
    vars: assignmentVars(assignment)
  }
  const launchRequest = {
    inventory: idFromState("inventoryId", ids.inventoryId),
    limit: "web1",
    extra_vars: { ...assignmentVars(assignment), planes_key: assignmentKey }
  }
  it("finds the job a previous launch made for the key", async () => {
    await pact
      .addInteraction()
      .given(states.launched, { template: installName, key: assignmentKey })
      .uponReceiving("a list of a job template's manual jobs, newest first")
      .withRequest("GET", "/api/v2/jobs/", (b) => b.query(jobsQuery("manual")).headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          count: integer(1),
          next: null,
          results: eachLike(jobItem({ extra_vars: varsWithKey(assignmentKey) }))
        })
      )
      .executeTest(async (server) => {
        const found = await runOk(
          Effect.flatMap(runtimeAt(server.url), (r) => findLaunch(r, ids.templateId, assignmentKey, "pact"))
        )
        expect(Option.map(found, (job) => job.id)).toEqual(Option.some(ids.jobId))
      })
  })

  it("launches the template with inventory, limit and the key in extra_vars when no job carries the key", async () => {
    jobsListNone(states.noJobs, { template: installName }, "manual")
    await pact
      .addInteraction()
      .given(states.noJobs, { template: installName })
      .uponReceiving("a request to launch a job template with inventory, limit and extra_vars")
      .withRequest("POST", awxApiPath("job_templates/{templateId}/launch/", ids), (b) =>
        b.headers(bearer).jsonBody(launchRequest)
      )
      .willRespondWith(201, (b) =>
        b.headers({ Location: regex("^\\S*/api/v2/jobs/\\d+/$", "/api/v2/jobs/42/") }).jsonBody({
          job: integer(ids.jobId),
          ignored_fields: {},
          ...jobItem({ status: like("pending"), event_processing_finished: boolean(false), limit: "web1" })
        })
      )
      .executeTest(async (server) => {
        const launched = await runOk(
          Effect.flatMap(runtimeAt(server.url), (r) => launchOnce(r, spec, "pact"))
        )
        expect(launched).toMatchObject({ created: true, job: { id: ids.jobId } })
      })
  })

  /** A launch of another template (the remove template, the mirror template) with its own variables. */
  const launchOf = (template: string, description: string, vars: ExtraVars, launchKey: IntentKey) =>
    it(`launches ${description} with its variables`, async () => {
      jobsListNone(states.noJobs, { template }, "manual", description)
      await pact
        .addInteraction()
        .given(states.noJobs, { template })
        .uponReceiving(`a request to launch ${description}`)
        .withRequest("POST", awxApiPath("job_templates/{templateId}/launch/", ids), (b) =>
          b.headers(bearer).jsonBody({
            inventory: idFromState("inventoryId", ids.inventoryId),
            limit: "web1",
            extra_vars: { ...vars, planes_key: launchKey }
          })
        )
        .willRespondWith(201, (b) =>
          b.jsonBody({
            job: integer(ids.jobId),
            ignored_fields: {},
            ...jobItem({ status: like("pending"), event_processing_finished: boolean(false), limit: "web1" })
          })
        )
        .executeTest(async (server) => {
          const launched = await runOk(
            Effect.flatMap(runtimeAt(server.url), (r) =>
              launchOnce(r, { ...spec, key: launchKey, vars }, "pact")
            )
          )
          expect(launched).toMatchObject({ created: true, job: { id: ids.jobId } })
        })
    })

  const removal = assignmentFor(
    packageIntent,
    { _tag: "inventory", inventory: "Lab", limit: "web1" },
    "uninstall"
  )
  launchOf(
    removeSpec?.name ?? "",
    "the remove template of a package (uninstall)",
    assignmentVars(removal),
    intentKey(removal)
  )
  const mirror = Schema.decodeUnknownSync(MirrorIntent)({
    name: "internal",
    kind: "apt",
    url: "https://mirror.example.com/ubuntu",
    suite: "noble",
    components: ["main", "universe"],
    gpgKeyUrl: "https://mirror.example.com/key.gpg",
    target: { _tag: "inventory", inventory: "Lab", limit: "web1" }
  })
  launchOf(
    mirrorTemplateName("planes"),
    "the repository-mirror template",
    mirrorVars(mirror),
    mirrorKey(mirror)
  )

  const ignoredLaunch = () => {
    jobsListNone(states.noLimitPrompt, { template: installName, key }, "manual")
    pact
      .addInteraction()
      .given(states.noLimitPrompt, { template: installName, key })
      .uponReceiving("a request to launch a job template that does not ask for the limit")
      .withRequest("POST", awxApiPath("job_templates/{templateId}/launch/", ids), (b) =>
        b.headers(bearer).jsonBody(launchRequest)
      )
      .willRespondWith(201, (b) =>
        b.jsonBody({
          job: integer(ids.jobId),
          ignored_fields: { limit: "web1" },
          ...jobItem({ status: like("pending"), event_processing_finished: boolean(false), limit: like("") })
        })
      )
  }

  it("cancels a job whose launch AWX did not fully apply (ignored_fields) and fails with LaunchFieldsIgnored", async () => {
    ignoredLaunch()
    await pact
      .addInteraction()
      .given(states.running, { template: installName })
      .uponReceiving("a request to cancel a running job")
      .withRequest("POST", awxApiPath("jobs/{jobId}/cancel/", ids), (b) => b.headers(bearer))
      .willRespondWith(202)
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(runtimeAt(server.url), (r) => launchOnce(r, spec, "pact"))
        )
        expect(error).toMatchObject({ _tag: "PermanentError", code: "LaunchFieldsIgnored" })
        expect(error.message).toContain("limit")
      })
  })

  it("takes 405 to a cancel of a job that has already finished in its stride", async () => {
    ignoredLaunch()
    await pact
      .addInteraction()
      .given(states.finished, { template: installName })
      .uponReceiving("a request to cancel a job that has finished")
      .withRequest("POST", awxApiPath("jobs/{jobId}/cancel/", ids), (b) => b.headers(bearer))
      .willRespondWith(405, (b) => b.jsonBody(detailBody(like('Method "POST" not allowed.'))))
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(runtimeAt(server.url), (r) => launchOnce(r, spec, "pact"))
        )
        expect(error).toMatchObject({ _tag: "PermanentError", code: "LaunchFieldsIgnored" })
      })
  })
})

describe("job state", () => {
  const ref = ansibleRef({ job: ids.jobId, template: ids.templateId })

  it("reads 404 for a job that does not exist as a PermanentError", async () => {
    await pact
      .addInteraction()
      .given(states.noJob, { jobId: 999999 })
      .uponReceiving("a request for a job that does not exist")
      .withRequest("GET", "/api/v2/jobs/999999/", (b) => b.headers(bearer))
      .willRespondWith(404, (b) => b.jsonBody(detailBody("Not found.")))
      .executeTest(async (server) => {
        const error = await runFailing(
          Effect.flatMap(runtimeAt(server.url), (r) => getJob(r.awx, 999999, "pact"))
        )
        expect(error).toMatchObject({ _tag: "PermanentError", status: 404 })
      })
  })

  it("reads a running job as in progress, with no host rows yet", async () => {
    const params = { template: installName }
    pact
      .addInteraction()
      .given(states.running, params)
      .uponReceiving("a request for a running job")
      .withRequest("GET", awxApiPath("jobs/{jobId}/", ids), (b) => b.headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody(jobItem({ status: "running", event_processing_finished: false, limit: like("web1") }))
      )
    await jobsListNone(states.running, params, "relaunch").executeTest(async (server) => {
      const state = await runOk(Effect.flatMap(planeAt(server.url), (p) => p.queryState(ref)))
      expect(state).toMatchObject({ phase: "in_progress", total: 0 })
    })
  })

  it("reads the host summaries of a finished job, every page", async () => {
    const params = { template: installName, hosts: 201 }
    pact
      .addInteraction()
      .given(states.succeeded, params)
      .uponReceiving("a request for a job that succeeded and whose events are processed")
      .withRequest("GET", awxApiPath("jobs/{jobId}/", ids), (b) => b.headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody(jobItem({ status: "successful", failed: false, event_processing_finished: true }))
      )
    jobsListNone(states.succeeded, params, "relaunch")
    pact
      .addInteraction()
      .given(states.succeeded, params)
      .uponReceiving("the first page of a job's host summaries")
      .withRequest("GET", awxApiPath("jobs/{jobId}/job_host_summaries/", ids), (b) =>
        b.query({ order_by: "id", page_size: "200" }).headers(bearer)
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          count: integer(201),
          next: regex(
            "^/api/v2/jobs/\\d+/job_host_summaries/\\?\\S*\\bpage=2\\b\\S*$",
            `/api/v2/jobs/${ids.jobId}/job_host_summaries/?order_by=id&page=2&page_size=200`
          ),
          results: eachLike(summaryItem())
        })
      )
    await pact
      .addInteraction()
      .given(states.succeeded, params)
      .uponReceiving("the second and last page of a job's host summaries")
      .withRequest("GET", awxApiPath("jobs/{jobId}/job_host_summaries/", ids), (b) =>
        b.query({ order_by: "id", page: "2", page_size: "200" }).headers(bearer)
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({ count: integer(201), next: null, results: eachLike(summaryItem()) })
      )
      .executeTest(async (server) => {
        const state = await runOk(Effect.flatMap(planeAt(server.url), (p) => p.queryState(ref)))
        expect(state).toMatchObject({ phase: "succeeded", total: 2, counts: { installed: 2 } })
      })
  })

  it("relaunches a failed job on its failed hosts (remediate)", async () => {
    const params = { template: installName, hosts: 1 }
    pact
      .addInteraction()
      .given(states.failed, params)
      .uponReceiving("a request for a job that failed and whose events are processed")
      .withRequest("GET", awxApiPath("jobs/{jobId}/", ids), (b) => b.headers(bearer))
      .willRespondWith(200, (b) =>
        b.jsonBody(jobItem({ status: "failed", failed: true, event_processing_finished: true }))
      )
    jobsListNone(states.failed, params, "relaunch")
    pact
      .addInteraction()
      .given(states.failed, params)
      .uponReceiving("the host summaries of a job that failed on every host")
      .withRequest("GET", awxApiPath("jobs/{jobId}/job_host_summaries/", ids), (b) =>
        b.query({ order_by: "id", page_size: "200" }).headers(bearer)
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          count: integer(1),
          next: null,
          results: eachLike(summaryItem({ failures: integer(1), failed: true }))
        })
      )
    await pact
      .addInteraction()
      .given(states.failed, params)
      .uponReceiving("a request to relaunch a job on its failed hosts")
      .withRequest("POST", awxApiPath("jobs/{jobId}/relaunch/", ids), (b) =>
        b.headers(bearer).jsonBody({ hosts: "failed" })
      )
      .willRespondWith(201, (b) =>
        b.jsonBody({
          job: integer(ids.relaunchId),
          ...jobItem({
            id: integer(ids.relaunchId),
            status: like("pending"),
            event_processing_finished: false,
            launch_type: "relaunch"
          })
        })
      )
      .executeTest(async (server) => {
        const result = await runOk(
          Effect.flatMap(planeAt(server.url), (p) => p.remediate(ref, { status: "installed" }))
        )
        expect(result).toMatchObject({ action: "relaunch failed hosts", devices: ["web1"] })
        expect(result.objects).toEqual([{ kind: "job", id: String(ids.relaunchId), created: true }])
      })
  })
})

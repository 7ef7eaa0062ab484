import { HttpClientRequest } from "@effect/platform"
import { Http, type PlaneError } from "@planes/core"
import { Effect, Option, type Schema, type Stream } from "effect"
import { permanent } from "../errors.js"
import { awxPath } from "./paths.js"
import { HostSummary, Inventory, Job, JobTemplate, ListOf, Organization, Project } from "./schemas.js"

/** The page size of every list the connector reads: AWX's maximum, to keep the number of calls low. */
export const pageSize = "200"

/** A GET of a list path with a query (filters, ordering, page size). */
export const listRequest = (path: string, query: Readonly<Record<string, string>>) =>
  HttpClientRequest.get(path).pipe(HttpClientRequest.setUrlParams(query))

/** The first object a filtered list answers, if any (names are unique, so there is at most one). */
export const firstOf = <A, I>(
  awx: Http.PlaneHttpClient,
  operation: string,
  path: string,
  query: Readonly<Record<string, string>>,
  item: Schema.Schema<A, I>
): Effect.Effect<Option.Option<A>, PlaneError> =>
  Effect.map(awx.json(operation, listRequest(path, query), ListOf(item)), (page) =>
    Option.fromNullable(page.results[0])
  )

/** The id of the organization named `name`; a missing one is a PermanentError saying what to configure. */
export const organizationId = (
  awx: Http.PlaneHttpClient,
  name: string,
  operation: string
): Effect.Effect<number, PlaneError> =>
  Effect.flatMap(firstOf(awx, operation, awxPath("organizations"), { name }, Organization), (found) =>
    Option.match(found, {
      onSome: (org) => Effect.succeed(org.id),
      onNone: () =>
        permanent(
          operation,
          "OrganizationNotFound",
          `The controller has no organization "${name}" visible to this principal; set 'organization' to an existing one.`
        )
    })
  )

/** The id of an inventory of the organization, by name (or by id, when `name` is all digits). */
export const inventoryId = (
  awx: Http.PlaneHttpClient,
  name: string,
  organization: number,
  operation: string
): Effect.Effect<number, PlaneError> => {
  const query = /^\d+$/.test(name) ? { id: name } : { name, organization: String(organization) }
  return Effect.flatMap(firstOf(awx, operation, awxPath("inventories"), query, Inventory), (found) =>
    Option.match(found, {
      onSome: (inventory) => Effect.succeed(inventory.id),
      onNone: () =>
        permanent(
          operation,
          "InventoryNotFound",
          `The controller has no inventory "${name}" in this organization visible to this principal.`
        )
    })
  )
}

/** The project named `name` in the organization, if there is one. */
export const findProject = (
  awx: Http.PlaneHttpClient,
  name: string,
  organization: number,
  operation: string
) => firstOf(awx, operation, awxPath("projects"), { name, organization: String(organization) }, Project)

/** The job template named `name` in the organization, if there is one. */
export const findTemplate = (
  awx: Http.PlaneHttpClient,
  name: string,
  organization: number,
  operation: string
) =>
  firstOf(awx, operation, awxPath("job_templates"), { name, organization: String(organization) }, JobTemplate)

/** A job template by id. */
export const getTemplate = (awx: Http.PlaneHttpClient, id: number, operation: string) =>
  awx.json(operation, HttpClientRequest.get(awxPath("job_templates", id)), JobTemplate)

/** A job by id. */
export const getJob = (awx: Http.PlaneHttpClient, id: number, operation: string) =>
  awx.json(operation, HttpClientRequest.get(awxPath("jobs", id)), Job)

/**
 * A template's jobs of one launch type, newest first, every page. AWX refuses to filter on `extra_vars`
 * (it is `prevent_search`), so callers read the variables of each job themselves.
 */
export const jobsOfTemplate = (
  awx: Http.PlaneHttpClient,
  template: number,
  launchType: "manual" | "relaunch",
  operation: string
): Stream.Stream<Job, PlaneError> =>
  Http.Paging.nextUrl(
    awx,
    operation,
    listRequest(awxPath("jobs"), {
      job_template: String(template),
      launch_type: launchType,
      order_by: "-id",
      page_size: pageSize
    }),
    Job
  )

/** The host summaries of a job, every page, in a stable order. */
export const hostSummaries = (
  awx: Http.PlaneHttpClient,
  job: number,
  operation: string
): Stream.Stream<HostSummary, PlaneError> =>
  Http.Paging.nextUrl(
    awx,
    operation,
    listRequest(awxPath("jobs", job, "job_host_summaries"), { order_by: "id", page_size: pageSize }),
    HostSummary
  )

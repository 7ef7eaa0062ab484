import { Hono } from "hono"
import { deny } from "../auth/permissions.js"
import { readObjectBody } from "../errors/body.js"
import { FieldReader } from "../errors/fields.js"
import { fieldErrors, methodNotAllowed, notFound } from "../errors/responses.js"
import type { Deps } from "../http/deps.js"
import type { AwxContext, AwxEnv } from "../http/env.js"
import type { ListSpec } from "../http/filters.js"
import { listResponse, selectItems } from "../http/list.js"
import { idParam, resource } from "../http/route.js"
import { link } from "../routing/roots.js"
import type { JobRecord } from "../state/records.js"
import { TENANT } from "../state/stores.js"
import { jobLookups } from "../templates/launch-routes.js"
import { createJob } from "./create.js"
import { eventsOf, type HostSummary, type JobEvent, summariesOf } from "./events.js"
import { eventsProcessed, failedHostNames, isActive, statusAt } from "./lifecycle.js"
import { jobSpec, serializeJob } from "./serialize.js"
import { serializeEvent, serializeSummary } from "./serialize-events.js"

const eventSpec: ListSpec<JobEvent> = {
  model: "JobEvent",
  fields: {
    id: (e) => e.id,
    counter: (e) => e.counter,
    event: (e) => e.event,
    failed: (e) => e.failed,
    changed: (e) => e.changed,
    host: (e) => e.host,
    host_name: (e) => e.host_name,
    task: (e) => e.task,
    stdout: (e) => e.stdout,
    play: (e) => e.play,
    start_line: (e) => e.start_line,
    end_line: (e) => e.end_line
  },
  search: ["stdout", "host_name", "task"],
  reserved: ["limit"]
}

/** Filterable fields of host summaries (`?failed=true` lists the hosts to remediate). */
export const summarySpec: ListSpec<HostSummary> = {
  model: "JobHostSummary",
  fields: {
    id: (s) => s.id,
    host: (s) => s.host,
    host_name: (s) => s.host_name,
    failed: (s) => s.failed,
    ok: (s) => s.ok,
    changed: (s) => s.changed,
    failures: (s) => s.failures,
    dark: (s) => s.dark
  },
  search: ["host_name"]
}

/** Job routes: list, detail, events, host summaries, stdout, cancel (202/405), relaunch (201). */
export const jobRoutes = (deps: Deps): Hono<AwxEnv> => {
  const api = new Hono<AwxEnv>()
  const { stores } = deps
  const lookups = jobLookups(deps)
  const spec = jobSpec(lookups)
  const jobs = () => stores.jobs.get(TENANT)
  const find = (c: AwxContext): JobRecord | undefined => jobs().find((j) => j.id === idParam(c))
  const render = (c: AwxContext, j: JobRecord) => serializeJob(c, j, lookups)
  // Events and summaries are saved asynchronously: none are visible before event processing finished.
  const processedEvents = (j: JobRecord) => (eventsProcessed(j, lookups.now()) ? eventsOf(j) : [])
  const processedSummaries = (j: JobRecord) => (eventsProcessed(j, lookups.now()) ? summariesOf(j) : [])

  resource(api, "/jobs/", { get: (c) => listResponse(c, spec, jobs(), (j) => render(c, j)) })
  // Only jobs are simulated, so the unified list is the job list (project updates are not in it).
  resource(api, "/unified_jobs/", { get: (c) => listResponse(c, spec, jobs(), (j) => render(c, j)) })
  resource(api, "/jobs/:id/", {
    get: (c) => {
      const job = find(c)
      return job === undefined ? notFound(c) : c.json(render(c, job))
    }
  })
  resource(api, "/jobs/:id/job_events/", {
    get: (c) => {
      const job = find(c)
      if (job === undefined) return notFound(c)
      const events = processedEvents(job)
      const limit = c.req.query("limit")
      // `?limit=N` switches to the un-paginated `{"results": [...]}` form (job_job_events_list.md).
      if (limit !== undefined && /^\d+$/.test(limit)) {
        const selected = selectItems(c, eventSpec, events)
        if (!selected.ok) return selected.response
        return c.json({
          results: selected.items.slice(0, Number(limit)).map((e) => serializeEvent(c, job, e))
        })
      }
      return listResponse(c, eventSpec, events, (e) => serializeEvent(c, job, e))
    }
  })
  resource(api, "/jobs/:id/job_host_summaries/", {
    get: (c) => {
      const job = find(c)
      if (job === undefined) return notFound(c)
      return listResponse(c, summarySpec, processedSummaries(job), (s) => serializeSummary(c, job, s))
    }
  })
  resource(api, "/hosts/:id/job_host_summaries/", {
    get: (c) => {
      const id = idParam(c)
      if (!stores.hosts.get(TENANT).some((h) => h.id === id)) return notFound(c)
      const rows = jobs().flatMap((job) =>
        processedSummaries(job)
          .filter((s) => s.host === id)
          .map((s) => ({ job, s }))
      )
      const spec = { model: "JobHostSummary", fields: { id: (r: (typeof rows)[number]) => r.s.id } }
      return listResponse(c, spec, rows, (r) => serializeSummary(c, r.job, r.s))
    }
  })
  resource(api, "/jobs/:id/stdout/", {
    get: (c) => {
      const job = find(c)
      if (job === undefined) return notFound(c)
      const text = processedEvents(job)
        .map((e) => e.stdout)
        .filter((s) => s !== "")
        .join("\r\n")
      const format = c.req.query("format") ?? "txt"
      if (format === "json")
        return c.json({ range: { start: 0, end: text.split("\r\n").length }, content: text })
      return c.text(text)
    }
  })
  resource(api, "/jobs/:id/cancel/", {
    get: (c) => {
      const job = find(c)
      return job === undefined ? notFound(c) : c.json({ can_cancel: isActive(job, lookups.now()) })
    },
    post: (c) => {
      const job = find(c)
      if (job === undefined) return notFound(c)
      const denied = deny(c, "execute")
      if (denied !== undefined) return denied
      const now = lookups.now()
      // AWX GenericCancelView: 202 while new|pending|waiting|running, else http_method_not_allowed (405).
      if (!isActive(job, now)) return methodNotAllowed(c)
      const processing = job.events_ms - job.finished_ms
      stores.jobs.update(TENANT, (all) =>
        all.map((j) =>
          j.id === job.id
            ? { ...j, canceled_ms: now, events_ms: now + processing, job_explanation: "", hosts: [] }
            : j
        )
      )
      return c.body(null, 202)
    }
  })
  resource(api, "/jobs/:id/relaunch/", {
    get: (c) => {
      const job = find(c)
      if (job === undefined) return notFound(c)
      return c.json({
        passwords_needed_to_start: [],
        retry_counts: { all: job.hosts.length, failed: failedHostNames(job).length }
      })
    },
    post: async (c) => {
      const job = find(c)
      if (job === undefined) return notFound(c)
      const denied = deny(c, "execute")
      if (denied !== undefined) return denied
      const body = await readObjectBody(c)
      if (!body.ok) return body.response
      const fields = new FieldReader(body.body)
      const hosts = fields.has("hosts") ? fields.choice("hosts", ["all", "failed"] as const) : "all"
      if (!fields.ok || hosts === undefined) return fieldErrors(c, fields.errors)
      const template = stores.templates.get(TENANT).find((t) => t.id === job.job_template)
      if (template === undefined) {
        return c.json({ detail: "Job Template has been deleted, cannot relaunch." }, 400)
      }
      const now = lookups.now()
      let limit = job.limit
      if (hosts === "failed") {
        // JobRelaunch.post's checks, in its order and with its (string, not list) bodies.
        if (isActive(job, now)) {
          return c.json({ hosts: "Wait until job finishes before retrying on failed hosts." }, 400)
        }
        if (!eventsProcessed(job, now) || statusAt(job, now) === "canceled") {
          return c.json({ hosts: "Cannot retry on failed hosts, playbook stats not available." }, 400)
        }
        const failed = failedHostNames(job)
        if (failed.length === 0) {
          return c.json({ hosts: "Cannot relaunch because previous job had 0 failed hosts." }, 400)
        }
        limit = failed.join(",")
      }
      const relaunched = createJob(deps, {
        template,
        inventory: job.inventory ?? -1,
        limit,
        extra_vars: job.extra_vars,
        job_type: job.job_type,
        job_tags: job.job_tags,
        skip_tags: job.skip_tags,
        verbosity: job.verbosity,
        forks: job.forks,
        credentials: job.credentials,
        launch_type: "relaunch",
        created_by: c.var.principal.user.id,
        relaunched_from: job.id
      })
      c.header("Location", link(c, "jobs", relaunched.id))
      return c.json({ job: relaunched.id, ...render(c, relaunched) }, 201)
    }
  })
  return api
}

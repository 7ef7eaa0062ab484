import { Hono } from "hono"
import { deny } from "../auth/permissions.js"
import { readObjectBody } from "../errors/body.js"
import { FieldReader } from "../errors/fields.js"
import { fieldErrors, nonFieldError, notFound } from "../errors/responses.js"
import { findByKey } from "../http/common.js"
import { type Deps, nowOf, settingsOf } from "../http/deps.js"
import type { AwxContext, AwxEnv } from "../http/env.js"
import { listResponse } from "../http/list.js"
import { idParam, resource } from "../http/route.js"
import { link } from "../routing/roots.js"
import type { ProjectRecord } from "../state/records.js"
import { nextId, TENANT } from "../state/stores.js"
import { playbooksOf, projectStatus } from "./lifecycle.js"
import { projectSpec, serializeProject, serializeProjectUpdate } from "./serialize.js"
import { startUpdate } from "./updates.js"

const SCM_TYPES = ["", "git", "svn", "insights", "archive"] as const

/** Project routes: CRUD, `update/` (202 + sync over simulated time), `playbooks/`, `project_updates`. */
export const projectRoutes = (deps: Deps): Hono<AwxEnv> => {
  const api = new Hono<AwxEnv>()
  const { stores } = deps
  const projects = () => stores.projects.get(TENANT)
  const updates = () => stores.projectUpdates.get(TENANT)
  const orgs = () => stores.organizations.get(TENANT)
  const spec = projectSpec(orgs, (p) => projectStatus(p, updates(), nowOf(deps)))
  const render = (c: AwxContext, p: ProjectRecord) => serializeProject(c, p, updates(), nowOf(deps))
  const byKey = (c: AwxContext) =>
    findByKey(
      projects(),
      c.req.param("key") ?? "",
      (p, [name, org]) => p.name === name && orgs().some((o) => o.id === p.organization && o.name === org)
    )

  resource(api, "/projects/", {
    get: (c) => listResponse(c, spec, projects(), (p) => render(c, p)),
    post: async (c) => {
      const denied = deny(c, "admin")
      if (denied !== undefined) return denied
      const body = await readObjectBody(c)
      if (!body.ok) return body.response
      const fields = new FieldReader(body.body)
      const name = fields.string("name", { required: true, allowBlank: false })
      const description = fields.string("description") ?? ""
      const organization = fields.integer("organization", { required: true })
      const scmType = fields.has("scm_type") ? fields.choice("scm_type", SCM_TYPES) : ""
      const scmUrl = fields.string("scm_url") ?? ""
      const scmBranch = fields.string("scm_branch") ?? ""
      const credential = fields.integer("credential", { nullable: true }) ?? null
      const updateOnLaunch = fields.boolean("scm_update_on_launch") ?? false
      const allowOverride = fields.boolean("allow_override") ?? false
      const localPath = fields.string("local_path") ?? ""
      if (typeof organization === "number" && !orgs().some((o) => o.id === organization)) {
        fields.fail("organization", `Invalid pk "${organization}" - object does not exist.`)
      }
      if (scmType !== undefined && scmType !== "" && scmUrl === "")
        fields.fail("scm_url", "SCM URL is required.")
      if (scmType === "" && localPath === "" && fields.ok) {
        fields.fail("local_path", "Invalid path choice. Available choices are: (none)")
      }
      if (!fields.ok || name === undefined || typeof organization !== "number" || scmType === undefined) {
        return fieldErrors(c, fields.errors)
      }
      if (projects().some((p) => p.name === name && p.organization === organization)) {
        return nonFieldError(c, "Project with this (name, organization) combination already exists.")
      }
      const id = nextId(stores, "projects", projects())
      const project: ProjectRecord = {
        id,
        name,
        description,
        organization,
        scm_type: scmType,
        scm_url: scmUrl,
        scm_branch: scmBranch,
        scm_update_on_launch: updateOnLaunch,
        allow_override: allowOverride,
        credential,
        local_path: scmType === "" ? localPath : `_${id}__${name.toLowerCase().replace(/\W+/g, "_")}`,
        playbooks: [...settingsOf(deps).scmPlaybooks],
        created_ms: nowOf(deps)
      }
      projects().push(project)
      // Creating an SCM project starts its first sync, as AWX does on save.
      if (scmType !== "") startUpdate(deps, project)
      c.header("Location", link(c, "projects", id))
      return c.json(render(c, project), 201)
    }
  })
  resource(api, "/projects/:key/", {
    get: (c) => {
      const project = byKey(c)
      return project === undefined ? notFound(c) : c.json(render(c, project))
    }
  })
  resource(api, "/projects/:key/update/", {
    get: (c) => {
      const project = byKey(c)
      return project === undefined ? notFound(c) : c.json({ can_update: project.scm_type !== "" })
    },
    post: (c) => {
      const project = byKey(c)
      if (project === undefined) return notFound(c)
      const denied = deny(c, "execute")
      if (denied !== undefined) return denied
      // A manual project cannot update: AWX answers 400 with an empty body.
      if (project.scm_type === "") return c.json({}, 400)
      const update = startUpdate(deps, project)
      return c.json({ project_update: update.id, ...serializeProjectUpdate(c, update, nowOf(deps)) }, 202)
    }
  })
  resource(api, "/projects/:key/playbooks/", {
    get: (c) => {
      const project = byKey(c)
      return project === undefined ? notFound(c) : c.json(playbooksOf(project, updates(), nowOf(deps)))
    }
  })
  resource(api, "/projects/:key/project_updates/", {
    get: (c) => {
      const project = byKey(c)
      if (project === undefined) return notFound(c)
      const own = updates().filter((u) => u.project === project.id)
      const updateSpec = { model: "ProjectUpdate", fields: { id: (u: (typeof own)[number]) => u.id } }
      return listResponse(c, updateSpec, own, (u) => serializeProjectUpdate(c, u, nowOf(deps)))
    }
  })
  resource(api, "/project_updates/:id/", {
    get: (c) => {
      const update = updates().find((u) => u.id === idParam(c))
      return update === undefined ? notFound(c) : c.json(serializeProjectUpdate(c, update, nowOf(deps)))
    }
  })
  return api
}

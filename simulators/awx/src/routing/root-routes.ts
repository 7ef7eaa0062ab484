import { Hono } from "hono"
import type { Deps } from "../http/deps.js"
import type { AwxEnv } from "../http/env.js"
import { resource } from "../http/route.js"
import { API_ROOTS, link } from "../routing/roots.js"

const RESOURCES = [
  "ping",
  "config",
  "me",
  "users",
  "tokens",
  "organizations",
  "inventories",
  "hosts",
  "groups",
  "credentials",
  "projects",
  "project_updates",
  "job_templates",
  "jobs",
  "unified_jobs",
  "job_events"
] as const

/**
 * The version root listing (public) at each full root path: mounted at `/`, because Hono drops the
 * trailing slash of a sub-app's `/` route and AWX's root needs it.
 */
export const rootListing = (): Hono<AwxEnv> => {
  const app = new Hono<AwxEnv>()
  for (const root of API_ROOTS) {
    resource(app, `${root}/`, {
      get: (c) => c.json(Object.fromEntries(RESOURCES.map((name) => [name, link(c, name)])))
    })
  }
  return app
}

/** `/ping/` (public: version and node) and `/config/`. */
export const rootRoutes = (deps: Deps): Hono<AwxEnv> => {
  const api = new Hono<AwxEnv>()
  resource(api, "/ping/", {
    get: (c) =>
      c.json({
        ha: false,
        version: deps.product.version,
        active_node: deps.product.node,
        install_uuid: "00000000-0000-4000-8000-000000000000",
        instances: [
          {
            node: deps.product.node,
            node_type: "hybrid",
            uuid: "00000000-0000-4000-8000-000000000001",
            heartbeat: deps.kit.clock.iso(),
            capacity: 100,
            version: deps.product.version
          }
        ],
        instance_groups: [{ name: "default", capacity: 100, instances: [deps.product.node] }]
      })
  })
  resource(api, "/config/", {
    get: (c) =>
      c.json({
        version: deps.product.version,
        ansible_version: "2.15.12",
        time_zone: "UTC",
        license_info: { license_type: "open", product_name: deps.product.name, valid_key: true },
        project_base_dir: "/var/lib/awx/projects/",
        project_local_paths: []
      })
  })
  return api
}

/** `GET /api/`: the versions AWX serves, pointing at the root the product uses. */
export const versionsBody = (product: { readonly name: string }, current: string) => ({
  description: `${product.name} REST API`,
  current_version: current,
  available_versions: { v2: current },
  oauth2: "/api/o/",
  custom_logo: "",
  custom_login_info: "",
  login_redirect_override: ""
})

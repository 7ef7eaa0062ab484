import type { SimContext } from "@planes/sim-kit"
import type { Row } from "../odata/filter-eval.js"
import type { Site } from "../state/site.js"
import { withSystemProperties } from "./system-properties.js"
import type { WmiClass } from "./wmi-class.js"

/** The 201 of a create: the new instance (not wrapped in value[]) with its server-assigned key. */
export const createdResponse = (c: SimContext, cls: WmiClass, site: Site, row: Row): Response => {
  const prefix = c.req.path.startsWith("/AdminService_TokenAuth")
    ? "/AdminService_TokenAuth"
    : "/AdminService"
  return c.json(
    {
      "@odata.context": `${new URL(c.req.url).origin}${prefix}/wmi/$metadata#${cls.name}/$entity`,
      ...withSystemProperties(cls, row, site.settings, [])
    },
    201
  )
}

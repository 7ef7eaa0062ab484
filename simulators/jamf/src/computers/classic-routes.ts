import { DEFAULT_TENANT } from "@planes/sim-kit"
import { Hono } from "hono"
import { requirePrivilege } from "../auth/authenticate.js"
import { PRIVILEGES } from "../auth/privileges.js"
import { list } from "../classic/doc.js"
import { classicResponse } from "../classic/respond.js"
import type { JamfContext, JamfEnv } from "../context.js"
import { classicError } from "../errors/respond.js"
import { isMember } from "../groups/membership.js"
import { findComputer, isComputerKey } from "./classic-lookup.js"

/** `/JSSResource/computers`: the fleet as the Classic API lists and shows it (general, hardware, software, groups). */
export const classicComputerRoutes = (ctx: JamfContext): Hono<JamfEnv> => {
  const app = new Hono<JamfEnv>()
  const computers = () => ctx.stores.fleet.get(DEFAULT_TENANT).computers
  const read = requirePrivilege(PRIVILEGES.readComputers)

  app.get("/", read, (c) =>
    classicResponse(
      c,
      "computers",
      list(
        "computer",
        computers().map((m) => ({ id: m.id, name: m.name }))
      )
    )
  )

  app.get("/:by/:key", read, (c) => {
    const by = c.req.param("by")
    const computer = isComputerKey(by) ? findComputer(computers(), by, c.req.param("key")) : undefined
    if (computer === undefined) return classicError(c, 404)
    const groups = ctx.stores.groups.get(DEFAULT_TENANT).groups
    return classicResponse(c, "computer", {
      general: {
        id: computer.id,
        name: computer.name,
        mac_address: computer.macAddress,
        alt_mac_address: computer.altMacAddress,
        serial_number: computer.serialNumber,
        udid: computer.udid,
        platform: "Mac",
        last_contact_time_epoch: computer.lastContactMs,
        last_contact_time_utc: new Date(computer.lastContactMs).toISOString(),
        report_date_epoch: computer.reportDateMs,
        report_date_utc: new Date(computer.reportDateMs).toISOString()
      },
      hardware: {
        model: computer.model,
        model_identifier: computer.modelIdentifier,
        os_name: "macOS",
        os_version: computer.osVersion,
        os_build: computer.osBuild
      },
      software: {
        applications: list(
          "application",
          computer.applications.map((a) => ({
            name: a.name,
            path: a.path,
            version: a.version,
            bundle_id: a.bundleId
          }))
        )
      },
      groups_accounts: {
        computer_group_memberships: list(
          "group",
          groups.filter((g) => isMember(groups, g, computer)).map((g) => g.name)
        )
      }
    })
  })

  return app
}

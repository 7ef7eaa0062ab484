import { DEFAULT_TENANT } from "@planes/sim-kit"
import { Hono } from "hono"
import { requirePrivilege } from "../auth/authenticate.js"
import { PRIVILEGES } from "../auth/privileges.js"
import { bareList, type ClassicObject } from "../classic/doc.js"
import { subsetsOf } from "../classic/lookup.js"
import { classicResponse } from "../classic/respond.js"
import { findComputer, isComputerKey } from "../computers/classic-lookup.js"
import type { JamfContext, JamfEnv, JamfRequestContext } from "../context.js"
import { classicError } from "../errors/respond.js"
import type { Computer, PolicyLog } from "../fleet/model.js"

const pad = (n: number) => String(n).padStart(2, "0")

/** `2026/01/01 at 9:05 AM`, the Classic history's `date_time` (UTC here). */
export const historyDateTime = (ms: number): string => {
  const d = new Date(ms)
  const hours = d.getUTCHours()
  const h12 = hours % 12 === 0 ? 12 : hours % 12
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} at ${h12}:${pad(d.getUTCMinutes())} ${hours < 12 ? "AM" : "PM"}`
}

/** `2026-01-01T09:05:00.000+0000`, the Classic history's `date_time_utc`. */
export const historyDateTimeUtc = (ms: number): string => new Date(ms).toISOString().replace("Z", "+0000")

const policyLog = (log: PolicyLog): ClassicObject => ({
  policy_id: log.policyId,
  policy_name: log.policyName,
  username: log.username,
  date_time: historyDateTime(log.atMs),
  date_time_epoch: log.atMs,
  date_time_utc: historyDateTimeUtc(log.atMs),
  status: log.status
})

// Every subset of a computer's history, keyed by its subset name; only policy logs are simulated.
const sections = (
  computer: Computer
): Readonly<Record<string, readonly [string, ClassicObject | ReturnType<typeof bareList>]>> => ({
  general: [
    "general",
    {
      id: computer.id,
      name: computer.name,
      udid: computer.udid,
      serial_number: computer.serialNumber,
      mac_address: computer.macAddress
    }
  ],
  usagelogs: ["computer_usage_logs", bareList("usage_log", [])],
  audits: ["audits", bareList("audit", [])],
  policylogs: [
    "policy_logs",
    bareList("policy_log", [...computer.policyLogs].sort((a, b) => b.atMs - a.atMs).map(policyLog))
  ],
  casperremotelogs: ["casper_remote_logs", bareList("casper_remote_log", [])],
  screensharinglogs: ["screen_sharing_logs", bareList("screen_sharing_log", [])],
  casperimaginglogs: ["casper_imaging_logs", bareList("casper_imaging_log", [])],
  commands: [
    "commands",
    { completed: bareList("command", []), pending: bareList("command", []), failed: bareList("command", []) }
  ],
  userlocation: ["user_location", bareList("location", [])],
  macappstoreapplications: [
    "mac_app_store_applications",
    { installed: bareList("app", []), pending: bareList("app", []), failed: bareList("app", []) }
  ]
})

/**
 * `/JSSResource/computerhistory/{id|name|udid|serialnumber|macaddress}/{key}[/subset/PolicyLogs&…]`:
 * a computer's history, policy logs newest first.
 */
export const historyRoutes = (ctx: JamfContext): Hono<JamfEnv> => {
  const app = new Hono<JamfEnv>()
  const read = requirePrivilege(PRIVILEGES.readComputers)
  const answer = (c: JamfRequestContext, by: string, key: string, subsets?: string) => {
    const computer = isComputerKey(by)
      ? findComputer(ctx.stores.fleet.get(DEFAULT_TENANT).computers, by, key)
      : undefined
    if (computer === undefined) return classicError(c, 404)
    const wanted = subsetsOf(subsets)
    const doc = Object.fromEntries(
      Object.entries(sections(computer))
        .filter(([name]) => wanted === undefined || wanted.has(name))
        .map(([, [element, value]]) => [element, value])
    )
    return classicResponse(c, "computer_history", doc)
  }
  app.get("/:by/:key", read, (c) => answer(c, c.req.param("by"), c.req.param("key")))
  app.get("/:by/:key/subset/:subsets", read, (c) =>
    answer(c, c.req.param("by"), c.req.param("key"), c.req.param("subsets"))
  )
  return app
}

import type { PlaneError } from "@planes/core"
import { Effect } from "effect"
import type { AdminServiceClient } from "../adminservice/AdminServiceClient.js"
import { odataString } from "../adminservice/odata.js"
import { type SystemRow, SystemRow as SystemRowSchema } from "../adminservice/schemas.js"
import { permanent } from "../errors.js"

const chunk = 25

/** The `$filter` that finds devices by ResourceID (numeric ids) or by name (anything else). */
export const deviceFilter = (ids: ReadonlyArray<string>) =>
  ids.map((id) => (/^\d+$/.test(id) ? `ResourceID eq ${id}` : `Name eq ${odataString(id)}`)).join(" or ")

/**
 * The devices an intent names, by ResourceID or name, looked up in `SMS_R_System` a few at a time;
 * any that the site does not know (or the account cannot see) fail the call, all named at once.
 */
export const resolveDevices = (
  admin: AdminServiceClient,
  ids: ReadonlyArray<string>
): Effect.Effect<ReadonlyArray<SystemRow>, PlaneError> =>
  Effect.gen(function* () {
    const groups: Array<ReadonlyArray<string>> = []
    for (let i = 0; i < ids.length; i += chunk) groups.push(ids.slice(i, i + chunk))
    const found = (yield* Effect.forEach(groups, (group) =>
      admin.list(
        "resolve devices",
        "SMS_R_System",
        { filter: deviceFilter(group), orderBy: "ResourceID" },
        SystemRowSchema
      )
    )).flat()
    const match = (id: string) =>
      found.find((d) =>
        /^\d+$/.test(id) ? d.ResourceID === Number(id) : d.Name.toLowerCase() === id.toLowerCase()
      )
    const missing = ids.filter((id) => match(id) === undefined)
    if (missing.length > 0)
      return yield* permanent(
        "resolve devices",
        "UnknownDevices",
        `The site knows no device ${missing.slice(0, 20).join(", ")}${missing.length > 20 ? ` (and ${missing.length - 20} more)` : ""}, or the account cannot see it; name devices by ResourceID or name.`
      )
    const unique = new Map<number, SystemRow>()
    for (const id of ids) {
      const device = match(id)
      if (device !== undefined) unique.set(device.ResourceID, device)
    }
    return [...unique.values()]
  })

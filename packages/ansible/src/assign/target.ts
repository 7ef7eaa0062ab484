import type { PlaneError, Target } from "@planes/core"
import { Effect } from "effect"
import { inventoryId } from "../awx/resources.js"
import { permanent } from "../errors.js"
import type { LaunchTarget } from "../mapping/launch.js"
import type { AnsibleRuntime } from "../runtime.js"

/**
 * A target as AWX runs it: an `inventory` target is that inventory, narrowed by its limit; `devices`
 * are host names in the default inventory (the limit lists them); a `group` is an Ansible group of the
 * default inventory (the limit names it). Queries, saved searches and tags have no Ansible form.
 */
export const resolveTarget = (
  runtime: AnsibleRuntime,
  target: Target,
  organization: number,
  operation: string
): Effect.Effect<LaunchTarget, PlaneError> => {
  const inDefault = (limit: string) => {
    const name = runtime.config.defaultInventory
    if (name === undefined) {
      return permanent(
        operation,
        "NoDefaultInventory",
        `A '${target._tag}' target names hosts of the default inventory, and none is configured: set 'defaultInventory', or use an inventory target.`
      )
    }
    return Effect.map(inventoryId(runtime.awx, name, organization, operation), (inventory) => ({
      inventory,
      limit
    }))
  }
  switch (target._tag) {
    case "inventory":
      return Effect.map(inventoryId(runtime.awx, target.inventory, organization, operation), (inventory) => ({
        inventory,
        limit: target.limit ?? ""
      }))
    case "devices":
      return inDefault(target.deviceIds.join(","))
    case "group":
      return inDefault(target.id)
    default:
      return permanent(
        operation,
        "UnsupportedTarget",
        `AWX runs playbooks on inventories and host patterns; a '${target._tag}' target has no Ansible form. Use an inventory, devices or group target.`
      )
  }
}

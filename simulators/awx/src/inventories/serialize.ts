import { stamps } from "../http/common.js"
import type { AwxContext } from "../http/env.js"
import type { ListSpec } from "../http/filters.js"
import { link } from "../routing/roots.js"
import type { GroupRecord, HostRecord, InventoryRecord, OrganizationRecord } from "../state/records.js"

/** Filterable fields of inventories (with the `organization__name` span the adapter looks up by). */
export const inventorySpec = (orgs: () => readonly OrganizationRecord[]): ListSpec<InventoryRecord> => ({
  model: "Inventory",
  fields: {
    id: (i) => i.id,
    name: (i) => i.name,
    description: (i) => i.description,
    organization: (i) => i.organization,
    organization__name: (i) => orgs().find((o) => o.id === i.organization)?.name ?? null
  },
  search: ["name", "description"]
})

/** Filterable fields of hosts. */
export const hostSpec = (inventories: () => readonly InventoryRecord[]): ListSpec<HostRecord> => ({
  model: "Host",
  fields: {
    id: (h) => h.id,
    name: (h) => h.name,
    description: (h) => h.description,
    inventory: (h) => h.inventory,
    inventory__name: (h) => inventories().find((i) => i.id === h.inventory)?.name ?? null,
    enabled: (h) => h.enabled
  },
  search: ["name", "description"]
})

/** An inventory as AWX renders it. */
export const serializeInventory = (c: AwxContext, inv: InventoryRecord, hosts: number, groups: number) => ({
  id: inv.id,
  type: "inventory",
  url: link(c, "inventories", inv.id),
  related: {
    hosts: link(c, "inventories", inv.id, "hosts"),
    groups: link(c, "inventories", inv.id, "groups"),
    organization: link(c, "organizations", inv.organization)
  },
  summary_fields: {},
  ...stamps(inv.created_ms),
  name: inv.name,
  description: inv.description,
  organization: inv.organization,
  kind: "",
  host_filter: null,
  variables: inv.variables,
  has_active_failures: false,
  total_hosts: hosts,
  hosts_with_active_failures: 0,
  total_groups: groups,
  has_inventory_sources: false,
  pending_deletion: false
})

/** A host as AWX renders it; `variables` carry the seeded platform facts. */
export const serializeHost = (
  c: AwxContext,
  host: HostRecord,
  inventoryName: string,
  groups: readonly GroupRecord[]
) => ({
  id: host.id,
  type: "host",
  url: link(c, "hosts", host.id),
  related: {
    inventory: link(c, "inventories", host.inventory),
    job_host_summaries: link(c, "hosts", host.id, "job_host_summaries"),
    groups: link(c, "hosts", host.id, "groups")
  },
  summary_fields: {
    inventory: { id: host.inventory, name: inventoryName },
    groups: {
      count: host.groups.length,
      results: host.groups.map((name) => ({
        id: groups.find((g) => g.inventory === host.inventory && g.name === name)?.id ?? null,
        name
      }))
    }
  },
  ...stamps(host.created_ms),
  name: host.name,
  description: host.description,
  inventory: host.inventory,
  enabled: host.enabled,
  instance_id: "",
  variables: host.variables,
  has_active_failures: false,
  has_inventory_sources: false
})

import { lastPingMs } from "../context.js"
import type { Computer } from "../state/schemas.js"
import { landscapeTime } from "../util/time.js"

/** A computer as the legacy API's GetComputers and the REST API's computer list return it. */
export const renderComputer = (computer: Computer, nowMs: number) => ({
  id: computer.id,
  title: computer.title,
  hostname: computer.hostname,
  comment: computer.comment,
  tags: computer.tags,
  access_group: computer.accessGroup,
  distribution: computer.distribution,
  last_ping_time: landscapeTime(lastPingMs(computer, nowMs)),
  last_exchange_time: landscapeTime(computer.lastExchangeMs),
  total_memory: 2048 * (1 + (computer.id % 4)),
  total_swap: 1024,
  reboot_required_flag: false,
  update_manager_prompt: "normal",
  vm_info: null,
  container_info: null,
  cloud_instance_metadata: {}
})

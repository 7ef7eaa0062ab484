import type { Computer } from "../fleet/model.js"
import { meetsCriteria } from "./criteria.js"
import type { GroupRecord } from "./model.js"

// Smart groups may test membership of other groups; a depth bound stops cycles.
const MAX_DEPTH = 4

const namesOfOtherGroups = (
  groups: readonly GroupRecord[],
  computer: Computer,
  self: GroupRecord,
  depth: number
): string[] =>
  depth >= MAX_DEPTH
    ? []
    : groups.filter((g) => g !== self && isMember(groups, g, computer, depth + 1)).map((g) => g.name)

/** Whether a computer belongs to a group: a static group's member list, or a smart group's criteria. */
export const isMember = (
  groups: readonly GroupRecord[],
  group: GroupRecord,
  computer: Computer,
  depth = 0
): boolean => {
  if (!group.isSmart) return group.members.includes(computer.id)
  const needsGroups = group.criteria.some((c) => c.name.toLowerCase() === "computer group")
  return meetsCriteria(
    group.criteria,
    computer,
    needsGroups ? namesOfOtherGroups(groups, computer, group, depth) : []
  )
}

/** The computers of a group, in fleet order. */
export const membersOf = (
  groups: readonly GroupRecord[],
  group: GroupRecord,
  computers: readonly Computer[]
): Computer[] => computers.filter((computer) => isMember(groups, group, computer))

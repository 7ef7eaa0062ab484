import type { Computer } from "../fleet/model.js"
import { isMember } from "../groups/membership.js"
import type { GroupRecord } from "../groups/model.js"
import type { PolicyRecord, Ref } from "./model.js"

const inGroups = (refs: readonly Ref[], groups: readonly GroupRecord[], computer: Computer): boolean =>
  refs.some((ref) => {
    const group = groups.find((g) => g.id === ref.id)
    return group !== undefined && isMember(groups, group, computer)
  })

/** Whether a policy's scope takes in a computer: all computers, the computer, or a group of it, less exclusions. */
export const inScope = (
  policy: PolicyRecord,
  computer: Computer,
  groups: readonly GroupRecord[]
): boolean => {
  const { scope } = policy
  if (scope.exclusions.computers.some((r) => r.id === computer.id)) return false
  if (inGroups(scope.exclusions.computer_groups, groups, computer)) return false
  return (
    scope.all_computers ||
    scope.computers.some((r) => r.id === computer.id) ||
    inGroups(scope.computer_groups, groups, computer)
  )
}

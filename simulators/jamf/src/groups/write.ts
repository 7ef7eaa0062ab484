import { DEFAULT_TENANT } from "@planes/sim-kit"
import { writeOrigin } from "../cluster/cluster.js"
import type { JamfContext, JamfRequestContext } from "../context.js"
import type { Computer } from "../fleet/model.js"
import { criterionProblem } from "./criteria.js"
import type { Criterion, GroupRecord } from "./model.js"

/** A computer named in a static group or a scope: by id, name or serial number. */
export interface ComputerRef {
  readonly id?: number
  readonly name?: string
  readonly serialNumber?: string
}

/** The fields of a group write, as either API gives them (absent fields keep their value on update). */
export interface GroupInput {
  readonly name?: string
  readonly description?: string
  readonly isSmart?: boolean
  readonly siteId?: number
  readonly criteria?: readonly Criterion[]
  readonly members?: readonly ComputerRef[]
}

/** Why a group write is refused; each API words it its own way. */
export type GroupProblem =
  | { readonly kind: "name-required" }
  | { readonly kind: "duplicate-name" }
  | { readonly kind: "criteria"; readonly message: string }
  | { readonly kind: "unmatched-computer"; readonly ref: string }

/** Finds a computer of the fleet by id, else name, else serial number. */
export const resolveComputer = (computers: readonly Computer[], ref: ComputerRef): Computer | undefined => {
  if (ref.id !== undefined && ref.id > 0) return computers.find((c) => c.id === ref.id)
  if (ref.name !== undefined && ref.name !== "") return computers.find((c) => c.name === ref.name)
  if (ref.serialNumber !== undefined && ref.serialNumber !== "") {
    return computers.find((c) => c.serialNumber.toLowerCase() === ref.serialNumber?.toLowerCase())
  }
  return undefined
}

const validate = (
  ctx: JamfContext,
  input: GroupInput,
  selfId: number | undefined
): { readonly members: number[] | undefined } | GroupProblem => {
  const state = ctx.stores.groups.get(DEFAULT_TENANT)
  if (input.name !== undefined) {
    const name = input.name.toLowerCase()
    if (state.groups.some((g) => g.id !== selfId && g.name.toLowerCase() === name))
      return { kind: "duplicate-name" }
  }
  for (const criterion of input.criteria ?? []) {
    const problem = criterionProblem(criterion)
    if (problem !== undefined) return { kind: "criteria", message: problem }
  }
  if (input.members === undefined) return { members: undefined }
  const computers = ctx.stores.fleet.get(DEFAULT_TENANT).computers
  const members: number[] = []
  for (const ref of input.members) {
    const computer = resolveComputer(computers, ref)
    if (computer === undefined) {
      return { kind: "unmatched-computer", ref: String(ref.id ?? ref.name ?? ref.serialNumber ?? "") }
    }
    if (!members.includes(computer.id)) members.push(computer.id)
  }
  return { members }
}

const isProblem = (value: object): value is GroupProblem => "kind" in value

/** Creates a group (name required, unique case-insensitively, criteria supported, members resolvable). */
export const createGroup = (
  ctx: JamfContext,
  c: JamfRequestContext,
  input: GroupInput
): GroupRecord | GroupProblem => {
  if (input.name === undefined || input.name.trim() === "") return { kind: "name-required" }
  const checked = validate(ctx, input, undefined)
  if (isProblem(checked)) return checked
  const state = ctx.stores.groups.get(DEFAULT_TENANT)
  const group: GroupRecord = {
    id: state.nextId++,
    origin: writeOrigin(ctx, c),
    name: input.name,
    description: input.description ?? "",
    isSmart: input.isSmart ?? false,
    siteId: input.siteId ?? -1,
    criteria: [...(input.criteria ?? [])],
    members: checked.members ?? []
  }
  state.groups.push(group)
  return group
}

/** Updates the fields a write names, keeping the others. */
export const updateGroup = (
  ctx: JamfContext,
  group: GroupRecord,
  input: GroupInput
): GroupRecord | GroupProblem => {
  if (input.name !== undefined && input.name.trim() === "") return { kind: "name-required" }
  const checked = validate(ctx, input, group.id)
  if (isProblem(checked)) return checked
  if (input.name !== undefined) group.name = input.name
  if (input.description !== undefined) group.description = input.description
  if (input.isSmart !== undefined) group.isSmart = input.isSmart
  if (input.siteId !== undefined) group.siteId = input.siteId
  if (input.criteria !== undefined) group.criteria = [...input.criteria]
  if (checked.members !== undefined) group.members = checked.members
  return group
}

/** Whether a write result is a refusal. */
export const isGroupProblem = (value: GroupRecord | GroupProblem): value is GroupProblem => "kind" in value

/** Deletes a group and removes it from every policy's scope and exclusions. */
export const deleteGroup = (ctx: JamfContext, group: GroupRecord): void => {
  const state = ctx.stores.groups.get(DEFAULT_TENANT)
  state.groups = state.groups.filter((g) => g !== group)
  for (const policy of ctx.stores.policies.get(DEFAULT_TENANT).policies) {
    policy.scope.computer_groups = policy.scope.computer_groups.filter((r) => r.id !== group.id)
    policy.scope.exclusions.computer_groups = policy.scope.exclusions.computer_groups.filter(
      (r) => r.id !== group.id
    )
  }
}

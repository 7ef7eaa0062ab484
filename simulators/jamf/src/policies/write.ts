import { DEFAULT_TENANT } from "@planes/sim-kit"
import { writeOrigin } from "../cluster/cluster.js"
import type { JamfContext, JamfRequestContext } from "../context.js"
import type { PackageXml, PolicyXml, RefXml } from "./classic-xml.js"
import {
  defaultPolicy,
  FREQUENCIES,
  PACKAGE_ACTIONS,
  type PolicyPackage,
  type PolicyRecord,
  RETRY_EVENTS,
  type Ref
} from "./model.js"

/** A refused policy write: the `Error: …` line of the 409 status page. */
export interface PolicyProblem {
  readonly problem: string
}

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  (values as readonly string[]).includes(value)

const resolveRefs = (
  refs: readonly RefXml[],
  candidates: readonly { readonly id: number; readonly name: string }[]
): Ref[] | undefined => {
  const out: Ref[] = []
  for (const ref of refs) {
    const found =
      ref.id !== undefined && ref.id > 0
        ? candidates.find((x) => x.id === ref.id)
        : candidates.find((x) => x.name.toLowerCase() === (ref.name ?? "").toLowerCase())
    if (found === undefined) return undefined
    if (!out.some((r) => r.id === found.id)) out.push({ id: found.id, name: found.name })
  }
  return out
}

const resolvePackages = (
  ctx: JamfContext,
  packages: readonly PackageXml[]
): PolicyPackage[] | PolicyProblem => {
  const records = ctx.stores.packages.get(DEFAULT_TENANT).packages
  const out: PolicyPackage[] = []
  for (const p of packages) {
    const record =
      p.id !== undefined && p.id > 0
        ? records.find((r) => r.id === p.id)
        : records.find((r) => r.packageName.toLowerCase() === (p.name ?? "").toLowerCase())
    if (record === undefined) return { problem: "Problem with package" }
    const action = p.action ?? "Install"
    if (!isOneOf(PACKAGE_ACTIONS, action)) return { problem: `Invalid package action ${action}` }
    out.push({
      id: record.id,
      name: record.packageName,
      action,
      fut: p.fut ?? false,
      feu: p.feu ?? false,
      update_autorun: p.update_autorun ?? false
    })
  }
  return out
}

const isProblem = (value: object): value is PolicyProblem => "problem" in value

// Applies the elements a body names onto a policy (Classic updates merge element by element).
const apply = (
  ctx: JamfContext,
  policy: Omit<PolicyRecord, "origin">,
  xml: PolicyXml
): PolicyProblem | undefined => {
  const g = xml.general
  if (g !== undefined) {
    const { category, site, frequency, retry_event, retry_attempts, ...flags } = g
    if (frequency !== undefined) {
      if (!isOneOf(FREQUENCIES, frequency)) return { problem: `Invalid frequency ${frequency}` }
      policy.general.frequency = frequency
    }
    if (retry_event !== undefined) {
      if (!isOneOf(RETRY_EVENTS, retry_event)) return { problem: `Invalid retry_event ${retry_event}` }
      policy.general.retry_event = retry_event
    }
    if (retry_attempts !== undefined) {
      if (retry_attempts !== -1 && (retry_attempts < 1 || retry_attempts > 10)) {
        return { problem: "retry_attempts must be -1 or between 1 and 10" }
      }
      policy.general.retry_attempts = retry_attempts
    }
    Object.assign(policy.general, flags)
    if (category !== undefined) {
      policy.general.category = {
        id: category.id ?? policy.general.category.id,
        name: category.name ?? policy.general.category.name
      }
    }
    if (site !== undefined) {
      policy.general.site = {
        id: site.id ?? policy.general.site.id,
        name: site.name ?? policy.general.site.name
      }
    }
  }
  const s = xml.scope
  if (s !== undefined) {
    const computers = ctx.stores.fleet.get(DEFAULT_TENANT).computers.map((c) => ({ id: c.id, name: c.name }))
    const groups = ctx.stores.groups.get(DEFAULT_TENANT).groups
    if (s.all_computers !== undefined) policy.scope.all_computers = s.all_computers
    const resolveComputers = (refs: readonly RefXml[]) => resolveRefs(refs, computers)
    if (s.computers !== undefined) {
      const resolved = resolveComputers(s.computers)
      if (resolved === undefined) return { problem: "Unable to match computer" }
      policy.scope.computers = resolved
    }
    if (s.computer_groups !== undefined) {
      const resolved = resolveRefs(s.computer_groups, groups)
      if (resolved === undefined) return { problem: "Problem with computer group in scope" }
      policy.scope.computer_groups = resolved
    }
    const e = s.exclusions
    if (e?.computers !== undefined) {
      const resolved = resolveComputers(e.computers)
      if (resolved === undefined) return { problem: "Unable to match computer" }
      policy.scope.exclusions.computers = resolved
    }
    if (e?.computer_groups !== undefined) {
      const resolved = resolveRefs(e.computer_groups, groups)
      if (resolved === undefined) return { problem: "Problem with computer group in exclusions" }
      policy.scope.exclusions.computer_groups = resolved
    }
  }
  if (xml.self_service !== undefined) Object.assign(policy.self_service, xml.self_service)
  const pc = xml.package_configuration
  if (pc !== undefined) {
    if (pc.packages !== undefined) {
      const resolved = resolvePackages(ctx, pc.packages)
      if (isProblem(resolved)) return resolved
      policy.package_configuration.packages = resolved
    }
    if (pc.distribution_point !== undefined)
      policy.package_configuration.distribution_point = pc.distribution_point
  }
  if (xml.maintenance?.recon !== undefined) policy.maintenance.recon = xml.maintenance.recon
  return undefined
}

const duplicateName = (ctx: JamfContext, name: string, selfId: number | undefined): boolean =>
  ctx.stores.policies
    .get(DEFAULT_TENANT)
    .policies.some((p) => p.id !== selfId && p.general.name.toLowerCase() === name.toLowerCase())

/** Creates a policy from a Classic body: name required and unique, references resolvable. */
export const createPolicy = (
  ctx: JamfContext,
  c: JamfRequestContext,
  xml: PolicyXml
): PolicyRecord | PolicyProblem => {
  const name = xml.general?.name?.trim() ?? ""
  if (name === "") return { problem: "Policy name is required" }
  if (duplicateName(ctx, name, undefined)) return { problem: "Duplicate name" }
  const state = ctx.stores.policies.get(DEFAULT_TENANT)
  const draft = defaultPolicy(state.nextId, name)
  const problem = apply(ctx, draft, xml)
  if (problem !== undefined) return problem
  state.nextId++
  const policy: PolicyRecord = { ...draft, origin: writeOrigin(ctx, c) }
  state.policies.push(policy)
  return policy
}

/** Updates a policy with the elements a Classic body names; nothing changes when it is refused. */
export const updatePolicy = (
  ctx: JamfContext,
  policy: PolicyRecord,
  xml: PolicyXml
): PolicyRecord | PolicyProblem => {
  const name = xml.general?.name
  if (name !== undefined && name.trim() === "") return { problem: "Policy name is required" }
  if (name !== undefined && duplicateName(ctx, name, policy.id)) return { problem: "Duplicate name" }
  // Work on a copy so a refused update leaves the stored policy untouched.
  const draft: PolicyRecord = structuredClone(policy)
  const problem = apply(ctx, draft, xml)
  if (problem !== undefined) return problem
  Object.assign(policy, draft)
  return policy
}

/** Whether a policy write was refused. */
export const isPolicyProblem = (value: PolicyRecord | PolicyProblem): value is PolicyProblem =>
  "problem" in value

import type { AccountContext } from "../context.js"
import { fail } from "../errors/failure.js"
import type { Distribution } from "../state/schemas.js"
import { checkName, findDistribution } from "./lookup.js"

/** CreateDistribution: a new, empty distribution; `DuplicateDistribution` when the name is taken. */
export const createDistribution = (
  ctx: AccountContext,
  name: string,
  accessGroup: string | undefined
): Distribution => {
  checkName("distribution", name)
  const repo = ctx.stores.repository.get(ctx.account)
  if (repo.distributions.some((d) => d.name === name))
    fail("DuplicateDistribution", `Distribution ${name} already exists`)
  const distribution: Distribution = {
    name,
    accessGroup: accessGroup ?? "global",
    creationMs: ctx.nowMs,
    series: []
  }
  repo.distributions.push(distribution)
  return distribution
}

/** GetDistributions: all distributions, or those named (unknown names answer `UnknownDistribution`). */
export const listDistributions = (
  ctx: AccountContext,
  names: readonly string[] | undefined
): Distribution[] => {
  const repo = ctx.stores.repository.get(ctx.account)
  return names === undefined || names.length === 0
    ? repo.distributions
    : names.map((n) => findDistribution(repo, n))
}

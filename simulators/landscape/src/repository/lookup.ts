import { fail } from "../errors/failure.js"
import type { Distribution, Pocket, PocketRef, Repository, Series } from "../state/schemas.js"

/** A distribution by name, or `UnknownDistribution`. */
export const findDistribution = (repo: Repository, name: string): Distribution =>
  repo.distributions.find((d) => d.name === name) ??
  fail("UnknownDistribution", `Unknown distribution: ${name}`)

/** A series of a distribution, or `UnknownSeries`. */
export const findSeries = (repo: Repository, distribution: string, name: string): Series =>
  findDistribution(repo, distribution).series.find((s) => s.name === name) ??
  fail("UnknownSeries", `Unknown series ${name} in distribution ${distribution}`)

/** A pocket, or `UnknownPocket`. */
export const findPocket = (repo: Repository, ref: PocketRef): Pocket =>
  findSeries(repo, ref.distribution, ref.series).pockets.find((p) => p.name === ref.pocket) ??
  fail("UnknownPocket", `Unknown pocket ${ref.pocket} in ${ref.distribution}/${ref.series}`)

/** A pocket if it exists (profiles may outlive a pocket), without failing. */
export const pocketIfAny = (repo: Repository, ref: PocketRef): Pocket | undefined =>
  repo.distributions
    .find((d) => d.name === ref.distribution)
    ?.series.find((s) => s.name === ref.series)
    ?.pockets.find((p) => p.name === ref.pocket)

/** Names must start alphanumeric and use lowercase letters, digits, `-` and `+` (Landscape's rule). */
export const checkName = (kind: string, name: string): void => {
  if (!/^[a-z0-9][a-z0-9+-]*$/.test(name)) {
    fail(
      "InvalidParameter",
      `Invalid ${kind} name "${name}": use lowercase letters, digits, "-" and "+", starting alphanumeric`
    )
  }
}

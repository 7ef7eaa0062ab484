import type { AccountContext } from "../context.js"
import { fail } from "../errors/failure.js"
import type { Series } from "../state/schemas.js"
import { checkName, findDistribution } from "./lookup.js"
import { buildPocket } from "./pockets.js"

/** CreateSeries' input (the legacy parameters, decoded). */
export interface SeriesInput {
  readonly name: string
  readonly distribution: string
  readonly pockets: readonly string[]
  readonly components: readonly string[]
  readonly architectures: readonly string[]
  readonly gpgKey?: string | undefined
  readonly mirrorUri?: string | undefined
  readonly mirrorSeries?: string | undefined
  readonly includeUdeb?: boolean | undefined
}

/**
 * CreateSeries: `DuplicateSeries` when taken. Pockets named in `pockets.N` are created with it, in
 * mirror mode when `mirror_uri` is given (suite `<mirror_series>-<pocket>`, plain for `release`),
 * otherwise in upload mode.
 */
export const createSeries = (ctx: AccountContext, input: SeriesInput): Series => {
  checkName("series", input.name)
  const distribution = findDistribution(ctx.stores.repository.get(ctx.account), input.distribution)
  if (distribution.series.some((s) => s.name === input.name)) {
    fail("DuplicateSeries", `Series ${input.name} already exists in distribution ${input.distribution}`)
  }
  const upstream = input.mirrorSeries ?? input.name
  const pockets = input.pockets.map((name) =>
    buildPocket(ctx, {
      name,
      series: input.name,
      distribution: input.distribution,
      mode: input.mirrorUri === undefined ? "upload" : "mirror",
      components: input.components,
      architectures: input.architectures,
      gpgKey: input.gpgKey,
      mirrorUri: input.mirrorUri,
      mirrorSuite: name === "release" ? upstream : `${upstream}-${name}`,
      includeUdeb: input.includeUdeb
    })
  )
  const series: Series = { name: input.name, creationMs: ctx.nowMs, pockets }
  distribution.series.push(series)
  return series
}

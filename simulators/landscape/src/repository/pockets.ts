import type { AccountContext } from "../context.js"
import { fail } from "../errors/failure.js"
import { ensureEntry } from "../fleet/catalogue.js"
import type { Pocket, PocketRef } from "../state/schemas.js"
import { compareVersions } from "../util/version.js"
import { checkName, findPocket, findSeries } from "./lookup.js"

/** CreatePocket's input (the legacy parameters, decoded). */
export interface PocketInput {
  readonly name: string
  readonly series: string
  readonly distribution: string
  readonly mode: string
  readonly components: readonly string[]
  readonly architectures: readonly string[]
  readonly gpgKey?: string | undefined
  readonly mirrorUri?: string | undefined
  readonly mirrorSuite?: string | undefined
  readonly pullPocket?: string | undefined
  readonly pullSeries?: string | undefined
  readonly filterType?: string | undefined
  readonly uploadAllowUnsigned?: boolean | undefined
  readonly includeUdeb?: boolean | undefined
}

const checkGpgKey = (ctx: AccountContext, name: string | undefined): void => {
  if (name === undefined) return
  const key = ctx.stores.repository.get(ctx.account).gpgKeys.find((k) => k.name === name)
  if (key === undefined) fail("UnknownGPGKey", `Unknown GPG key: ${name}`)
  else if (!key.hasSecret)
    fail("GPGKeyHasNoSecret", `GPG key ${name} has no secret part and cannot sign a pocket`)
}

const modeOf = (mode: string): Pocket["mode"] =>
  mode === "mirror" || mode === "pull" || mode === "upload"
    ? mode
    : fail("InvalidPocketMode", `Invalid pocket mode "${mode}": use mirror, pull or upload`)

/** Builds a pocket from CreatePocket/CreateSeries input, checking the mode's own parameters. */
export const buildPocket = (ctx: AccountContext, input: PocketInput): Pocket => {
  checkName("pocket", input.name)
  const mode = modeOf(input.mode)
  checkGpgKey(ctx, input.gpgKey)
  if (input.components.length === 0)
    fail("MissingParameter", "At least one component is required (components.1=...)")
  if (input.architectures.length === 0)
    fail("MissingParameter", "At least one architecture is required (architectures.1=...)")
  if (mode === "mirror" && input.mirrorUri === undefined)
    fail("MissingParameter", "A mirror pocket needs mirror_uri")
  if (mode === "pull") {
    if (input.pullPocket === undefined) fail("MissingParameter", "A pull pocket needs pull_pocket")
    findPocket(ctx.stores.repository.get(ctx.account), {
      distribution: input.distribution,
      series: input.pullSeries ?? input.series,
      pocket: input.pullPocket ?? ""
    })
  }
  const filterType = input.filterType
  if (filterType !== undefined && filterType !== "allowlist" && filterType !== "blocklist") {
    fail("InvalidParameter", `Invalid filter_type "${filterType}": use allowlist or blocklist`)
  }
  return {
    name: input.name,
    creationMs: ctx.nowMs,
    mode,
    components: [...input.components],
    architectures: [...input.architectures],
    gpgKey: input.gpgKey ?? null,
    mirrorUri: mode === "mirror" ? (input.mirrorUri ?? null) : null,
    mirrorSuite: mode === "mirror" ? (input.mirrorSuite ?? input.series) : null,
    pullPocket: mode === "pull" ? (input.pullPocket ?? null) : null,
    pullSeries: mode === "pull" ? (input.pullSeries ?? input.series) : null,
    filterType:
      mode === "pull" && (filterType === "allowlist" || filterType === "blocklist") ? filterType : null,
    filters: [],
    uploadAllowUnsigned: mode === "upload" && (input.uploadAllowUnsigned ?? false),
    includeUdeb: input.includeUdeb ?? false,
    packages: []
  }
}

/** CreatePocket: `DuplicatePocket` when the series already has a pocket of that name. */
export const createPocket = (ctx: AccountContext, input: PocketInput): Pocket => {
  const series = findSeries(ctx.stores.repository.get(ctx.account), input.distribution, input.series)
  if (series.pockets.some((p) => p.name === input.name)) {
    fail("DuplicatePocket", `Pocket ${input.name} already exists in ${input.distribution}/${input.series}`)
  }
  const pocket = buildPocket(ctx, input)
  series.pockets.push(pocket)
  return pocket
}

/** ListPocket: `{"component/arch": [[name, version], ...]}`, names sorted, optional name filter. */
export const listPocket = (ctx: AccountContext, ref: PocketRef, search: string | undefined) => {
  const pocket = findPocket(ctx.stores.repository.get(ctx.account), ref)
  const out: Record<string, [string, string][]> = {}
  for (const component of pocket.components) {
    for (const arch of pocket.architectures) {
      out[`${component}/${arch}`] = pocket.packages
        .filter((p) => p.component === component && (search === undefined || p.name.includes(search)))
        .sort((a, b) => a.name.localeCompare(b.name) || compareVersions(a.version, b.version))
        .map((p): [string, string] => [p.name, p.version])
    }
  }
  return out
}

/** AddPackageFiltersToPocket: names for a pull pocket's allow or block list. */
export const addFilters = (ctx: AccountContext, ref: PocketRef, names: readonly string[]): Pocket => {
  const pocket = findPocket(ctx.stores.repository.get(ctx.account), ref)
  if (pocket.mode !== "pull" || pocket.filterType === null) {
    fail("InvalidPocketMode", `Pocket ${ref.pocket} is not a pull pocket with a filter type`)
  }
  pocket.filters = [...new Set([...pocket.filters, ...names])]
  return pocket
}

/** RemovePackagesFromPocket: drops every version of the named packages (not for mirror pockets). */
export const removePackages = (ctx: AccountContext, ref: PocketRef, names: readonly string[]): Pocket => {
  const pocket = findPocket(ctx.stores.repository.get(ctx.account), ref)
  if (pocket.mode === "mirror")
    fail("InvalidPocketMode", `Cannot remove packages from mirror pocket ${ref.pocket}`)
  pocket.packages = pocket.packages.filter((p) => !names.includes(p.name))
  return pocket
}

/** Puts package versions into an upload pocket (what an uploader tool such as dput does; admin only). */
export const uploadPackages = (
  ctx: AccountContext,
  ref: PocketRef,
  packages: readonly { name: string; version: string; component?: string | undefined }[]
): Pocket => {
  const pocket = findPocket(ctx.stores.repository.get(ctx.account), ref)
  if (pocket.mode !== "upload") fail("InvalidPocketMode", `Pocket ${ref.pocket} is not an upload pocket`)
  const catalogue = ctx.stores.catalogue.get(ctx.account)
  for (const p of packages) {
    const component = p.component ?? pocket.components[0] ?? "main"
    ensureEntry(catalogue, { name: p.name, version: p.version, component })
    if (!pocket.packages.some((q) => q.name === p.name && q.version === p.version)) {
      pocket.packages.push({ name: p.name, version: p.version, component })
    }
  }
  return pocket
}

import { Schema } from "effect"
import { renderLegacyActivity } from "../../activities/render.js"
import { createDistribution, listDistributions } from "../../repository/distributions.js"
import { addFilters, createPocket, listPocket, removePackages } from "../../repository/pockets.js"
import {
  addPockets,
  associateProfile,
  createProfile,
  listProfiles,
  removeProfile
} from "../../repository/profiles.js"
import { renderDistribution, renderPocket, renderProfile, renderSeries } from "../../repository/render.js"
import { createSeries } from "../../repository/series.js"
import { pullPackagesToPocket, syncMirrorPocket } from "../../repository/sync.js"
import { action, type LegacyAction } from "../action.js"
import { Flag, List, PocketParams } from "../param-schemas.js"

const opt = Schema.optional
const refOf = (p: { name: string; series: string; distribution: string }) => ({
  distribution: p.distribution,
  series: p.series,
  pocket: p.name
})

const PocketPackages = Schema.Struct({ ...PocketParams, packages: List })

/** Legacy repository management: distributions, series, pockets, syncs and pulls, repository profiles. */
export const repositoryActions: Record<string, LegacyAction> = {
  CreateDistribution: action(
    Schema.Struct({ name: Schema.String, access_group: opt(Schema.String) }),
    (ctx, p) => renderDistribution(ctx, createDistribution(ctx, p.name, p.access_group))
  ),
  GetDistributions: action(
    Schema.Struct({ names: opt(List) }),
    (ctx, p) => listDistributions(ctx, p.names).map((d) => renderDistribution(ctx, d)),
    true
  ),
  CreateSeries: action(
    Schema.Struct({
      name: Schema.String,
      distribution: Schema.String,
      pockets: opt(List),
      components: opt(List),
      architectures: opt(List),
      gpg_key: opt(Schema.String),
      mirror_uri: opt(Schema.String),
      mirror_series: opt(Schema.String),
      include_udeb: opt(Flag)
    }),
    (ctx, p) =>
      renderSeries(
        ctx,
        p.distribution,
        createSeries(ctx, {
          name: p.name,
          distribution: p.distribution,
          pockets: p.pockets ?? [],
          components: p.components ?? [],
          architectures: p.architectures ?? [],
          gpgKey: p.gpg_key,
          mirrorUri: p.mirror_uri,
          mirrorSeries: p.mirror_series,
          includeUdeb: p.include_udeb
        })
      )
  ),
  CreatePocket: action(
    Schema.Struct({
      ...PocketParams,
      mode: Schema.String,
      components: List,
      architectures: List,
      gpg_key: opt(Schema.String),
      mirror_uri: opt(Schema.String),
      mirror_suite: opt(Schema.String),
      pull_pocket: opt(Schema.String),
      pull_series: opt(Schema.String),
      filter_type: opt(Schema.String),
      upload_allow_unsigned: opt(Flag),
      include_udeb: opt(Flag)
    }),
    (ctx, p) =>
      renderPocket(
        ctx,
        p.distribution,
        p.series,
        createPocket(ctx, {
          name: p.name,
          series: p.series,
          distribution: p.distribution,
          mode: p.mode,
          components: p.components,
          architectures: p.architectures,
          gpgKey: p.gpg_key,
          mirrorUri: p.mirror_uri,
          mirrorSuite: p.mirror_suite,
          pullPocket: p.pull_pocket,
          pullSeries: p.pull_series,
          filterType: p.filter_type,
          uploadAllowUnsigned: p.upload_allow_unsigned,
          includeUdeb: p.include_udeb
        })
      )
  ),
  SyncMirrorPocket: action(Schema.Struct(PocketParams), (ctx, p) =>
    renderLegacyActivity(ctx, syncMirrorPocket(ctx, refOf(p)))
  ),
  PullPackagesToPocket: action(Schema.Struct(PocketParams), (ctx, p) =>
    renderLegacyActivity(ctx, pullPackagesToPocket(ctx, refOf(p)))
  ),
  ListPocket: action(
    Schema.Struct({ ...PocketParams, search: opt(Schema.String) }),
    (ctx, p) => listPocket(ctx, refOf(p), p.search),
    true
  ),
  AddPackageFiltersToPocket: action(PocketPackages, (ctx, p) =>
    renderPocket(ctx, p.distribution, p.series, addFilters(ctx, refOf(p), p.packages))
  ),
  RemovePackagesFromPocket: action(PocketPackages, (ctx, p) =>
    renderPocket(ctx, p.distribution, p.series, removePackages(ctx, refOf(p), p.packages))
  ),
  CreateRepositoryProfile: action(
    Schema.Struct({
      title: Schema.String,
      description: opt(Schema.String),
      access_group: opt(Schema.String)
    }),
    (ctx, p) => renderProfile(ctx, createProfile(ctx, p.title, p.description, p.access_group))
  ),
  GetRepositoryProfiles: action(
    Schema.Struct({ names: opt(List) }),
    (ctx, p) => listProfiles(ctx, p.names).map((x) => renderProfile(ctx, x)),
    true
  ),
  AddPocketsToRepositoryProfile: action(
    Schema.Struct({ name: Schema.String, pockets: List, series: Schema.String, distribution: Schema.String }),
    (ctx, p) => renderProfile(ctx, addPockets(ctx, p.name, p.pockets, p.series, p.distribution))
  ),
  AssociateRepositoryProfile: action(
    Schema.Struct({ name: Schema.String, tags: opt(List), all_computers: opt(Flag) }),
    (ctx, p) => renderProfile(ctx, associateProfile(ctx, p.name, p.tags ?? [], p.all_computers ?? false))
  ),
  RemoveRepositoryProfile: action(Schema.Struct({ name: Schema.String }), (ctx, p) => {
    removeProfile(ctx, p.name)
    return { name: p.name }
  })
}

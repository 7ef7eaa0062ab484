import type { SimContext } from "@planes/sim-kit"
import { Schema } from "effect"
import { readBody } from "../errors/body.js"
import { accessDenied, badRequest } from "../errors/format.js"
import type { Row } from "../odata/filter-eval.js"
import { canSeeScoped, scopesForNewObject } from "../rbac/scope.js"
import type { Package } from "../state/schemas.js"
import { isoSeconds, type Site, siteScopedId } from "../state/site.js"
import { createdResponse } from "../wmi/created.js"
import type { WmiClass } from "../wmi/wmi-class.js"
import { distributionMethods } from "./content-methods.js"

/** Body of `POST wmi/SMS_Package`. */
export const CreatePackageBody = Schema.Struct({
  Name: Schema.NonEmptyString,
  Version: Schema.optional(Schema.String),
  Manufacturer: Schema.optional(Schema.String),
  Language: Schema.optional(Schema.String),
  Description: Schema.optional(Schema.String),
  PkgSourcePath: Schema.optional(Schema.String),
  PkgSourceFlag: Schema.optional(Schema.Number),
  PackageType: Schema.optional(Schema.Number)
})

/** Body of `POST wmi/SMS_Program`. */
export const CreateProgramBody = Schema.Struct({
  PackageID: Schema.NonEmptyString,
  ProgramName: Schema.NonEmptyString,
  CommandLine: Schema.NonEmptyString,
  Comment: Schema.optional(Schema.String),
  ProgramFlags: Schema.optional(Schema.Number)
})

/** All packages: classic ones and applications' content packages. */
export const packagesOf = (site: Site): Package[] => site.stores.packages.get(site.tenant).packages

const packageRow = (p: Package): Row => ({
  PackageID: p.PackageID,
  ActionInProgress: 0,
  Description: p.Description,
  Language: p.Language,
  LastRefreshTime: isoSeconds(p.createdAtMs),
  Manufacturer: p.Manufacturer,
  Name: p.Name,
  PackageType: 0,
  PkgSourceFlag: p.PkgSourcePath === "" ? 1 : 2,
  PkgSourcePath: p.PkgSourcePath,
  Priority: 2,
  SecuredScopeNames: [...p.scopes],
  SourceDate: isoSeconds(p.createdAtMs),
  SourceVersion: 1,
  Version: p.Version
})

/** Whether the caller may see the package a row names. */
export const packageVisible = (site: Site, row: Row): boolean =>
  canSeeScoped(site.account, packagesOf(site).find((p) => p.PackageID === row.PackageID)?.scopes ?? [])

const createPackage = async (c: SimContext, site: Site) => {
  const body = await readBody(c, CreatePackageBody)
  if (!body.ok) return badRequest(c, body.message)
  const b = body.value
  const pkg: Package = {
    PackageID: siteScopedId(site, "packageSeq"),
    Name: b.Name,
    Version: b.Version ?? "",
    Manufacturer: b.Manufacturer ?? "",
    Language: b.Language ?? "",
    Description: b.Description ?? "",
    PkgSourcePath: b.PkgSourcePath ?? "",
    objectType: 0,
    securityKey: "",
    createdAtMs: site.now,
    scopes: scopesForNewObject(site.account)
  }
  packagesOf(site).push(pkg)
  return createdResponse(c, smsPackage, site, packageRow(pkg))
}

/** `SMS_Package`: classic packages (applications' content packages are not listed here). */
export const smsPackage: WmiClass = {
  name: "SMS_Package",
  keys: ["PackageID"],
  derivation: ["SMS_PackageBaseclass", "SMS_BaseClass"],
  rows: (site) =>
    packagesOf(site)
      .filter((p) => p.objectType === 0)
      .map(packageRow),
  visible: packageVisible,
  create: createPackage,
  methods: distributionMethods
}

/** `SMS_ContentPackage`: every package with content, applications' included (key SecurityKey = ModelName). */
export const smsContentPackage: WmiClass = {
  name: "SMS_ContentPackage",
  keys: ["PackageID"],
  derivation: ["SMS_PackageBaseclass", "SMS_BaseClass"],
  rows: (site) =>
    packagesOf(site).map((p) => ({ ...packageRow(p), SecurityKey: p.securityKey, ObjectType: p.objectType })),
  visible: packageVisible,
  methods: distributionMethods
}

const programRow = (p: {
  PackageID: string
  ProgramName: string
  CommandLine: string
  Comment: string
  ProgramFlags: number
}): Row => ({
  PackageID: p.PackageID,
  ProgramName: p.ProgramName,
  CommandLine: p.CommandLine,
  Comment: p.Comment,
  ProgramFlags: p.ProgramFlags
})

const createProgram = async (c: SimContext, site: Site) => {
  const body = await readBody(c, CreateProgramBody)
  if (!body.ok) return badRequest(c, body.message)
  const b = body.value
  const pkg = packagesOf(site).find(
    (p) => p.PackageID.toLowerCase() === b.PackageID.toLowerCase() && p.objectType === 0
  )
  if (pkg === undefined) return badRequest(c, `Package ${b.PackageID} does not exist.`)
  if (!canSeeScoped(site.account, pkg.scopes)) return accessDenied(c)
  const programs = site.stores.packages.get(site.tenant).programs
  if (
    programs.some(
      (p) => p.PackageID === pkg.PackageID && p.ProgramName.toLowerCase() === b.ProgramName.toLowerCase()
    )
  ) {
    return badRequest(c, `Program ${b.ProgramName} already exists in package ${pkg.PackageID}.`)
  }
  // 0x80000000 ("unattended") plus 0x1000 (runs with administrative rights) is the console's default.
  const program = {
    PackageID: pkg.PackageID,
    ProgramName: b.ProgramName,
    CommandLine: b.CommandLine,
    Comment: b.Comment ?? "",
    ProgramFlags: b.ProgramFlags ?? 0x80001000
  }
  programs.push(program)
  return createdResponse(c, smsProgram, site, programRow(program))
}

/** `SMS_Program`: programs of classic packages (composite key PackageID + ProgramName). */
export const smsProgram: WmiClass = {
  name: "SMS_Program",
  keys: ["PackageID", "ProgramName"],
  derivation: ["SMS_BaseClass"],
  rows: (site) => site.stores.packages.get(site.tenant).programs.map(programRow),
  visible: packageVisible,
  create: createProgram
}

import type { IntentKey } from "@planes/core"
import type { Operation } from "./operations.js"

/** The package a template serves: its name and version, as the intent names them. */
export interface PackageName {
  readonly name: string
  readonly version: string
}

/**
 * The name of a package's job template for one operation: `planes: 7-Zip 24.08 install`. Names are
 * unique per organization in AWX, so the name is the natural key and the intent key in the description
 * tells whose template it is.
 */
export const templateName = (prefix: string, pkg: PackageName, operation: Operation): string =>
  `${prefix}: ${pkg.name} ${pkg.version} ${operation}`

/** The name of the connector's one repository-mirror template. */
export const mirrorTemplateName = (prefix: string): string => `${prefix}: configure mirror`

/**
 * The description of a planes object: the intent key (where the next publish looks for it), the
 * operation, and for package templates the package, in `name=value` pairs a person can read.
 */
export const describe = (key: IntentKey, operation: Operation | "project", pkg?: PackageName): string =>
  [
    "Managed by planes.",
    `key=${key}`,
    `operation=${operation}`,
    ...(pkg === undefined ? [] : [`package=${pkg.name}`, `version=${pkg.version}`])
  ].join(" ")

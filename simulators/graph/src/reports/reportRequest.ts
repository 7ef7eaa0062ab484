import { Schema } from "effect"
import { type FilterExpr, FilterSyntaxError } from "../odata/filterAst.js"
import { parseFilter } from "../odata/filterParser.js"

const opt = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

/** Body of the report actions (getDeviceInstallStatusReport, retrieveDeviceAppInstallationStatusReport). */
export const ReportBody = Schema.Struct({
  name: opt(Schema.NullOr(Schema.String)),
  select: opt(Schema.NullOr(Schema.Array(Schema.String))),
  search: opt(Schema.NullOr(Schema.String)),
  groupBy: opt(Schema.NullOr(Schema.Array(Schema.String))),
  orderBy: opt(Schema.NullOr(Schema.Array(Schema.String))),
  skip: opt(Schema.NullOr(Schema.Int.pipe(Schema.nonNegative()))),
  top: opt(Schema.NullOr(Schema.Int.pipe(Schema.nonNegative()))),
  sessionId: opt(Schema.NullOr(Schema.String)),
  filter: opt(Schema.NullOr(Schema.String))
})
/** A decoded report request. */
export type ReportBody = typeof ReportBody.Type

/** The report filter split into the application it is about and any further conditions. */
export interface ReportFilter {
  readonly applicationId: string
  /** Conditions besides `ApplicationId eq '…'` (evaluated per row), if any. */
  readonly rest: FilterExpr | undefined
}

const conjuncts = (expr: FilterExpr): FilterExpr[] =>
  expr.kind === "and" ? [...conjuncts(expr.left), ...conjuncts(expr.right)] : [expr]

const applicationIdOf = (expr: FilterExpr): string | undefined =>
  expr.kind === "compare" &&
  expr.op === "eq" &&
  expr.left.kind === "property" &&
  expr.left.path.join("/") === "ApplicationId" &&
  expr.right.kind === "literal" &&
  typeof expr.right.value === "string"
    ? expr.right.value
    : undefined

/** Parses a report filter such as `(ApplicationId eq '…') and (InstallState eq 'failed')`; throws FilterSyntaxError. */
export const parseReportFilter = (text: string | null | undefined): ReportFilter => {
  if (text === null || text === undefined || text.trim() === "") {
    throw new FilterSyntaxError("the filter must name the application: (ApplicationId eq '<id>')")
  }
  const parts = conjuncts(parseFilter(text))
  const ids = parts.map(applicationIdOf)
  const index = ids.findIndex((id) => id !== undefined)
  const applicationId = ids[index]
  if (applicationId === undefined) {
    throw new FilterSyntaxError("the filter must name the application: (ApplicationId eq '<id>')")
  }
  const others = parts.filter((_, i) => i !== index)
  const rest = others.reduce<FilterExpr | undefined>(
    (acc, p) => (acc === undefined ? p : { kind: "and", left: acc, right: p }),
    undefined
  )
  return { applicationId, rest }
}

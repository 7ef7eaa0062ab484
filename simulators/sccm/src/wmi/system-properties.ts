import type { Row } from "../odata/filter-eval.js"
import type { Settings } from "../state/schemas.js"
import type { WmiClass } from "./wmi-class.js"

const relValue = (v: unknown): string => (typeof v === "number" ? String(v) : `"${String(v)}"`)

/**
 * Decorates a row as the WMI route serves it: `@odata.etag` (key values joined by ';'),
 * `__LAZYPROPERTIES` (lazy properties not filled in this answer), the class properties, then the WMI
 * system properties `__GENUS` ... `__PATH`. Clients strip `__*` and `@odata.*`; the simulator keeps them
 * so an adapter that forgets to strip fails here as it would against a real site.
 */
export const withSystemProperties = (
  cls: WmiClass,
  row: Row,
  settings: Settings,
  lazyOmitted: readonly string[]
): Row => {
  const host = settings.serverFqdn.split(".")[0]?.toUpperCase() ?? "CM01"
  const namespace = `root\\sms\\site_${settings.siteCode}`
  const relpath = `${cls.name}.${cls.keys.map((k) => `${k}=${relValue(row[k])}`).join(",")}`
  const properties = Object.keys(row).length
  return {
    "@odata.etag": cls.keys.map((k) => String(row[k])).join(";"),
    // Every SMS class has the lazy security-verbs qualifier; it is never filled over AdminService.
    __LAZYPROPERTIES: [...lazyOmitted, "__QUALIFIER_SECURITYVERBS"],
    __QUALIFIER_SECURITYVERBS: null,
    ...row,
    __GENUS: 2,
    __CLASS: cls.name,
    __SUPERCLASS: cls.derivation[0] ?? null,
    __DYNASTY: cls.derivation.at(-1) ?? cls.name,
    __RELPATH: relpath,
    __PROPERTY_COUNT: properties,
    __DERIVATION: [...cls.derivation],
    __SERVER: host,
    __NAMESPACE: namespace,
    __PATH: `\\\\${host}\\${namespace}:${relpath}`
  }
}

/** Strips WMI system properties and OData annotations, as AdminService clients do before reading a row. */
export const stripSystemProperties = (row: Row): Row =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !k.startsWith("__") && !k.startsWith("@odata.")))

import type { SimContext } from "@planes/sim-kit"
import type { Row } from "../odata/filter-eval.js"
import type { QueryOptions, QueryResult } from "../odata/query.js"
import type { Site } from "../state/site.js"

/** A method of a class: static (no instance) or bound to one visible instance. */
export type StaticMethod = (c: SimContext, site: Site) => Promise<Response>
/** A method bound to one visible instance. */
export type InstanceMethod = (c: SimContext, site: Site, row: Row) => Promise<Response>

/** One WMI class the simulator serves on `/AdminService/wmi/`. */
export interface WmiClass {
  /** Class name as the provider spells it (routes match it case-insensitively, as since 2006). */
  readonly name: string
  /** Key properties, in key order. */
  readonly keys: readonly string[]
  /** The WMI superclass (`__SUPERCLASS`); the dynasty is the root of the derivation chain. */
  readonly derivation: readonly string[]
  /** Lazy properties: null in lists, filled only on the keyed GET. */
  readonly lazy?: readonly string[]
  /** Every instance at this moment (RBAC not applied). */
  rows(site: Site): Row[]
  /** Whether the caller may see an instance. */
  visible(site: Site, row: Row): boolean
  /**
   * Answers a list query from the class's own index when it can (visible rows only, filtered, ordered
   * and paged as `applyQuery` would); undefined leaves it to the generic scan of `rows`.
   */
  readonly indexed?: (site: Site, options: QueryOptions, pageSize: number) => QueryResult | undefined
  /** POST to the class: create an instance. */
  readonly create?: StaticMethod
  /** DELETE of an instance. */
  readonly remove?: InstanceMethod
  /** Instance methods by lower-cased name. */
  readonly methods?: Readonly<Record<string, InstanceMethod>>
  /** Static methods by lower-cased name. */
  readonly staticMethods?: Readonly<Record<string, StaticMethod>>
}

/** The 201 a WMI method answers: ReturnValue 0 (success) and its out-parameters. */
export const methodResult = (c: SimContext, out: Readonly<Record<string, unknown>> = {}): Response =>
  c.json({ ReturnValue: 0, ...out }, 201)

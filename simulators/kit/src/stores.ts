import { Either, ParseResult, Schema } from "effect"

/** Tenant key used by state that is not per tenant (for example an issued-token table). */
export const GLOBAL_TENANT = "*"

/** JSON snapshot of every store: store name, then tenant, then that tenant's encoded state. */
export type StoreSnapshot = Record<string, Record<string, unknown>>

/** One named piece of per-tenant state. */
export interface TenantStore<A> {
  /** The store's registered name. */
  readonly name: string
  /** The tenant's state, created from the initial value on first use. Mutations stick. */
  get(tenant: string): A
  /** Replaces the tenant's state. */
  set(tenant: string, state: A): void
  /** Replaces the tenant's state with `f(current)` and returns the new state. */
  update(tenant: string, f: (state: A) => A): A
  /** Tenants that currently have state in this store. */
  tenants(): string[]
}

/** Result of importing a snapshot: every problem is listed and nothing is applied when there is one. */
export type ImportResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly problems: readonly string[] }

interface Entry {
  readonly name: string
  readonly data: Map<string, unknown>
  readonly initial: () => unknown
  readonly encode: (state: unknown) => Either.Either<unknown, ParseResult.ParseError>
  readonly decode: (input: unknown) => Either.Either<unknown, ParseResult.ParseError>
}

const SnapshotShape = Schema.Record({
  key: Schema.String,
  value: Schema.Record({ key: Schema.String, value: Schema.Unknown })
})

/**
 * Registry of per-tenant in-memory stores. Every store is registered here, so `reset()` resets all of
 * them and a snapshot covers all of them: a simulator cannot forget one.
 */
export class TenantStores {
  readonly #entries = new Map<string, Entry>()

  /**
   * Registers a store. `schema` describes the state; its encoded form must be JSON, and it validates
   * imported snapshots. `initial` builds a fresh state for a tenant (called again after every reset).
   */
  register<A, I>(name: string, schema: Schema.Schema<A, I>, initial: () => A): TenantStore<A> {
    if (this.#entries.has(name)) throw new Error(`store "${name}" is already registered`)
    const data = new Map<string, A>()
    const encode = Schema.encodeEither(schema)
    const decode = Schema.decodeUnknownEither(schema)
    this.#entries.set(name, {
      name,
      data,
      initial,
      // The registry only ever hands this entry values that came from this store, so they are A.
      encode: (state) => encode(state as A),
      decode
    })
    const get = (tenant: string): A => {
      const existing = data.get(tenant)
      if (existing !== undefined || data.has(tenant)) return existing as A
      const fresh = initial()
      data.set(tenant, fresh)
      return fresh
    }
    return {
      name,
      get,
      set: (tenant, state) => {
        data.set(tenant, state)
      },
      update: (tenant, f) => {
        const next = f(get(tenant))
        data.set(tenant, next)
        return next
      },
      tenants: () => [...data.keys()]
    }
  }

  /** Names of the registered stores. */
  names(): string[] {
    return [...this.#entries.keys()]
  }

  /** Drops every tenant's state in every store; the next `get` starts from the initial value. */
  reset(): void {
    for (const entry of this.#entries.values()) entry.data.clear()
  }

  /** Encodes every store's state for every tenant that has any. */
  exportSnapshot(): StoreSnapshot {
    const out: StoreSnapshot = {}
    for (const entry of this.#entries.values()) {
      const tenants: Record<string, unknown> = {}
      for (const [tenant, state] of entry.data) {
        tenants[tenant] = Either.getOrThrowWith(
          entry.encode(state),
          (e) => new Error(`store "${entry.name}" holds state its schema cannot encode: ${e.message}`)
        )
      }
      out[entry.name] = tenants
    }
    return out
  }

  /**
   * Replaces all state with a snapshot (stores it leaves out end up empty). Validates everything first
   * and applies nothing when any store name is unknown or any state fails its schema.
   */
  importSnapshot(snapshot: unknown): ImportResult {
    const shape = Schema.decodeUnknownEither(SnapshotShape)(snapshot)
    if (Either.isLeft(shape)) {
      return { ok: false, problems: [`stores must map store names to tenant objects: ${shape.left.message}`] }
    }
    const problems: string[] = []
    const decoded = new Map<Entry, Map<string, unknown>>()
    for (const [name, tenants] of Object.entries(shape.right)) {
      const entry = this.#entries.get(name)
      if (entry === undefined) {
        problems.push(`unknown store "${name}" (registered: ${this.names().join(", ") || "none"})`)
        continue
      }
      const states = new Map<string, unknown>()
      for (const [tenant, state] of Object.entries(tenants)) {
        const result = entry.decode(state)
        if (Either.isLeft(result)) {
          problems.push(`stores.${name}.${tenant}: ${ParseResult.TreeFormatter.formatErrorSync(result.left)}`)
        } else {
          states.set(tenant, result.right)
        }
      }
      decoded.set(entry, states)
    }
    if (problems.length > 0) return { ok: false, problems }
    this.reset()
    for (const [entry, states] of decoded) for (const [tenant, state] of states) entry.data.set(tenant, state)
    return { ok: true }
  }
}

import type { SimKit, TenantStore, TokenTable } from "@planes/sim-kit"
import { Schema } from "effect"
import { generateFleet } from "../fleet/generate.js"
import {
  accountKey,
  DEFAULT_DEVICE_COUNT,
  defaultAccounts,
  defaultSettings,
  FIRST_CI_ID
} from "./defaults.js"
import {
  Accounts,
  Application,
  ClientOperation,
  Collection,
  ContentTarget,
  Counters,
  Deployments,
  Fleet,
  NtlmSessions,
  Packages,
  Settings,
  TokenData
} from "./schemas.js"

const list = <A, I>(item: Schema.Schema<A, I>) => Schema.mutable(Schema.Array(item))

/** Every store of the simulator (all registered with the kit, so reset and snapshots cover them). */
export interface SccmStores {
  readonly accounts: TenantStore<Accounts>
  readonly settings: TenantStore<Settings>
  readonly fleet: TenantStore<Fleet>
  readonly applications: TenantStore<Application[]>
  readonly packages: TenantStore<Packages>
  readonly distribution: TenantStore<(typeof ContentTarget.Type)[]>
  readonly collections: TenantStore<Collection[]>
  readonly deployments: TenantStore<Deployments>
  readonly clientOperations: TenantStore<(typeof ClientOperation.Type)[]>
  readonly counters: TenantStore<Counters>
  readonly ntlm: TenantStore<NtlmSessions>
  readonly tokens: TokenTable<typeof TokenData.Type>
}

/** What the factory lets a caller choose about the initial state. */
export interface InitialState {
  readonly settings: Settings
  readonly accounts: readonly (typeof Accounts.Type)[string][]
  readonly deviceCount: number
}

/** Built-in collections every site has, plus a seeded "All Workstations" query collection. */
export const builtInCollections = (siteCode: string, devices: readonly number[]): Collection[] => [
  {
    CollectionID: "SMS00001",
    Name: "All Systems",
    Comment: "All Systems",
    CollectionType: 2,
    LimitToCollectionID: "",
    builtIn: true,
    rules: [],
    members: [...devices],
    evaluatedAtMs: 0,
    pendingSinceMs: null,
    createdAtMs: 0
  },
  {
    CollectionID: "SMS00002",
    Name: "All Users",
    Comment: "All Users",
    CollectionType: 1,
    LimitToCollectionID: "",
    builtIn: true,
    rules: [],
    members: [],
    evaluatedAtMs: 0,
    pendingSinceMs: null,
    createdAtMs: 0
  },
  {
    CollectionID: `${siteCode}00010`,
    Name: "All Workstations",
    Comment: "Seeded query collection",
    CollectionType: 2,
    LimitToCollectionID: "SMS00001",
    builtIn: false,
    rules: [
      {
        kind: "query",
        RuleName: "Workstations",
        QueryExpression: "select * from SMS_R_System where Name like 'WS-%'",
        QueryID: 1
      }
    ],
    members: [],
    // Evaluated on the first request (pending since the epoch, so the delay has long passed).
    evaluatedAtMs: 0,
    pendingSinceMs: 0,
    createdAtMs: 0
  }
]

/** Registers every store with the kit; initial values come from the seed and `initial`. */
export const registerStores = (kit: SimKit, initial: InitialState): SccmStores => {
  const settings = kit.stores.register("settings", Settings, () => ({ ...initial.settings }))
  const fleet = kit.stores.register("fleet", Fleet, () =>
    generateFleet(kit.rng.fork("sccm/fleet"), initial.deviceCount, initial.settings)
  )
  return {
    accounts: kit.stores.register("accounts", Accounts, () =>
      Object.fromEntries(initial.accounts.map((a) => [accountKey(a.domain, a.user), { ...a }]))
    ),
    settings,
    fleet,
    applications: kit.stores.register("applications", list(Application), () => []),
    packages: kit.stores.register("packages", Packages, () => ({ packages: [], programs: [] })),
    distribution: kit.stores.register("distribution", list(ContentTarget), () => []),
    collections: kit.stores.register("collections", list(Collection), () =>
      builtInCollections(initial.settings.siteCode, [])
    ),
    deployments: kit.stores.register("deployments", Deployments, () => ({ assignments: [], statuses: [] })),
    clientOperations: kit.stores.register("clientOperations", list(ClientOperation), () => []),
    counters: kit.stores.register("counters", Counters, () => ({
      ciId: FIRST_CI_ID,
      packageSeq: 100,
      collectionSeq: 11,
      assignmentId: 16777400,
      operationId: 16777500,
      queryId: 2
    })),
    ntlm: kit.stores.register("ntlmSessions", NtlmSessions, () => ({})),
    tokens: kit.tokens("bearerTokens", TokenData)
  }
}

/** Defaults of the initial state. */
export const defaultInitialState: InitialState = {
  settings: defaultSettings,
  accounts: defaultAccounts,
  deviceCount: DEFAULT_DEVICE_COUNT
}

import { createHash } from "node:crypto"
import {
  AdminInputError,
  type ClockOptions,
  createSimulator,
  type SimClock,
  type SimContext,
  type SimEnv,
  type SimKit,
  type SimLogger
} from "@planes/sim-kit"
import { Either, ParseResult, Schema } from "effect"
import type { Hono } from "hono"
import { sealedError, vaultErrorFormatter } from "./errors.js"
import { namespaceOf } from "./namespace.js"
import { tokenOf, type VaultDeps } from "./request.js"
import { vaultAdminRoutes } from "./routes/admin.js"
import { authRoutes } from "./routes/auth.js"
import { kvRoutes } from "./routes/kv.js"
import { sysRoutes } from "./routes/sys.js"
import { applySeed, VaultSeed, type VaultSeedInput } from "./seed.js"
import { isSealed, registerStores, setSealed, type VaultStores } from "./state.js"

/** Options of `createVaultSimulator`. */
export interface VaultSimulatorOptions {
  /** Seed of the simulator's random streams (token ids, request ids); else `PLANES_SIM_SEED`, else random. */
  readonly seed?: number | string
  /** A clock to share with other simulators, or how to start one. */
  readonly clock?: SimClock | ClockOptions
  /** KV v2 engines every namespace has; `["secret"]` unless set (seeding a secret adds its mount). */
  readonly mounts?: ReadonlyArray<string>
  /**
   * A token that is always valid in the root namespace with the `root` policy, as `vault server -dev
   * -dev-root-token-id` gives; none unless set. It survives `/_sim/reset`.
   */
  readonly rootToken?: string
  /** The Vault version the simulator reports; `1.17.0-sim` unless set. */
  readonly version?: string
  readonly log?: SimLogger
  readonly env?: Readonly<Record<string, string | undefined>>
}

/** A Vault simulator: the Hono app to serve, the kit's machinery, and in-process controls for tests. */
export interface VaultSimulator {
  readonly app: Hono<SimEnv>
  readonly kit: SimKit
  readonly stores: VaultStores
  /** Adds secrets, policies, tokens and AppRole roles (what `POST /_sim/seed` does); throws on bad input. */
  seed(seed: VaultSeedInput): void
  /** Seals (every route but health and seal status answers 503) or unseals Vault. */
  setSealed(sealed: boolean): void
}

const decodeSeed = Schema.decodeUnknownEither(VaultSeed, { errors: "all" })

const seedProblem = (error: ParseResult.ParseError) =>
  ParseResult.ArrayFormatter.formatErrorSync(error)
    .map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join(".")}: ${issue.message}`))
    .join("; ")

// Journal and throttling key clients by a fingerprint of their token, never the token itself.
const clientOf = (c: SimContext): string | undefined => {
  const token = tokenOf(c)
  return token === undefined
    ? undefined
    : `token:${createHash("sha256").update(token).digest("hex").slice(0, 12)}`
}

const healthRoutes = new Set(["/v1/sys/health", "/v1/sys/seal-status"])

/**
 * Creates the Vault simulator: KV v2, token self-service, AppRole login, sys health and seal status,
 * namespaces as the kit's tenants (from `X-Vault-Namespace`), and the kit's `/_sim` admin API plus
 * `/_sim/vault/seal` and `/_sim/vault/unseal`. Every error answers Vault's `{"errors":[...]}`.
 */
export const createVaultSimulator = (options: VaultSimulatorOptions = {}): VaultSimulator => {
  const { app, kit } = createSimulator({
    name: "vault",
    errorFormatter: vaultErrorFormatter,
    tenantOf: (c) => namespaceOf(c.req.header("x-vault-namespace")),
    clientOf,
    correlationHeader: "x-correlation-id",
    // Called on `POST /_sim/seed`, long after `seedWith` below exists.
    onSeed: (body) => seedWith(body),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.log === undefined ? {} : { log: options.log }),
    ...(options.env === undefined ? {} : { env: options.env })
  })
  const registered = registerStores(kit, options.mounts ?? ["secret"])
  const seedWith = (input: unknown) => {
    const decoded = decodeSeed(input ?? {})
    if (Either.isLeft(decoded)) throw new AdminInputError(`invalid Vault seed: ${seedProblem(decoded.left)}`)
    applySeed(kit, registered, decoded.right)
  }
  const deps: VaultDeps = {
    kit,
    stores: registered,
    rootToken: options.rootToken,
    version: options.version ?? "1.17.0-sim"
  }

  app.route("/_sim/vault", vaultAdminRoutes(registered))
  app.use("/v1/*", async (c, next) => {
    if (isSealed(registered) && !healthRoutes.has(c.req.path)) return sealedError(c)
    return next()
  })
  app.route("/v1/sys", sysRoutes(deps))
  app.route("/v1/auth", authRoutes(deps))
  app.route("/v1", kvRoutes(deps))

  return {
    app,
    kit,
    stores: registered,
    seed: (seed) => seedWith(seed),
    setSealed: (sealed) => setSealed(registered, sealed)
  }
}

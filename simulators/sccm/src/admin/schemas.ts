import { Schema } from "effect"
import { Settings } from "../state/schemas.js"

/** Body of `POST /_sim/sccm/accounts`: an account to add or replace. */
export const AccountInput = Schema.Struct({
  domain: Schema.NonEmptyString,
  user: Schema.NonEmptyString,
  password: Schema.String,
  securityScopes: Schema.optionalWith(Schema.mutable(Schema.Array(Schema.String)), {
    default: () => ["All"]
  }),
  collections: Schema.optionalWith(Schema.mutable(Schema.Array(Schema.String)), { default: () => ["*"] }),
  wmiAccess: Schema.optionalWith(Schema.Boolean, { default: () => true })
})

/** Body of `POST /_sim/sccm/tokens`: issue a bearer token for the token route. */
export const TokenInput = Schema.Struct({
  domain: Schema.NonEmptyString,
  user: Schema.NonEmptyString,
  ttlSeconds: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 3600 })
})

/** Body of `POST /_sim/sccm/tokens/expire`: the token to expire now. */
export const ExpireTokenInput = Schema.Struct({ access_token: Schema.NonEmptyString })

/** Body of `PUT /_sim/sccm/settings`: any subset of the settings. */
export const SettingsPatch = Schema.partial(Settings)

/** Body of `PUT /_sim/sccm/distribution-points/:name`. */
export const DpInput = Schema.Struct({ offline: Schema.Boolean })

/** Fields `POST /_sim/seed` reads besides `seed`: how many devices to generate. */
export const SeedInput = Schema.Struct({
  devices: Schema.optional(Schema.Int.pipe(Schema.between(0, 100_000)))
})

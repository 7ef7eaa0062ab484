import type { SimEnv } from "@planes/sim-kit"
import { Schema } from "effect"
import { Hono } from "hono"
import {
  authenticateBearer,
  bearerOf,
  DEFAULT_EXPIRY_MINUTES,
  issueToken,
  revokeUserTokens
} from "../auth/sessions.js"
import type { LandscapeDeps } from "../deps.js"
import { fail, LandscapeFailure } from "../errors/failure.js"
import { guarded } from "../errors/formatter.js"
import type { User } from "../state/schemas.js"
import { directoryOf } from "../state/stores.js"
import { readJson } from "./request.js"

const Expiry = Schema.optional(Schema.Number.pipe(Schema.int(), Schema.positive()))

const PasswordLogin = Schema.Struct({
  email: Schema.optional(Schema.String),
  identity: Schema.optional(Schema.String),
  password: Schema.String,
  account: Schema.optional(Schema.String),
  expiry_minutes: Expiry,
  invitation_id: Schema.optional(Schema.String)
})

const AccessKeyLogin = Schema.Struct({
  access_key: Schema.String,
  secret_key: Schema.String,
  expiry_minutes: Expiry
})

const invalidCredentials = () => new LandscapeFailure("InvalidCredentials", "Invalid credentials.", 401)

/** The login answer: the token plus the user's accounts, as the documented example shows. */
const loginAnswer = (
  deps: LandscapeDeps,
  user: User,
  account: string,
  minutes: number,
  selfHosted: boolean | undefined
) => {
  const titles = directoryOf(deps.stores).accounts
  return {
    accounts: user.accounts.map((name, i) => ({
      default: i === 0,
      name,
      title: titles.find((a) => a.name === name)?.title ?? name
    })),
    current_account: account,
    email: user.email,
    name: user.name,
    ...(selfHosted === undefined ? {} : { self_hosted: selfHosted }),
    token: issueToken(deps.kit, deps.stores, user, account, minutes)
  }
}

const pickAccount = (user: User, account: string | undefined): string => {
  if (account === undefined) return user.accounts[0]
  return user.accounts.includes(account)
    ? account
    : fail("UnknownAccount", `${user.email} is not a member of account ${account}`, 403)
}

/** `POST /api/v2/login`, `POST /api/v2/login/access-key`, `POST /api/v2/tokens/invalidate-me`. */
export const loginRoutes = (deps: LandscapeDeps): Hono<SimEnv> => {
  const app = new Hono<SimEnv>()
  app.post(
    "/login",
    guarded(async (c) => {
      const body = await readJson(c, PasswordLogin)
      const login = body.email ?? body.identity
      if (login === undefined || (body.email !== undefined && body.identity !== undefined)) {
        fail("InvalidParameterCombination", "Give exactly one of email and identity.")
      }
      const user = directoryOf(deps.stores).users.find((u) => u.email === login)
      if (user === undefined || user.password !== body.password) throw invalidCredentials()
      const account = pickAccount(user, body.account)
      c.set("tenant", account)
      return c.json(
        loginAnswer(deps, user, account, body.expiry_minutes ?? DEFAULT_EXPIRY_MINUTES, deps.selfHosted)
      )
    })
  )
  app.post(
    "/login/access-key",
    guarded(async (c) => {
      const body = await readJson(c, AccessKeyLogin)
      const user = directoryOf(deps.stores).users.find((u) => u.accessKey === body.access_key)
      if (user === undefined || user.secretKey !== body.secret_key) throw invalidCredentials()
      const account = user.accounts[0]
      c.set("tenant", account)
      return c.json(
        loginAnswer(deps, user, account, body.expiry_minutes ?? DEFAULT_EXPIRY_MINUTES, undefined)
      )
    })
  )
  app.post(
    "/tokens/invalidate-me",
    guarded((c) => {
      const token = bearerOf(c.req.header("authorization"))
      if (token === undefined)
        throw new LandscapeFailure("AuthFailure", "Authentication credentials were not provided.", 401)
      const { user } = authenticateBearer(deps.kit, deps.stores, token)
      revokeUserTokens(deps.stores, user.id)
      return c.json({})
    })
  )
  return app
}

import type { AwxContext } from "../http/env.js"
import { awxTime } from "../http/time.js"
import { link } from "../routing/roots.js"
import type { ApplicationRecord, TokenRecord, UserRecord } from "../state/records.js"

/** AWX masks a token's secrets on every read after the create response. */
export const MASK = "************"

/** A token as AWX's OAuth2TokenSerializer renders it; `reveal` only in the create response. */
export const serializeToken = (
  c: AwxContext,
  token: TokenRecord,
  user: UserRecord | undefined,
  application: ApplicationRecord | undefined,
  reveal: boolean
) => ({
  id: token.id,
  type: "o_auth2_access_token",
  url: link(c, "tokens", token.id),
  related: {
    user: link(c, "users", token.user),
    ...(application === undefined ? {} : { application: link(c, "applications", application.id) }),
    activity_stream: link(c, "tokens", token.id, "activity_stream")
  },
  summary_fields: {
    ...(application === undefined
      ? {}
      : { application: { id: application.id, name: application.name, client_id: application.client_id } }),
    user: {
      id: token.user,
      username: user?.username ?? "",
      first_name: user?.first_name ?? "",
      last_name: user?.last_name ?? ""
    }
  },
  created: awxTime(token.created_ms),
  modified: awxTime(token.created_ms),
  description: token.description,
  user: token.user,
  token: reveal ? token.token : MASK,
  refresh_token: reveal ? token.refresh_token : MASK,
  application: token.application,
  expires: awxTime(token.expires_ms),
  scope: token.scope
})

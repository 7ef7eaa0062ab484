import { Either, Schema } from "effect"
import { Hono } from "hono"
import { deny } from "../auth/permissions.js"
import { readObjectBody } from "../errors/body.js"
import { FieldReader } from "../errors/fields.js"
import { detail, fieldErrors, nonFieldError, notFound } from "../errors/responses.js"
import { findByKey, stamps } from "../http/common.js"
import { type Deps, nowOf } from "../http/deps.js"
import type { AwxContext, AwxEnv } from "../http/env.js"
import type { ListSpec } from "../http/filters.js"
import { listResponse } from "../http/list.js"
import { idParam, resource } from "../http/route.js"
import { link } from "../routing/roots.js"
import type { CredentialRecord } from "../state/records.js"
import { nextId, TENANT } from "../state/stores.js"

const credentialSpec: ListSpec<CredentialRecord> = {
  model: "Credential",
  fields: {
    id: (k) => k.id,
    name: (k) => k.name,
    description: (k) => k.description,
    organization: (k) => k.organization,
    credential_type: (k) => k.credential_type
  },
  search: ["name", "description"]
}

// Inputs AWX shows in clear; everything else is a secret and reads back as `$encrypted$`.
const CLEAR_INPUTS = new Set(["username", "host", "url", "become_method", "become_username"])

const Inputs = Schema.Record({ key: Schema.String, value: Schema.Unknown })
const decodeInputs = Schema.decodeUnknownEither(Inputs)

/** A credential as AWX renders it, secrets masked. */
export const serializeCredential = (c: AwxContext, k: CredentialRecord) => ({
  id: k.id,
  type: "credential",
  url: link(c, "credentials", k.id),
  related: { credential_type: link(c, "credential_types", k.credential_type) },
  summary_fields: {},
  ...stamps(k.created_ms),
  name: k.name,
  description: k.description,
  organization: k.organization,
  credential_type: k.credential_type,
  managed: false,
  inputs: Object.fromEntries(
    Object.entries(k.inputs).map(([key, value]) => [key, CLEAR_INPUTS.has(key) ? value : "$encrypted$"])
  ),
  kind: k.credential_type === 1 ? "ssh" : "cloud",
  cloud: k.credential_type !== 1
})

/**
 * Credentials (`credentials/`, `credentials/{id}/`) and their association with job templates
 * (`job_templates/{id}/credentials/`: GET; POST `{"id"}` associates, with `"disassociate": true` detaches).
 */
export const credentialRoutes = (deps: Deps): Hono<AwxEnv> => {
  const api = new Hono<AwxEnv>()
  const { stores } = deps
  const credentials = () => stores.credentials.get(TENANT)
  const templates = () => stores.templates.get(TENANT)

  resource(api, "/credentials/", {
    get: (c) => listResponse(c, credentialSpec, credentials(), (k) => serializeCredential(c, k)),
    post: async (c) => {
      const denied = deny(c, "admin")
      if (denied !== undefined) return denied
      const body = await readObjectBody(c)
      if (!body.ok) return body.response
      const fields = new FieldReader(body.body)
      const name = fields.string("name", { required: true, allowBlank: false })
      const description = fields.string("description") ?? ""
      const organization = fields.integer("organization", { nullable: true }) ?? null
      const credentialType = fields.integer("credential_type", { required: true })
      const inputs = decodeInputs(fields.raw("inputs") ?? {})
      if (Either.isLeft(inputs)) fields.fail("inputs", "Must be an object.")
      if (organization !== null && !stores.organizations.get(TENANT).some((o) => o.id === organization)) {
        fields.fail("organization", `Invalid pk "${organization}" - object does not exist.`)
      }
      if (!fields.ok || name === undefined || typeof credentialType !== "number" || Either.isLeft(inputs)) {
        return fieldErrors(c, fields.errors)
      }
      if (
        credentials().some(
          (k) => k.name === name && k.organization === organization && k.credential_type === credentialType
        )
      ) {
        return nonFieldError(c, "Credential with this Name, Organization and Credential type already exists.")
      }
      const record: CredentialRecord = {
        id: nextId(stores, "credentials", credentials()),
        name,
        description,
        organization,
        credential_type: credentialType,
        inputs: inputs.right,
        created_ms: nowOf(deps)
      }
      credentials().push(record)
      c.header("Location", link(c, "credentials", record.id))
      return c.json(serializeCredential(c, record), 201)
    }
  })
  resource(api, "/credentials/:id/", {
    get: (c) => {
      const k = credentials().find((x) => x.id === idParam(c))
      return k === undefined ? notFound(c) : c.json(serializeCredential(c, k))
    }
  })
  resource(api, "/job_templates/:key/credentials/", {
    get: (c) => {
      const t = findByKey(templates(), c.req.param("key") ?? "")
      if (t === undefined) return notFound(c)
      const attached = credentials().filter((k) => t.credentials.includes(k.id))
      return listResponse(c, credentialSpec, attached, (k) => serializeCredential(c, k))
    },
    post: async (c) => {
      const t = findByKey(templates(), c.req.param("key") ?? "")
      if (t === undefined) return notFound(c)
      const denied = deny(c, "admin")
      if (denied !== undefined) return denied
      const body = await readObjectBody(c)
      if (!body.ok) return body.response
      const fields = new FieldReader(body.body)
      const id = fields.integer("id", { required: true })
      const disassociate = fields.boolean("disassociate") ?? false
      if (!fields.ok || typeof id !== "number") return fieldErrors(c, fields.errors)
      if (!credentials().some((k) => k.id === id))
        return detail(c, 400, `Object with id ${id} does not exist.`)
      const next = disassociate ? t.credentials.filter((x) => x !== id) : [...new Set([...t.credentials, id])]
      stores.templates.update(TENANT, (all) =>
        all.map((x) => (x.id === t.id ? { ...x, credentials: next } : x))
      )
      return c.body(null, 204)
    }
  })
  return api
}

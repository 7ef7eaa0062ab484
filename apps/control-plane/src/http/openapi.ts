import { AssignmentState, DeviceState } from "@planes/core"
import { JSONSchema, Schema } from "effect"
import {
  AssignRequest,
  CreateKeyRequest,
  PublishRequest,
  RemediateRequest,
  RollbackRequest
} from "../service/requests.js"
import { AuditEntry } from "../store/records.js"

// Component schemas come from the same Effect Schemas the handlers decode with (their encoded side: what
// a client sends), so the document cannot drift from the validation.
const definitions: Record<string, JSONSchema.JsonSchema7> = {}
const component = <A, I>(schema: Schema.Schema<A, I>) =>
  JSONSchema.fromAST(Schema.encodedSchema(schema).ast, {
    definitions,
    definitionPath: "#/components/schemas/",
    target: "openApi3.1"
  })

const requests = {
  PublishRequest: component(PublishRequest),
  AssignRequest: component(AssignRequest),
  RemediateRequest: component(RemediateRequest),
  RollbackRequest: component(RollbackRequest),
  CreateKeyRequest: component(CreateKeyRequest),
  AssignmentState: component(AssignmentState),
  DeviceState: component(DeviceState),
  AuditEntry: component(AuditEntry)
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: unknown) => ({ "application/json": { schema } })
const problem = { "application/problem+json": { schema: ref("Problem") } }

const errors = (...codes: ReadonlyArray<number>) =>
  Object.fromEntries(
    codes.map((code) => [String(code), { description: errorText[code] ?? "Error", content: problem }])
  )
const errorText: Record<number, string> = {
  400: "Invalid request (permanent; `issues` names every offending path)",
  401: "No valid API key (policy)",
  403: "The caller's role does not allow this, or a plane refused on policy",
  404: "No such operation or key",
  409: "The same Idempotency-Key is still running (transient)",
  422: "The Idempotency-Key was used with a different request",
  502: "Every target failed permanently",
  503: "Every target failed transiently, or the store is unavailable"
}

const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } }
const idempotencyParam = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Makes the request safe to repeat: a repeat returns the stored answer, a repeat with another body is a 422. Generated and echoed when absent.",
  schema: { type: "string", minLength: 1, maxLength: 255 }
}
const report = {
  description: "Every target succeeded",
  content: json(ref("OperationReport"))
}
const partial = {
  description: "Some targets failed; each outcome on its own",
  content: json(ref("OperationReport"))
}

const mutation = (summary: string, body: string, success: string, path = false) => ({
  summary,
  parameters: [...(path ? [idParam] : []), idempotencyParam],
  requestBody: { required: true, content: json(ref(body)) },
  responses: { [success]: report, "207": partial, ...errors(400, 401, 403, 409, 422, 502, 503) }
})

/** The OpenAPI 3.1 description of the HTTP API. */
export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "planes control plane",
    version: "0.1.0",
    description:
      "Publish packages to execution planes (Intune, Jamf, SCCM, Landscape, AWX), assign them, follow their state, remediate and roll back. Every request needs `Authorization: Bearer <API key>`; errors are RFC 9457 problem documents carrying `errorClass` (transient, permanent, policy) and `retryable`."
  },
  security: [{ bearer: [] }],
  paths: {
    "/healthz": {
      get: { summary: "Liveness", security: [], responses: { "200": { description: "The process answers" } } }
    },
    "/readyz": {
      get: {
        summary: "Readiness: the database and every plane",
        security: [],
        responses: { "200": { description: "Ready" }, "503": { description: "A dependency is down" } }
      }
    },
    "/openapi.json": {
      get: { summary: "This document", security: [], responses: { "200": { description: "OpenAPI 3.1" } } }
    },
    "/docs": {
      get: {
        summary: "A readable reference of this document",
        security: [],
        responses: { "200": { description: "HTML" } }
      }
    },
    "/v1/packages": { post: mutation("Publish a package to planes (operator)", "PublishRequest", "201") },
    "/v1/assignments": { post: mutation("Assign a published package (operator)", "AssignRequest", "201") },
    "/v1/assignments/{id}": {
      get: {
        summary: "The assignment's state on each target (viewer)",
        parameters: [idParam],
        responses: {
          "200": { description: "Per-target summaries", content: json(ref("StateReport")) },
          ...errors(401, 403, 404)
        }
      }
    },
    "/v1/assignments/{id}/devices": {
      get: {
        summary: "Device states of one target, paged, or streamed as NDJSON (viewer)",
        parameters: [
          idParam,
          {
            name: "target",
            in: "query",
            schema: { type: "string" },
            description: "Required when several targets"
          },
          { name: "offset", in: "query", schema: { type: "integer", minimum: 0, default: 0 } },
          {
            name: "limit",
            in: "query",
            schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 }
          },
          {
            name: "format",
            in: "query",
            schema: { enum: ["json", "ndjson"] },
            description: "ndjson streams every device (also chosen by Accept: application/x-ndjson)"
          }
        ],
        responses: {
          "200": {
            description:
              "A page of devices, or every device as NDJSON (a failure part-way is a last line {error})",
            content: {
              "application/json": { schema: ref("DevicePage") },
              "application/x-ndjson": { schema: ref("DeviceState") }
            }
          },
          ...errors(400, 401, 403, 404)
        }
      }
    },
    "/v1/assignments/{id}/remediate": {
      post: mutation("Remediate an assignment's devices (operator)", "RemediateRequest", "200", true)
    },
    "/v1/assignments/{id}/rollback": {
      post: mutation("Roll an assignment back to another version (operator)", "RollbackRequest", "200", true)
    },
    "/v1/operations/{id}": {
      get: {
        summary: "An operation as recorded, with each target's outcome (viewer)",
        parameters: [idParam],
        responses: { "200": { description: "The operation" }, ...errors(401, 403, 404) }
      }
    },
    "/v1/audit": {
      get: {
        summary: "The audit trail by correlation id or time range (viewer)",
        parameters: [
          { name: "correlationId", in: "query", schema: { type: "string" } },
          { name: "from", in: "query", schema: { type: "string", format: "date-time" } },
          { name: "to", in: "query", schema: { type: "string", format: "date-time" } },
          {
            name: "limit",
            in: "query",
            schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 }
          },
          {
            name: "after",
            in: "query",
            schema: { type: "integer", minimum: 0 },
            description: "Sequence to page after"
          }
        ],
        responses: {
          "200": {
            description: "Entries, oldest first",
            content: json({
              type: "object",
              properties: {
                entries: { type: "array", items: ref("AuditEntry") },
                nextAfter: { type: "integer" }
              }
            })
          },
          ...errors(400, 401, 403)
        }
      }
    },
    "/v1/keys": {
      get: {
        summary: "List API keys (admin)",
        responses: { "200": { description: "Keys, without digests" }, ...errors(401, 403) }
      },
      post: {
        summary: "Create an API key (admin); the key is in this answer only",
        requestBody: { required: true, content: json(ref("CreateKeyRequest")) },
        responses: { "201": { description: "The new key" }, ...errors(400, 401, 403) }
      }
    },
    "/v1/keys/{id}": {
      delete: {
        summary: "Revoke an API key (admin)",
        parameters: [idParam],
        responses: { "200": { description: "Revoked" }, ...errors(401, 403, 404) }
      }
    }
  },
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key" } },
    schemas: {
      ...definitions,
      ...requests,
      Problem: {
        type: "object",
        required: ["type", "title", "status", "detail", "errorClass", "retryable", "correlationId"],
        properties: {
          type: { type: "string" },
          title: { type: "string" },
          status: { type: "integer" },
          detail: { type: "string" },
          instance: { type: "string" },
          errorClass: { enum: ["transient", "permanent", "policy"] },
          retryable: { type: "boolean" },
          code: { type: "string" },
          correlationId: { type: "string" },
          plane: { type: "string" },
          operation: { type: "string" },
          issues: {
            type: "array",
            items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } }
          },
          retryAfterSeconds: { type: "integer" },
          results: { type: "array", items: ref("TargetOutcome") }
        }
      },
      TargetOutcome: {
        type: "object",
        required: ["target", "plane", "outcome"],
        properties: {
          target: { type: "string" },
          plane: { type: "string" },
          outcome: { enum: ["succeeded", "failed"] },
          result: { description: "The plane's result (PublishResult, AssignmentResult, ...)" },
          error: ref("Problem")
        }
      },
      OperationReport: {
        type: "object",
        required: ["operationId", "kind", "correlationId", "status", "results"],
        properties: {
          operationId: { type: "string" },
          kind: { enum: ["publish", "assign", "remediate", "rollback"] },
          correlationId: { type: "string" },
          status: { enum: ["succeeded", "partial", "failed"] },
          results: { type: "array", items: ref("TargetOutcome") }
        }
      },
      StateReport: {
        type: "object",
        properties: {
          operationId: { type: "string" },
          correlationId: { type: "string" },
          targets: { type: "array", items: ref("TargetOutcome") }
        }
      },
      DevicePage: {
        type: "object",
        properties: {
          items: { type: "array", items: ref("DeviceState") },
          offset: { type: "integer" },
          limit: { type: "integer" },
          nextOffset: { type: "integer" }
        }
      }
    }
  }
} as const

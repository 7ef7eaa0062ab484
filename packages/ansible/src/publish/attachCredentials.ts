import { HttpClientRequest } from "@effect/platform"
import type { PlaneError } from "@planes/core"
import { Http } from "@planes/core"
import { Effect, Schema, Stream } from "effect"
import { awxPath } from "../awx/paths.js"
import { listRequest, pageSize } from "../awx/resources.js"
import type { AnsibleRuntime } from "../runtime.js"

const operation = "attach credentials"

const Credential = Schema.Struct({ id: Schema.Int })

/**
 * Attaches the configured credentials (the machine credential that reaches the hosts, and any other the
 * playbooks need) to a job template, each only when it is not attached yet: associating is a POST of
 * `{"id"}` to the template's credential list, which AWX answers 204. Returns the ids it attached.
 */
export const attachCredentials = (
  runtime: AnsibleRuntime,
  template: number
): Effect.Effect<ReadonlyArray<number>, PlaneError> =>
  Effect.gen(function* () {
    const wanted = runtime.config.credentials
    if (wanted.length === 0) return []
    const path = awxPath("job_templates", template, "credentials")
    const attached = yield* Stream.runCollect(
      Http.Paging.nextUrl(runtime.awx, operation, listRequest(path, { page_size: pageSize }), Credential)
    )
    const have = new Set([...attached].map((c) => c.id))
    const missing = wanted.filter((id) => !have.has(id))
    // Associating twice is harmless (AWX keeps one link), so these POSTs may be retried.
    yield* Effect.forEach(missing, (id) =>
      runtime.awx.empty(
        operation,
        HttpClientRequest.post(path).pipe(HttpClientRequest.bodyUnsafeJson({ id }))
      )
    )
    return missing
  })

import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { classifyResponse } from "@planes/core"
import { describe, expect, it } from "vitest"
import { awxErrorDetail, awxErrorProfile, isDuplicateName } from "../../src/awx/errorProfile.js"

const example = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../../contracts/vendor-examples/awx/${name}`, import.meta.url)),
    "utf8"
  )
const classify = (status: number, body: string, headers: Record<string, string> = {}) =>
  classifyResponse(awxErrorProfile, { operation: "op", correlationId: "c-1" }, { status, headers, body }, 0)

describe("AWX error profile", () => {
  it("reads the documented duplicate-name 400 as DuplicateName, a PermanentError", () => {
    const error = classify(400, example("duplicate_job_template_400.json"))
    expect(error).toMatchObject({ _tag: "PermanentError", status: 400, code: "DuplicateName" })
    expect(error.message).toContain("Job Template with this (name, organization) combination already exists.")
    expect(isDuplicateName(error)).toBe(true)
  })

  it("reads field errors, relaunch's string values and detail bodies", () => {
    expect(
      awxErrorDetail({ status: 400, headers: {}, body: '{"playbook": ["Playbook not found for project."]}' })
    ).toEqual({
      code: "InvalidFields",
      message: "playbook: Playbook not found for project."
    })
    expect(
      awxErrorDetail({
        status: 400,
        headers: {},
        body: '{"hosts": "Cannot relaunch because previous job had 0 failed hosts."}'
      })
    ).toMatchObject({ message: "hosts: Cannot relaunch because previous job had 0 failed hosts." })
    expect(classify(404, '{"detail": "Not found."}')).toMatchObject({
      _tag: "PermanentError",
      message: expect.stringMatching(/Not found/)
    })
    expect(awxErrorDetail({ status: 400, headers: {}, body: "{}" })).toEqual({})
    expect(awxErrorDetail({ status: 400, headers: {}, body: "[1]" })).toEqual({})
    expect(awxErrorDetail({ status: 502, headers: {}, body: "<html>Bad Gateway</html>" })).toEqual({})
    expect(awxErrorDetail({ status: 400, headers: {}, body: '{"x": 1}' })).toEqual({})
  })

  it.each([
    [401, '{"detail": "Authentication credentials were not provided."}', "PolicyError"],
    [403, '{"detail": "You do not have permission to perform this action."}', "PolicyError"],
    [403, '{"detail": "Filtering on extra_vars is not allowed."}', "PolicyError"],
    [405, '{"detail": "Method \\"POST\\" not allowed."}', "PermanentError"],
    [500, "", "TransientError"],
    [502, "<html>Bad Gateway</html>", "TransientError"],
    [503, "", "TransientError"],
    [504, "", "TransientError"],
    [429, "", "TransientError"]
  ] as const)("%i is a %s", (status, body, tag) => {
    expect(classify(status, body)._tag).toBe(tag)
  })

  it("a 429 from a proxy in front keeps its Retry-After", () => {
    expect(classify(429, "", { "Retry-After": "3" })).toMatchObject({ _tag: "TransientError" })
    expect(isDuplicateName(classify(400, '{"name": ["x"]}'))).toBe(false)
  })
})

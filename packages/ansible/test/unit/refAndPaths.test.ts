import { describe, expect, it } from "@effect/vitest"
import { parseAssignmentRef } from "@planes/core"
import { Effect, Either } from "effect"
import { apiBaseUrl } from "../../src/awx/AwxClient.js"
import { awxPath } from "../../src/awx/paths.js"
import { parseVars, stringVar, varsText } from "../../src/mapping/extraVars.js"
import { ansibleRef, parseAnsibleRef } from "../../src/ref/ansibleRef.js"

describe("refs", () => {
  it.effect("round-trip", () =>
    Effect.gen(function* () {
      const ref = ansibleRef({ job: 42, template: 7 })
      expect(ref).toBe("ansible:job=42;template=7")
      expect(yield* parseAnsibleRef(ref, "test")).toEqual({ job: 42, template: 7 })
      expect(Either.isRight(parseAssignmentRef(ref))).toBe(true)
      const bad = yield* Effect.flip(parseAnsibleRef("ansible:job=0;template=7", "test"))
      expect(bad.code).toBe("InvalidAssignmentRef")
    })
  )
})

describe("paths", () => {
  it("always end in a slash, with segments encoded", () => {
    expect(awxPath("jobs", 3, "relaunch")).toBe("jobs/3/relaunch/")
    expect(awxPath("job_templates", "a b++Default")).toBe("job_templates/a%20b%2B%2BDefault/")
    expect(apiBaseUrl({ url: "https://awx.example.com/", apiRoot: "/api/controller/v2/" })).toBe(
      "https://awx.example.com/api/controller/v2/"
    )
  })
})

describe("extra variables", () => {
  it("print sorted JSON and read back JSON objects only", () => {
    expect(varsText({ b: 1, a: "x" })).toBe('{"a":"x","b":1}')
    expect(parseVars('{"pkg_name": "curl"}')).toEqual({ pkg_name: "curl" })
    expect(parseVars("pkg_name: curl")).toEqual({})
    expect(parseVars("[1, 2]")).toEqual({})
    expect(parseVars('"text"')).toEqual({})
    expect(stringVar({ a: 1 }, "a")).toBeUndefined()
  })
})

import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import { type AssignmentIntent, intentKey } from "@planes/core"
import { golden } from "@planes/core/testing"
import { Schema } from "effect"
import { legacyParams } from "../../src/api/LandscapeClient.js"
import { loginBody } from "../../src/auth/login.js"
import { RepositoryConfig } from "../../src/config/LandscapeConfig.js"
import { assignmentPlan, describeAssignmentProblem, targetQuery } from "../../src/mapping/assignment.js"
import { debianPackageName } from "../../src/mapping/packageName.js"
import {
  associateProfileParams,
  createPocketParams,
  createProfileParams,
  listingHas
} from "../../src/mapping/repository.js"
import { curlIntent } from "../support/simulator.js"

const goldenFile = (name: string) => fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url))
const expectGolden = (name: string, value: unknown) => {
  const { expected, actual } = golden(goldenFile(name), value)
  expect(actual).toBe(expected)
}

const repo = (input: Record<string, unknown>) =>
  Schema.decodeUnknownSync(RepositoryConfig)({
    distribution: "ubuntu",
    series: "jammy",
    pocket: "updates",
    ...input
  })

const assignment: AssignmentIntent = {
  package: { key: intentKey(curlIntent()), name: "curl", version: "7.81.0-1ubuntu1.17" },
  target: { _tag: "tag", tag: "ring 0" },
  intent: "required",
  schedule: { start: "2026-01-31T18:00:00.000Z", spreadMinutes: 30 }
}

describe("repository mapping", () => {
  it("maps each pocket mode to CreatePocket's parameters (golden)", () => {
    const modes = {
      mirror: createPocketParams(
        repo({
          mode: "mirror",
          mirrorUri: "http://archive.ubuntu.com/ubuntu",
          mirrorSuite: "jammy-updates",
          profile: { tags: ["ring-0"] }
        })
      ),
      pull: createPocketParams(
        repo({
          pocket: "ring0",
          mode: "pull",
          pullPocket: "updates",
          filterType: "allowlist",
          profile: { allComputers: true }
        })
      ),
      upload: createPocketParams(
        repo({
          pocket: "uploads",
          mode: "upload",
          uploadAllowUnsigned: true,
          profile: { allComputers: true }
        })
      )
    }
    expectGolden(
      "createPocket.json",
      Object.fromEntries(Object.entries(modes).map(([k, v]) => [k, legacyParams(v)]))
    )
  })

  it("maps the profile and its association (golden)", () => {
    const tagged = repo({ mode: "upload", profile: { tags: ["ring-0", "ring-1"] } })
    const all = repo({ mode: "upload", profile: { title: "Everyone", allComputers: true } })
    expectGolden("repositoryProfile.json", {
      create: legacyParams(createProfileParams(tagged)),
      associateTags: legacyParams(associateProfileParams("planes-ubuntu-jammy-updates", tagged)),
      associateAll: legacyParams(associateProfileParams("everyone", all)),
      titled: legacyParams(createProfileParams(all))
    })
  })

  it("refuses incomplete repository configurations", () => {
    expect(() => repo({ mode: "mirror", profile: { allComputers: true } })).toThrow(/mirrorUri/)
    expect(() => repo({ mode: "pull", profile: { allComputers: true } })).toThrow(/pullPocket/)
    expect(() => repo({ mode: "upload", profile: {} })).toThrow(/exactly one/)
  })

  it("finds a version in a pocket listing", () => {
    const listing = { "main/amd64": [["curl", "1"] as const], "universe/amd64": [] }
    expect(listingHas(listing, "curl", "1")).toBe(true)
    expect(listingHas(listing, "curl", "2")).toBe(false)
  })
})

describe("assignment mapping", () => {
  it("maps a scheduled install on a tag (golden)", () => {
    const plan = assignmentPlan(assignment, intentKey(assignment))
    expectGolden("assignment.install.json", plan)
  })

  it("maps an uninstall on computer ids (golden)", () => {
    const intent: AssignmentIntent = {
      ...assignment,
      intent: "uninstall",
      target: { _tag: "devices", deviceIds: ["3", "7"] }
    }
    const { schedule: _schedule, ...unscheduled } = intent
    const plan = assignmentPlan(unscheduled, intentKey(unscheduled))
    expectGolden("assignment.uninstall.json", plan)
  })

  it("maps every target kind, refusing those Landscape lacks", () => {
    expect(targetQuery({ _tag: "savedSearch", name: "web" })).toBe("search:web")
    expect(targetQuery({ _tag: "query", query: "distribution:22.04" })).toBe("distribution:22.04")
    expect(targetQuery({ _tag: "group", id: "g" })).toEqual({ _tag: "UnsupportedTarget", target: "group" })
    const bad = targetQuery({ _tag: "devices", deviceIds: ["web-01"] })
    expect(bad).toEqual({ _tag: "BadDevices", ids: ["web-01"] })
    for (const problem of [
      { _tag: "UnsupportedTarget", target: "group" },
      { _tag: "UnsupportedIntent", intent: "available" },
      { _tag: "BadPackageName", name: "Curl" },
      { _tag: "BadDevices", ids: ["x"] }
    ] as const)
      expect(describeAssignmentProblem(problem)).toMatch(/\w/)
    const group = assignmentPlan({ ...assignment, target: { _tag: "group", id: "g" } }, intentKey(assignment))
    expect(group).toEqual({ _tag: "UnsupportedTarget", target: "group" })
    const badName = assignmentPlan(
      { ...assignment, package: { ...assignment.package, name: "Curl" } },
      intentKey(assignment)
    )
    expect(badName).toEqual({ _tag: "BadPackageName", name: "Curl" })
  })

  it("takes the Debian name from hints, else the intent's name", () => {
    expect(debianPackageName({ name: "Curl", hints: { landscape: { package: "curl" } } })).toBe("curl")
    expect(debianPackageName({ name: "curl" })).toBe("curl")
    expect(debianPackageName({ name: "Curl Tool" })).toBeUndefined()
  })
})

describe("login bodies", () => {
  it("logs in with an access key or a password", () => {
    expect(
      loginBody(
        { _tag: "accessKey", accessKey: "env:A", secretKey: "env:B" },
        { first: "a", second: "b" },
        60
      )
    ).toEqual({
      path: "/login/access-key",
      body: { access_key: "a", secret_key: "b", expiry_minutes: 60 }
    })
    expect(
      loginBody(
        { _tag: "password", email: "ops@example.com", password: "env:P", account: "onward" },
        { first: "p" },
        30
      )
    ).toEqual({
      path: "/login",
      body: { email: "ops@example.com", password: "p", account: "onward", expiry_minutes: 30 }
    })
  })
})

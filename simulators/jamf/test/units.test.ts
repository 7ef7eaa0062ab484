import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { decodeJwt, encodeJwt } from "../src/auth/jwt.js"
import { list } from "../src/classic/doc.js"
import { section, XmlBoolean, XmlInt } from "../src/classic/xml-schema.js"
import type { Computer } from "../src/fleet/model.js"
import { criterionProblem, meetsCriteria } from "../src/groups/criteria.js"
import { isMember } from "../src/groups/membership.js"
import type { Criterion, GroupRecord } from "../src/groups/model.js"
import {
  applicationOfPackage,
  parseClassicXml,
  parseFlushInterval,
  parseRsql,
  statusPage,
  toClassicJson,
  toClassicXml
} from "../src/index.js"
import { asRecord, parseJsonObject } from "../src/json-object.js"
import { compareValues, matchesRsql, readPath } from "../src/rsql/evaluate.js"

const computer: Computer = {
  id: 1,
  name: "Ada's MacBook",
  serialNumber: "C02ABC",
  udid: "U-1",
  macAddress: "AA:BB",
  altMacAddress: "",
  model: "MacBook Air (M2, 2022)",
  modelIdentifier: "Mac14,2",
  osVersion: "14.10",
  osBuild: "23X",
  username: "ada",
  checkInOffsetMs: 0,
  lastContactMs: 0,
  reportDateMs: 0,
  enrolledAtMs: 0,
  applications: [
    {
      name: "Safari.app",
      path: "/Applications/Safari.app",
      version: "17.4",
      bundleId: "com.apple.Safari",
      sizeMegabytes: 1,
      macAppStore: false
    }
  ],
  installedPackages: ["x.pkg"],
  cachedPackages: ["y.pkg"],
  policyLogs: []
}

const criterion = (
  name: string,
  searchType: string,
  value: string,
  extra: Partial<Criterion> = {}
): Criterion => ({
  name,
  priority: 0,
  andOr: "and",
  searchType,
  value,
  openingParen: false,
  closingParen: false,
  ...extra
})

describe("smart group criteria", () => {
  it("evaluates every supported operator", () => {
    const yes: [string, string, string][] = [
      ["Computer Name", "is", "ada's macbook"],
      ["Serial Number", "like", "abc"],
      ["UDID", "is not", "U-2"],
      ["Model", "not like", "Pro"],
      ["Model Identifier", "matches regex", "^Mac14"],
      ["MAC Address", "does not match regex", "^ZZ"],
      ["Username", "has", "ad"],
      ["Operating System", "like", "macOS 14"],
      ["Operating System Version", "greater than", "14.9"],
      ["Operating System Version", "more than", "14.2"],
      ["Operating System Version", "less than", "15"],
      ["Operating System Version", "greater than or equal", "14.10"],
      ["Operating System Version", "less than or equal", "14.10.0"],
      ["Operating System Build", "is", "23x"],
      ["Application Title", "does not have", "Chrome"],
      ["Application Version", "is", "17.4"],
      ["Application Bundle ID", "like", "apple"],
      ["Packages Installed By Casper", "is", "x.pkg"],
      ["Packages Installed By Jamf Pro", "member of", "x.pkg"],
      ["Cached Packages", "not member of", "x.pkg"]
    ]
    for (const [name, op, value] of yes)
      expect(meetsCriteria([criterion(name, op, value)], computer, []), `${name} ${op}`).toBe(true)
    expect(meetsCriteria([criterion("Model Identifier", "matches regex", "([")], computer, [])).toBe(false)
  })

  it("combines with and/or precedence and parentheses", () => {
    const t = criterion("Username", "is", "ada")
    const f = criterion("Username", "is", "bob")
    expect(meetsCriteria([], computer, [])).toBe(true)
    expect(meetsCriteria([f, { ...t, andOr: "or", priority: 1 }], computer, [])).toBe(true)
    expect(meetsCriteria([t, { ...f, priority: 1 }, { ...t, andOr: "or", priority: 2 }], computer, [])).toBe(
      true
    )
    expect(
      meetsCriteria(
        [
          t,
          { ...f, priority: 1, openingParen: true },
          { ...t, andOr: "or", priority: 2, closingParen: true },
          { ...f, priority: 3 }
        ],
        computer,
        []
      )
    ).toBe(false)
    expect(meetsCriteria([{ ...t, openingParen: true }], computer, [])).toBe(true)
  })

  it("names problems and follows group membership criteria", () => {
    expect(criterionProblem(criterion("Model", "is", "x"))).toBeUndefined()
    expect(criterionProblem(criterion("Model", "sounds like", "x"))).toContain("search type")
    expect(criterionProblem(criterion("Model", "is", "x", { andOr: "xor" }))).toContain("and_or")
    const base = { origin: { node: 0, atMs: 0 }, description: "", siteId: -1, members: [] as number[] }
    const statics: GroupRecord = {
      ...base,
      id: 1,
      name: "Static",
      isSmart: false,
      criteria: [],
      members: [1]
    }
    const smart: GroupRecord = {
      ...base,
      id: 2,
      name: "Smart",
      isSmart: true,
      criteria: [criterion("Computer Group", "member of", "Static")]
    }
    const loop: GroupRecord = {
      ...base,
      id: 3,
      name: "Loop",
      isSmart: true,
      criteria: [criterion("Computer Group", "member of", "Loop")]
    }
    const groups = [statics, smart, loop]
    expect(isMember(groups, smart, computer)).toBe(true)
    expect(isMember(groups, smart, { ...computer, id: 2 })).toBe(false)
    expect(isMember(groups, loop, computer)).toBe(false)
  })
})

describe("helpers", () => {
  it("derives applications from package names", () => {
    expect(applicationOfPackage("powershell-7.4.1-osx-x64.pkg")).toMatchObject({
      name: "powershell.app",
      version: "7.4.1"
    })
    expect(applicationOfPackage("Tool 3.dmg")).toMatchObject({ name: "Tool.app", version: "3" })
    expect(applicationOfPackage("NoVersion.pkg")).toMatchObject({
      name: "NoVersion.app",
      version: "1.0",
      bundleId: "com.planes.sim.noversion"
    })
    expect(applicationOfPackage("2.0.pkg")).toMatchObject({ name: "2.0.app", bundleId: "com.planes.sim.2-0" })
    expect(applicationOfPackage("---.pkg").bundleId).toBe("com.planes.sim.app")
  })

  it("parses flush intervals", () => {
    expect(parseFlushInterval("Zero Days")).toBe(0)
    expect(parseFlushInterval("THREE MONTHS")).toBe(90 * 86_400_000)
    expect(parseFlushInterval("Six+Months")).toBe(180 * 86_400_000)
    expect(parseFlushInterval("2 weeks")).toBe(14 * 86_400_000)
    expect(parseFlushInterval("One Year")).toBe(365 * 86_400_000)
    expect(parseFlushInterval("soon")).toBeUndefined()
  })

  it("parses and evaluates RSQL", () => {
    expect(parseRsql(' a == "x\\"y" ')).toEqual({
      kind: "comparison",
      selector: "a",
      operator: "==",
      values: ['x"y']
    })
    const read = (s: string) => readPath({ a: { b: null, c: 5 } }, s)
    expect(matchesRsql(parseRsql("a.b==x"), read)).toBe(false)
    expect(matchesRsql(parseRsql("a.b!=x"), read)).toBe(true)
    for (const op of ["<", "<=", ">", ">="]) expect(matchesRsql(parseRsql(`a.b${op}1`), read)).toBe(false)
    expect(matchesRsql(parseRsql("a.c=ge=5;a.c=le=5;a.c=gt=4;a.c=lt=6"), read)).toBe(true)
    expect(readPath({ a: 1 }, "a.b")).toBeUndefined()
    expect(compareValues(undefined, 1)).toBe(-1)
    expect(compareValues(1, null)).toBe(1)
    expect(compareValues("b", "A")).toBe(1)
    expect(compareValues(2, "10")).toBe(-1)
    expect(compareValues("x", "X")).toBe(0)
  })

  it("renders status pages, Classic documents and XML schemas", () => {
    expect(statusPage(418)).toContain("I&apos;m a Teapot".replace("&apos;", "'"))
    expect(statusPage(503)).toContain("sec10.5.4")
    expect(statusPage(400, "a <b>")).toContain("Error: a &lt;b&gt;")
    expect(toClassicXml("r", { l: list("i", []), n: null })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><r><l><size>0</size></l><n/></r>'
    )
    expect(toClassicJson({ l: list("i", [1]) })).toEqual({ l: [1] })
    expect(Schema.encodeSync(XmlBoolean)(true)).toBe("true")
    expect(Schema.encodeSync(XmlInt)(-1)).toBe("-1")
    const S = section({ a: Schema.optionalWith(Schema.String, { exact: true }) })
    expect(Schema.decodeUnknownSync(S)("")).toEqual({})
    expect(Schema.encodeSync(S)({})).toBe("")
    expect(parseClassicXml("<a><b>1</b><b>2</b></a>")).toEqual({
      ok: true,
      root: "a",
      value: { b: ["1", "2"] }
    })
    expect(
      parseClassicXml(
        "<a><computers><computer><id>1</id></computer><computer><id>2</id></computer></computers></a>"
      )
    ).toEqual({
      ok: true,
      root: "a",
      value: { computers: [{ id: "1" }, { id: "2" }] }
    })
  })

  it("signs and checks JWTs, and reads JSON objects", () => {
    const key = Buffer.from("k")
    const token = encodeJwt({ a: 1 }, key, "HS512")
    expect(decodeJwt(token, key)).toEqual({ a: 1 })
    expect(decodeJwt(token, Buffer.from("other"))).toBeUndefined()
    expect(decodeJwt("a.b", key)).toBeUndefined()
    expect(decodeJwt(`${Buffer.from('{"alg":"none"}').toString("base64url")}.e30.x`, key)).toBeUndefined()
    expect(parseJsonObject("[1]")).toBeUndefined()
    expect(parseJsonObject("{")).toBeUndefined()
    expect(asRecord(null)).toBeUndefined()
  })
})

import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { rsqlEquals, rsqlString } from "../../src/api/rsql.js"
import { stickyCookieOf } from "../../src/api/stickySession.js"
import { tokenLifetimeMillis } from "../../src/auth/userToken.js"
import { buildXml, parseXml } from "../../src/classic/xml.js"
import { statusOfPolicyLog } from "../../src/mapping/deviceStatus.js"
import { jamfRef, parseJamfRef } from "../../src/ref/jamfRef.js"
import { deviceStateOf } from "../../src/state/deviceStates.js"

describe("status mapping", () => {
  it.each([
    [undefined, "pending"],
    ["Completed", "installed"],
    ["Failed", "failed"],
    ["Pending", "in_progress"],
    ["Running", "in_progress"],
    ["In Progress", "in_progress"],
    ["Cancelled", "unknown"]
  ] as const)("a newest log of %s is %s", (raw, status) => {
    expect(statusOfPolicyLog(raw)).toBe(status)
  })

  it("reads a computer's newest log of the policy, receipts and application version", () => {
    const state = deviceStateOf(
      7,
      {
        id: "3",
        general: { name: "Ada's Mac" },
        applications: [{ name: "Firefox.app", version: "125.0" }],
        packageReceipts: { installedByJamfPro: ["Firefox-125.0.pkg"] }
      },
      {
        policy_logs: {
          policy_log: [
            { policy_id: 7, status: "Failed", date_time_epoch: 1000, date_time_utc: "a" },
            {
              policy_id: 7,
              status: "Completed",
              date_time_epoch: 2000,
              date_time_utc: "2026-01-01T00:00:02.000+0000"
            },
            { policy_id: 8, status: "Failed", date_time_epoch: 3000 }
          ]
        }
      },
      { id: "1", fileName: "Firefox-125.0.pkg", version: "125.0", application: "Firefox.app" }
    )
    expect(state).toEqual({
      plane: "jamf",
      deviceId: "3",
      deviceName: "Ada's Mac",
      status: "installed",
      version: "125.0",
      present: true,
      raw: { status: "Completed", detail: "policy 7 ran 2026-01-01T00:00:02.000+0000" },
      observedAt: "1970-01-01T00:00:02.000Z"
    })
    const bare = deviceStateOf(
      7,
      { id: "4" },
      {},
      { id: "1", fileName: "f.pkg", version: "1", application: undefined }
    )
    expect(bare).toEqual({
      plane: "jamf",
      deviceId: "4",
      status: "pending",
      present: false,
      raw: { status: "No policy log" }
    })
    const receiptOnly = deviceStateOf(
      7,
      { id: "5", packageReceipts: { installedByJamfPro: ["f.pkg"] } },
      { policy_logs: "" as never },
      { id: "1", fileName: "f.pkg", version: "1.2", application: undefined }
    )
    expect(receiptOnly).toMatchObject({ present: true, version: "1.2" })
  })
})

describe("refs", () => {
  it.effect("print canonically and parse back", () =>
    Effect.gen(function* () {
      const text = jamfRef({ policy: "9", group: "17", package: "232" })
      expect(text).toBe("jamf:group=17;package=232;policy=9")
      expect(yield* parseJamfRef(text, "test")).toEqual({ policy: "9", group: "17", package: "232" })
    })
  )
})

describe("sticky cookies", () => {
  it("picks the configured cookie out of Set-Cookie", () => {
    const names = ["jpro-ingress", "APBALANCEID"]
    expect(stickyCookieOf("jpro-ingress=abc123; Path=/; HttpOnly", names)).toEqual(
      Option.some("jpro-ingress=abc123")
    )
    expect(stickyCookieOf("other=1; Path=/, APBALANCEID=aws.7; Path=/", names)).toEqual(
      Option.some("APBALANCEID=aws.7")
    )
    expect(stickyCookieOf("other=1; Path=/", names)).toEqual(Option.none())
    expect(stickyCookieOf("jpro-ingress=; Path=/", names)).toEqual(Option.none())
    expect(stickyCookieOf("garbage", names)).toEqual(Option.none())
    expect(stickyCookieOf(undefined, names)).toEqual(Option.none())
  })
})

describe("RSQL", () => {
  it("quotes values and escapes quotes and backslashes", () => {
    expect(rsqlString('a "b" \\c; d,e')).toBe('"a \\"b\\" \\\\c; d,e"')
    expect(rsqlEquals("packageName", "Firefox 125.0")).toBe('packageName=="Firefox 125.0"')
  })
})

describe("Classic XML", () => {
  it("parses documents with a real parser, and says why it cannot", () => {
    expect(parseXml('<?xml version="1.0"?><policy><id>3</id></policy>')).toEqual({
      ok: true,
      root: "policy",
      value: { id: "3" }
    })
    expect(parseXml("")).toMatchObject({ ok: false, reason: "an empty body" })
    expect(parseXml("<policy><id>3</policy>")).toMatchObject({ ok: false })
    expect(parseXml("just text")).toMatchObject({ ok: false })
    expect(buildXml("x", { a: "<&>", b: [{ c: 1 }, { c: 2 }] })).toContain("<a>&lt;&amp;&gt;</a>")
  })
})

describe("user token lifetime", () => {
  const jwt = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.s`
  it("takes the lifetime from the JWT, else from expires, else Jamf's default", () => {
    expect(
      tokenLifetimeMillis({ token: jwt({ iat: 100, exp: 1900 }), expires: "1970-01-01T00:00:00Z" }, 0)
    ).toBe(1_800_000)
    expect(
      tokenLifetimeMillis({ token: "opaque", expires: "2026-01-01T00:10:00.000Z" }, Date.UTC(2026, 0, 1))
    ).toBe(600_000)
    expect(
      tokenLifetimeMillis({ token: "opaque", expires: "2020-01-01T00:00:00Z" }, Date.UTC(2026, 0, 1))
    ).toBe(1_800_000)
    expect(tokenLifetimeMillis({ token: jwt({ iat: 5 }), expires: "soon" }, 0)).toBe(1_800_000)
  })
})

import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import fc from "fast-check"
import { EnvRef, FileRef, formatSecretRef, parseSecretRef, VaultRef } from "../../src/secrets/SecretRef.js"
import { fuzzRuns } from "../../src/testing/index.js"

const reasonOf = (reference: string) => {
  const parsed = parseSecretRef(reference)
  if (Either.isRight(parsed)) throw new Error(`expected ${reference} to be rejected`)
  return parsed.left.reason
}

describe("parseSecretRef", () => {
  it("reads the three schemes", () => {
    expect(parseSecretRef("env:INTUNE_SECRET")).toEqual(Either.right(new EnvRef({ name: "INTUNE_SECRET" })))
    expect(parseSecretRef("file:/run/secrets/jamf")).toEqual(
      Either.right(new FileRef({ path: "/run/secrets/jamf" }))
    )
    expect(parseSecretRef("file:./relative/x.txt")).toEqual(
      Either.right(new FileRef({ path: "./relative/x.txt" }))
    )
    expect(parseSecretRef("vault:secret/planes/intune#client_secret")).toEqual(
      Either.right(new VaultRef({ mount: "secret", path: "planes/intune", field: "client_secret" }))
    )
  })

  it("names what is wrong with malformed references", () => {
    expect(reasonOf("")).toMatch(/starts with a scheme/)
    expect(reasonOf("INTUNE_SECRET")).toMatch(/starts with a scheme/)
    expect(reasonOf(":x")).toMatch(/starts with a scheme/)
    expect(reasonOf("aws:foo")).toMatch(/unknown scheme 'aws'/)
    expect(reasonOf("env:")).toMatch(/variable name/)
    expect(reasonOf("env:1ABC")).toMatch(/variable name/)
    expect(reasonOf("env:A-B")).toMatch(/variable name/)
    expect(reasonOf("file:")).toMatch(/needs a path/)
    expect(reasonOf("file:  ")).toMatch(/needs a path/)
    expect(reasonOf("file:a\u0000b")).toMatch(/control characters/)
    expect(reasonOf("vault:secret/planes")).toMatch(/needs a field/)
    expect(reasonOf("vault:secret/planes#")).toMatch(/field after '#'/)
    expect(reasonOf("vault:secret/planes#a#b")).toMatch(/field after '#'/)
    expect(reasonOf("vault:secret/planes#a\nb")).toMatch(/field after '#'/)
    expect(reasonOf("vault:secret#f")).toMatch(/mount and a path/)
    expect(reasonOf("vault:/planes#f")).toMatch(/mount and a path/)
    expect(reasonOf("vault:secret//planes#f")).toMatch(/path segment/)
    expect(reasonOf("vault:secret/../planes#f")).toMatch(/path segment/)
    expect(reasonOf("vault:secret/./planes#f")).toMatch(/path segment/)
    expect(reasonOf("vault:secret/pla nes#f")).toMatch(/path segment/)
  })

  it("echoes only a cut-down, printable form of the reference", () => {
    const long = `nope:${"x".repeat(500)}`
    const parsed = parseSecretRef(long)
    expect(Either.isLeft(parsed) && parsed.left.reference.length).toBeLessThanOrEqual(81)
    const withControl = parseSecretRef("nope\u0007:x")
    expect(Either.isLeft(withControl) && withControl.left.reference).toBe("nope?:x")
  })

  it("never throws on garbage, and accepted references round-trip", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        const parsed = parseSecretRef(text)
        if (Either.isRight(parsed)) expect(parseSecretRef(formatSecretRef(parsed.right))).toEqual(parsed)
      }),
      { numRuns: fuzzRuns() }
    )
    fc.assert(
      fc.property(
        fc.constantFrom("env:", "file:", "vault:", "vault:secret/", "vault:secret/a#"),
        fc.string({ maxLength: 40 }),
        (prefix, rest) => {
          const parsed = parseSecretRef(prefix + rest)
          if (Either.isRight(parsed)) expect(formatSecretRef(parsed.right)).toBe(prefix + rest)
        }
      ),
      { numRuns: fuzzRuns() }
    )
  })
})

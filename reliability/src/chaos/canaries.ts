// Every credential of a chaos run is a canary: fresh for the run and recognisable, so finding one (or an
// encoding of it) in anything the system prints, answers or stores is proof of a leak.
import { execFileSync } from "node:child_process"
import { randomBytes, randomUUID } from "node:crypto"

/** One credential and where it is used, e.g. `jamf client secret`. */
export interface Canary {
  readonly name: string
  readonly value: string
}

/** Every credential of one run. */
export interface Credentials {
  readonly vaultRootToken: string
  readonly vaultRoleId: string
  readonly vaultSecretId: string
  readonly adminKey: string
  readonly intune: {
    readonly tenantId: string
    readonly clientId: string
    readonly clientSecret: string
    readonly certClientId: string
    readonly certificatePem: string
    readonly privateKeyPem: string
  }
  readonly jamf: {
    readonly clientId: string
    readonly clientSecret: string
    readonly username: string
    readonly password: string
  }
  readonly sccm: { readonly domain: string; readonly user: string; readonly password: string }
  readonly landscape: { readonly accessKey: string; readonly secretKey: string; readonly password: string }
  readonly ansible: { readonly adminPassword: string; readonly token: string }
}

/** A canary string: a marker anyone reading a log would recognise, plus randomness. */
const canary = (label: string) => `CANARY${label}${randomBytes(12).toString("hex")}`

/** A throwaway self-signed certificate and its PKCS#8 private key, minted with the system's openssl. */
const mintCertificate = (): { certificatePem: string; privateKeyPem: string } => {
  const pem = execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "-",
      "-out",
      "-",
      "-subj",
      "/CN=planes-chaos-canary",
      "-days",
      "2"
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }
  )
  const block = (label: string) => {
    const match = new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----\\n?`).exec(pem)
    if (match === null) throw new Error(`openssl did not print a ${label}`)
    return match[0]
  }
  return { certificatePem: block("CERTIFICATE"), privateKeyPem: block("PRIVATE KEY") }
}

/** Fresh canary credentials, one principal per connector. */
export const mintCredentials = (): Credentials => ({
  vaultRootToken: `hvs.${canary("VaultRoot")}`,
  vaultRoleId: canary("VaultRole"),
  vaultSecretId: canary("VaultSecretId"),
  adminKey: `pk_${canary("AdminKey")}`,
  intune: {
    tenantId: randomUUID(),
    clientId: randomUUID(),
    clientSecret: canary("GraphSecret"),
    certClientId: randomUUID(),
    ...mintCertificate()
  },
  jamf: {
    clientId: "planes-chaos",
    clientSecret: canary("JamfSecret"),
    username: "planes-chaos-user",
    password: canary("JamfPassword")
  },
  sccm: { domain: "CONTOSO", user: "planes-chaos", password: canary("SccmPassword") },
  landscape: {
    accessKey: `AK${randomBytes(9).toString("hex").toUpperCase()}`,
    secretKey: canary("LandscapeSecret"),
    password: canary("LandscapePassword")
  },
  ansible: { adminPassword: canary("AwxPassword"), token: canary("AwxToken") }
})

/** The body lines of a PEM block: leaking any one of them leaks part of the key. */
const pemLines = (pem: string) =>
  pem
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length >= 40 && !line.startsWith("-----"))

/** The secrets to look for (the public certificate, access key and ids are not secrets). */
export const canariesOf = (creds: Credentials, extra: ReadonlyArray<Canary> = []): ReadonlyArray<Canary> => [
  { name: "Vault root token", value: creds.vaultRootToken },
  { name: "Vault AppRole role id", value: creds.vaultRoleId },
  { name: "Vault AppRole secret id", value: creds.vaultSecretId },
  { name: "control-plane admin key", value: creds.adminKey },
  { name: "Graph client secret", value: creds.intune.clientSecret },
  ...pemLines(creds.intune.privateKeyPem).map((value, i) => ({
    name: `Graph certificate private key (line ${i + 1})`,
    value
  })),
  { name: "Jamf client secret", value: creds.jamf.clientSecret },
  { name: "Jamf password", value: creds.jamf.password },
  { name: "SCCM password", value: creds.sccm.password },
  { name: "Landscape secret key", value: creds.landscape.secretKey },
  { name: "Landscape password", value: creds.landscape.password },
  { name: "AWX admin password", value: creds.ansible.adminPassword },
  { name: "AWX token", value: creds.ansible.token },
  ...extra
]

/** Basic-auth pairs whose base64 form would also be a leak. */
export const basicPairsOf = (creds: Credentials): ReadonlyArray<Canary> => [
  { name: "Jamf basic auth", value: `${creds.jamf.username}:${creds.jamf.password}` },
  { name: "AWX basic auth", value: `admin:${creds.ansible.adminPassword}` }
]

/** A canary's forms worth looking for: as is, base64, base64url and URL-encoded. */
export const formsOf = (value: string): ReadonlyArray<string> => {
  const bytes = Buffer.from(value, "utf8")
  const forms = new Set([
    value,
    bytes.toString("base64").replace(/=+$/, ""),
    bytes.toString("base64url"),
    encodeURIComponent(value)
  ])
  return [...forms].filter((form) => form.length >= 12)
}

import { createHash, randomBytes, randomUUID, X509Certificate } from "node:crypto"
import { importPKCS8, SignJWT } from "jose"
import type { GraphSimulator } from "../../src/index.js"
import { mintCertificate } from "../support/certificate.js"
import { encryptPayload } from "../support/payload.js"
import { appBody } from "../support/sim.js"

// Provider states of the Intune consumer's pacts, as data preconditions the simulator is put into through
// its own APIs: the admin API under /_sim (seed apps, groups, clients, tokens, faults, the clock) and Graph
// itself with an admin-minted token (content versions, files, uploads, commits, assignments). Each handler
// returns the ids the pact's requests name, which Pact injects in place of the consumer's examples.

/** A JSON value Pact can inject (what a state handler may return). */
type Injected = Record<string, string | number | boolean>

/** Parameters a pact gives a provider state. */
type Params = Readonly<Record<string, unknown>>

/** How far the frozen clock moves to let an asynchronous Graph state (upload URL, commit) settle. */
const SETTLE_MS = 60_000

const text = (params: Params, name: string): string => {
  const value = params[name]
  if (typeof value !== "string" || value === "")
    throw new Error(`provider state parameter ${name} is missing`)
  return value
}

const count = (params: Params, name: string): number => {
  const value = params[name]
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
    throw new Error(`provider state parameter ${name} must be a positive whole number`)
  return value
}

const record = (value: unknown): Record<string, unknown> => {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error("expected a JSON object from the simulator")
  return Object.fromEntries(Object.entries(value))
}

const field = (value: Record<string, unknown>, name: string): string => {
  const v = value[name]
  if (typeof v !== "string") throw new Error(`the simulator's answer has no ${name}`)
  return v
}

/** The certificate registered for client-assertion states: minted once per run (RSA takes a moment). */
let certificate: ReturnType<typeof mintCertificate> | undefined

/** Drives one simulator for provider states; `token` is what the verifier's request filter sends. */
export const makeProviderStates = (sim: GraphSimulator) => {
  const tenant = sim.defaultTenant
  let token = ""

  const request = async (
    method: string,
    path: string,
    init: { readonly body?: unknown; readonly raw?: BodyInit; readonly headers?: Record<string, string> } = {}
  ) => {
    const headers: Record<string, string> = { ...init.headers }
    if (init.body !== undefined) headers["content-type"] = "application/json"
    const response = await sim.app.request(`http://127.0.0.1${path}`, {
      method,
      headers,
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
      ...(init.raw !== undefined && { body: init.raw })
    })
    const body = await response.text()
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${body}`)
    return body === "" ? {} : record(JSON.parse(body))
  }
  const admin = (method: string, path: string, body?: unknown) =>
    request(method, `/_sim${path}`, body === undefined ? {} : { body })
  const graph = (method: string, path: string, body?: unknown) =>
    request(method, path, {
      headers: { authorization: `Bearer ${token}` },
      ...(body !== undefined && { body })
    })
  const settle = () => admin("POST", "/clock/advance", { ms: SETTLE_MS })
  const mint = async (roles?: ReadonlyArray<string>) =>
    field(await admin("POST", "/graph/tokens", roles === undefined ? {} : { roles }), "access_token")

  const apps = "/v1.0/deviceAppManagement/mobileApps"

  /** An app as planes publishes it: named `<name> <version>`, the key in its notes. */
  const seedApp = async (params: Params, published: boolean) => {
    const name = text(params, "name")
    const version = text(params, "version")
    const key = text(params, "key")
    const app = await admin("POST", "/graph/apps", {
      app: appBody({
        displayName: `${name} ${version}`,
        notes: `Managed by planes; do not edit this line. key=${key}; package=${encodeURIComponent(name)}; version=${encodeURIComponent(version)}`
      }),
      published,
      listed: true
    })
    return field(app, "id")
  }
  // States that name only the key describe an app of some package; the consumer reads only the key.
  const seedByKey = (params: Params, published: boolean) =>
    seedApp({ name: "7-Zip", version: "24.08", ...params }, published)

  const contentVersion = async (appId: string) =>
    field(await graph("POST", `${apps}/${appId}/microsoft.graph.win32LobApp/contentVersions`, {}), "id")

  /** A content file of a fresh content version, its upload URL granted; returns ids and the payload. */
  const contentFile = async (appId: string) => {
    const contentVersionId = await contentVersion(appId)
    const payload = encryptPayload()
    const files = `${apps}/${appId}/microsoft.graph.win32LobApp/contentVersions/${contentVersionId}/files`
    const created = await graph("POST", files, {
      name: "IntunePackage.intunewin",
      size: payload.plainSize,
      sizeEncrypted: payload.bytes.length,
      manifest: null,
      isDependency: false
    })
    const fileId = field(created, "id")
    await settle()
    const path = `${files}/${fileId}`
    const uploadUrl = new URL(field(await graph("GET", path), "azureStorageUri"))
    return { appId, contentVersionId, fileId, path, payload, uploadUrl }
  }

  /** Put Block (one block) and optionally Put Block List, through the upload URL. */
  const upload = async (uploadUrl: URL, bytes: Buffer, blockId: string, commitList: boolean) => {
    const at = (params: Record<string, string>) => {
      const url = new URL(uploadUrl)
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
      return `${url.pathname}${url.search}`
    }
    await request("PUT", at({ comp: "block", blockid: blockId }), {
      raw: new Uint8Array(bytes),
      headers: { "x-ms-blob-type": "BlockBlob" }
    })
    if (commitList) {
      await request("PUT", at({ comp: "blocklist" }), {
        raw: `<?xml version="1.0" encoding="utf-8"?><BlockList><Latest>${blockId}</Latest></BlockList>`
      })
    }
  }
  const firstBlock = Buffer.from("0000", "ascii").toString("base64")

  /** The upload URL's path and SAS parameters, as the storage pact's requests name them. */
  const sasValues = (url: URL): Injected => ({
    blobPath: url.pathname,
    ...Object.fromEntries(
      ["sv", "sr", "sp", "se", "sig"].map((name) => [name, url.searchParams.get(name) ?? ""])
    )
  })

  const fileInState = async (params: Params) => {
    const uploadState = text(params, "uploadState")
    const appId = await seedByKey(params, false)
    const file = await contentFile(appId)
    const ids = { appId, contentVersionId: file.contentVersionId, fileId: file.fileId }
    switch (uploadState) {
      case "azureStorageUriRequestSuccess":
        return ids
      case "azureStorageUriRenewalSuccess":
        await graph("POST", `${file.path}/renewUpload`, {})
        await settle()
        return ids
      case "commitFileSuccess":
        await upload(file.uploadUrl, file.payload.bytes, firstBlock, true)
        await graph("POST", `${file.path}/commit`, { fileEncryptionInfo: file.payload.info })
        await settle()
        return ids
      default:
        throw new Error(`no provider state for a content file in ${uploadState}`)
    }
  }

  const assign = (appId: string, groupId: string, intent: string) =>
    graph("POST", `/beta/deviceAppManagement/mobileApps/${appId}/assignments`, {
      "@odata.type": "#microsoft.graph.mobileAppAssignment",
      intent,
      target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId }
    })

  const clientAssertion = async (clientId: string, privateKeyPem: string, thumbprint: string) => {
    const now = Math.floor(Number((await admin("GET", "/clock")).epochMs) / 1000)
    return new SignJWT({})
      .setProtectedHeader({ alg: "PS256", typ: "JWT", "x5t#S256": thumbprint })
      .setAudience(`https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`)
      .setIssuer(clientId)
      .setSubject(clientId)
      .setJti(randomUUID())
      .setNotBefore(now)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(await importPKCS8(privateKeyPem, "PS256"))
  }

  const handlers: Record<string, (params?: unknown) => Promise<Injected | undefined>> = {
    "a published win32LobApp for {name} {version} with key {key} exists": async (params) => ({
      appId: await seedApp(record(params), true)
    }),
    "an unpublished win32LobApp for {name} {version} with key {key} exists": async (params) => ({
      appId: await seedApp(record(params), false)
    }),
    "the unpublished win32LobApp with key {key} has an empty content version": async (params) => {
      const appId = await seedByKey(record(params), false)
      return { appId, contentVersionId: await contentVersion(appId) }
    },
    "the unpublished win32LobApp with key {key} has a content file in state {uploadState}": (params) =>
      fileInState(record(params)),
    "the content file of the unpublished win32LobApp with key {key} is uploaded and awaits its commit":
      async (params) => {
        const file = await contentFile(await seedByKey(record(params), false))
        await upload(file.uploadUrl, file.payload.bytes, firstBlock, true)
        return { appId: file.appId, contentVersionId: file.contentVersionId, fileId: file.fileId }
      },
    "the published win32LobApp with key {key} is assigned to group {groupId} as {intent}": async (params) => {
      const p = record(params)
      const appId = await seedByKey(p, true)
      const assignment = await assign(appId, text(p, "groupId"), text(p, "intent"))
      return { appId, assignmentId: field(assignment, "id") }
    },
    "the published win32LobApp with key {key} is assigned as {intent} to {devices} devices": async (
      params
    ) => {
      const p = record(params)
      const appId = await seedByKey(p, true)
      const { devices } = await admin("GET", `/graph/devices?top=${count(p, "devices")}`)
      const members = (Array.isArray(devices) ? devices : []).map((d) => field(record(d), "id"))
      const group = await admin("POST", "/graph/groups", { displayName: "Pact devices", members })
      await assign(appId, field(group, "id"), text(p, "intent"))
      return { appId }
    },
    "no app named {displayName} exists": async () => ({}),
    "no app with id {appId} exists": async () => ({}),
    "the tenant refuses isof() in $filter": async () => {
      await admin("PUT", "/graph/settings", { isofSupported: false })
      return {}
    },
    "a managed device exists": async () => {
      const { devices } = await admin("GET", "/graph/devices?top=1")
      const [device] = Array.isArray(devices) ? devices : []
      return { deviceId: field(record(device), "id") }
    },
    "the next request is throttled with Retry-After {retryAfter}": async (params) => {
      const retryAfter = count(record(params), "retryAfter")
      await admin("POST", "/faults", {
        match: { path: "/v1.0/**" },
        trigger: { kind: "once" },
        effect: {
          kind: "http",
          status: 429,
          code: "TooManyRequests",
          headers: { "retry-after": `${retryAfter}` }
        }
      })
      return {}
    },
    "the caller's access token has expired": async () => {
      await admin("POST", "/graph/tokens/expire", {})
      return {}
    },
    "the caller lacks permission to change apps": async () => {
      token = await mint(["DeviceManagementApps.Read.All"])
      return {}
    },
    "client {clientId} is registered in tenant {tenantId} with a secret": async (params) => {
      const p = record(params)
      const clientSecret = `pact-${randomBytes(12).toString("hex")}`
      await admin("POST", "/graph/clients", {
        tenant: text(p, "tenantId"),
        clientId: text(p, "clientId"),
        secret: clientSecret
      })
      return { tenantId: text(p, "tenantId"), clientId: text(p, "clientId"), clientSecret }
    },
    "client {clientId} is registered in tenant {tenantId} with a certificate": async (params) => {
      const p = record(params)
      certificate ??= mintCertificate("planes-pact-provider")
      const clientId = text(p, "clientId")
      await admin("POST", "/graph/clients", {
        tenant: text(p, "tenantId"),
        clientId,
        certificatePem: certificate.certificatePem
      })
      const thumbprint = createHash("sha256")
        .update(new X509Certificate(certificate.certificatePem).raw)
        .digest("base64url")
      return {
        tenantId: text(p, "tenantId"),
        clientId,
        clientAssertion: await clientAssertion(clientId, certificate.privateKeyPem, thumbprint)
      }
    },
    "a content file awaiting upload exists": async () => {
      const file = await contentFile(await seedByKey({ key: "pl1-aaaaaaaaaaaaaaaaaaaa" }, false))
      return sasValues(file.uploadUrl)
    },
    "block {blockId} was put to the upload URL of a content file": async (params) => {
      const file = await contentFile(await seedByKey({ key: "pl1-aaaaaaaaaaaaaaaaaaaa" }, false))
      await upload(file.uploadUrl, file.payload.bytes, text(record(params), "blockId"), false)
      return sasValues(file.uploadUrl)
    }
  }

  return {
    handlers,
    /** The bearer token the verifier's requests carry. */
    token: () => token,
    /** Before each interaction: a fresh simulator state and a token with every role. */
    reset: async () => {
      await admin("POST", "/reset")
      token = await mint()
    }
  }
}

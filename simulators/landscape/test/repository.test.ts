import { describe, expect, it } from "vitest"
import { advance, json, legacy, makeSim, type Sim } from "./fixtures.js"

type Err = { error: string; message: string }
type Activity = {
  id: number
  type: string
  activity_status: string
  progress?: number
  summary: string
  result_text: string | null
  computer_id: number | null
}
type Pocket = {
  name: string
  mode: string
  components: string[]
  gpg_key: { name: string } | null
  apt_source_line: string
  mirror_suite?: string
}

const code = (r: { body: unknown }) => json<Err>(r.body).error

const ok = async (sim: Sim, action: string, params: Record<string, string>) => {
  const r = await legacy(sim, action, params)
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  return r.body
}

const activity = async (sim: Sim, id: number) =>
  json<Activity[]>((await legacy(sim, "GetActivities", { query: `id:${id}` })).body)[0]

/** Distribution ubuntu, series jammy with mirror pockets release and updates (signed by repo-key). */
const setUp = async () => {
  const sim = makeSim({ fleetSize: 0 })
  await sim.app.request("/_sim/landscape/gpg-keys", {
    method: "POST",
    body: JSON.stringify({ keys: [{ name: "repo-key" }, { name: "public-only", hasSecret: false }] })
  })
  await sim.app.request("/_sim/landscape/computers", {
    method: "POST",
    body: JSON.stringify({
      computers: [
        { id: 1, tags: ["web"], packages: { curl: "7.81.0-1ubuntu1.14" } },
        { id: 2, tags: ["db"], packages: { curl: "7.81.0-1ubuntu1.14" } }
      ]
    })
  })
  await ok(sim, "CreateDistribution", { name: "ubuntu" })
  await ok(sim, "CreateSeries", {
    name: "jammy",
    distribution: "ubuntu",
    "pockets.1": "release",
    "pockets.2": "updates",
    "components.1": "main",
    "architectures.1": "amd64",
    "architectures.2": "arm64",
    gpg_key: "repo-key",
    mirror_uri: "http://archive.ubuntu.com/ubuntu"
  })
  return sim
}

const pocketParams = { series: "jammy", distribution: "ubuntu" }

describe("distributions, series and pockets", () => {
  it("create with Landscape's shapes and refuse duplicates", async () => {
    const sim = await setUp()
    const dists = json<{ name: string; series: { name: string; pockets: Pocket[] }[] }[]>(
      await ok(sim, "GetDistributions", {})
    )
    expect(dists).toHaveLength(1)
    const pockets = dists[0]?.series[0]?.pockets ?? []
    expect(pockets.map((p) => [p.name, p.mode, p.mirror_suite, p.gpg_key?.name])).toEqual([
      ["release", "mirror", "jammy", "repo-key"],
      ["updates", "mirror", "jammy-updates", "repo-key"]
    ])
    expect(pockets[1]?.apt_source_line).toBe(
      "deb http://landscape/repository/standalone/ubuntu jammy-updates main"
    )
    expect(code(await legacy(sim, "CreateDistribution", { name: "ubuntu" }))).toBe("DuplicateDistribution")
    expect(code(await legacy(sim, "CreateDistribution", { name: "Ubuntu!" }))).toBe("InvalidParameter")
    expect(code(await legacy(sim, "CreateSeries", { name: "jammy", distribution: "ubuntu" }))).toBe(
      "DuplicateSeries"
    )
    expect(code(await legacy(sim, "CreateSeries", { name: "noble", distribution: "debian" }))).toBe(
      "UnknownDistribution"
    )
    expect(code(await legacy(sim, "GetDistributions", { "names.1": "debian" }))).toBe("UnknownDistribution")
    const plain = json<{ pockets: Pocket[] }>(
      await ok(sim, "CreateSeries", {
        name: "noble",
        distribution: "ubuntu",
        "pockets.1": "local",
        "components.1": "main",
        "architectures.1": "amd64"
      })
    )
    expect(plain.pockets[0]?.mode).toBe("upload")
  })

  it("create pockets in mirror, pull and upload mode, checking each mode's parameters", async () => {
    const sim = await setUp()
    const base = { ...pocketParams, "components.1": "main", "architectures.1": "amd64" }
    const pull = json<Pocket>(
      await ok(sim, "CreatePocket", {
        ...base,
        name: "ring-0",
        mode: "pull",
        pull_pocket: "updates",
        filter_type: "allowlist",
        gpg_key: "repo-key"
      })
    )
    expect(pull).toMatchObject({
      name: "ring-0",
      mode: "pull",
      pull_pocket: "updates",
      filter_type: "allowlist"
    })
    const upload = json<Pocket>(
      await ok(sim, "CreatePocket", {
        ...base,
        name: "uploads",
        mode: "upload",
        upload_allow_unsigned: "true"
      })
    )
    expect(upload).toMatchObject({ mode: "upload", upload_allow_unsigned: true, gpg_key: null })
    const cases: [Record<string, string>, string][] = [
      [{ ...base, name: "ring-0", mode: "pull", pull_pocket: "updates" }, "DuplicatePocket"],
      [{ ...base, name: "x", mode: "carrier-pigeon" }, "InvalidPocketMode"],
      [{ ...base, name: "x", mode: "mirror" }, "MissingParameter"],
      [{ ...base, name: "x", mode: "pull" }, "MissingParameter"],
      [{ ...base, name: "x", mode: "pull", pull_pocket: "nowhere" }, "UnknownPocket"],
      [
        { ...base, name: "x", mode: "pull", pull_pocket: "updates", filter_type: "greylist" },
        "InvalidParameter"
      ],
      [{ ...base, name: "x", mode: "upload", gpg_key: "public-only" }, "GPGKeyHasNoSecret"],
      [{ ...base, name: "x", mode: "upload", gpg_key: "who" }, "UnknownGPGKey"],
      [{ ...base, name: "x", mode: "upload", series: "zesty" }, "UnknownSeries"],
      [
        { ...pocketParams, name: "x", mode: "upload", "components.1": "main", architectures: "amd64" },
        "InvalidParameter"
      ],
      [{ ...pocketParams, name: "x", mode: "upload" }, "MissingParameter"],
      [
        {
          ...base,
          name: "x",
          mode: "upload",
          "components.1": "",
          "architectures.1": "amd64",
          include_udeb: "maybe"
        },
        "InvalidParameter"
      ]
    ]
    for (const [params, expected] of cases)
      expect(code(await legacy(sim, "CreatePocket", params))).toBe(expected)
    // Lists present but empty are impossible on the wire; an empty list only comes from CreateSeries defaults.
    expect(
      code(
        await legacy(sim, "CreateSeries", { name: "focal", distribution: "ubuntu", "pockets.1": "release" })
      )
    ).toBe("MissingParameter")
  })
})

describe("syncs and pulls", () => {
  it("run as activities whose progress advances over simulated time, one per distribution", async () => {
    const sim = await setUp()
    await sim.app.request("/_sim/landscape/catalogue", {
      method: "POST",
      body: JSON.stringify({ packages: [{ name: "curl", version: "7.81.0-1ubuntu1.17" }] })
    })
    const sync = json<Activity>(await ok(sim, "SyncMirrorPocket", { ...pocketParams, name: "updates" }))
    expect(sync).toMatchObject({ type: "SyncPocketRequest", progress: 0, computer_id: null })
    const busy = await legacy(sim, "SyncMirrorPocket", { ...pocketParams, name: "release" })
    expect([busy.status, code(busy)]).toEqual([400, "OperationInProgress"])
    // Another distribution is not blocked.
    await ok(sim, "CreateDistribution", { name: "internal" })
    await ok(sim, "CreateSeries", {
      name: "jammy",
      distribution: "internal",
      "pockets.1": "main",
      "components.1": "main",
      "architectures.1": "amd64",
      mirror_uri: "http://example.invalid/internal"
    })
    await ok(sim, "SyncMirrorPocket", { name: "main", series: "jammy", distribution: "internal" })
    // Each signed call moves the clock one second (fresh timestamps): the sync started 60 s before this read.
    advance(sim, 55_000)
    expect(await activity(sim, sync.id)).toMatchObject({ activity_status: "delivered", progress: 50 })
    expect(
      json<Record<string, unknown>>(await ok(sim, "ListPocket", { ...pocketParams, name: "updates" }))[
        "main/amd64"
      ]
    ).toEqual([])
    advance(sim, 60_000)
    expect(await activity(sim, sync.id)).toMatchObject({ activity_status: "succeeded", progress: 100 })
    const listing = json<Record<string, [string, string][]>>(
      await ok(sim, "ListPocket", { ...pocketParams, name: "updates" })
    )
    expect(Object.keys(listing)).toEqual(["main/amd64", "main/arm64"])
    expect(listing["main/amd64"]).toContainEqual(["curl", "7.81.0-1ubuntu1.17"])
    const searched = json<Record<string, [string, string][]>>(
      await ok(sim, "ListPocket", { ...pocketParams, name: "updates", search: "nginx" })
    )
    expect(searched["main/amd64"]?.map(([n]) => n)).toEqual(["nginx", "nginx"])
    await ok(sim, "SyncMirrorPocket", { ...pocketParams, name: "release" })
  })

  it("pull the parent's newest allowed versions; wrong modes are refused", async () => {
    const sim = await setUp()
    await ok(sim, "SyncMirrorPocket", { ...pocketParams, name: "updates" })
    advance(sim, 121_000)
    await ok(sim, "CreatePocket", {
      ...pocketParams,
      name: "ring-0",
      mode: "pull",
      pull_pocket: "updates",
      filter_type: "allowlist",
      "components.1": "main",
      "architectures.1": "amd64"
    })
    await ok(sim, "AddPackageFiltersToPocket", {
      ...pocketParams,
      name: "ring-0",
      "packages.1": "curl",
      "packages.2": "jq"
    })
    const pull = json<Activity>(await ok(sim, "PullPackagesToPocket", { ...pocketParams, name: "ring-0" }))
    expect(pull.type).toBe("PullPocketRequest")
    expect(code(await legacy(sim, "PullPackagesToPocket", { ...pocketParams, name: "ring-0" }))).toBe(
      "OperationInProgress"
    )
    advance(sim, 31_000)
    const listing = json<Record<string, [string, string][]>>(
      await ok(sim, "ListPocket", { ...pocketParams, name: "ring-0" })
    )
    expect(listing["main/amd64"]).toEqual([
      ["curl", "7.81.0-1ubuntu1.16"],
      ["jq", "1.6-2.1ubuntu3"]
    ])
    expect(code(await legacy(sim, "PullPackagesToPocket", { ...pocketParams, name: "updates" }))).toBe(
      "InvalidPocketMode"
    )
    expect(code(await legacy(sim, "SyncMirrorPocket", { ...pocketParams, name: "ring-0" }))).toBe(
      "InvalidPocketMode"
    )
    expect(
      code(
        await legacy(sim, "AddPackageFiltersToPocket", {
          ...pocketParams,
          name: "updates",
          "packages.1": "x"
        })
      )
    ).toBe("InvalidPocketMode")
    expect(
      code(
        await legacy(sim, "RemovePackagesFromPocket", { ...pocketParams, name: "updates", "packages.1": "x" })
      )
    ).toBe("InvalidPocketMode")
    expect(code(await legacy(sim, "ListPocket", { ...pocketParams, name: "nope" }))).toBe("UnknownPocket")
  })

  it("blocklists and failed syncs", async () => {
    const sim = await setUp()
    await sim.app.request("/_sim/landscape/settings", {
      method: "PUT",
      body: JSON.stringify({ syncFailureRate: 1 })
    })
    const sync = json<Activity>(await ok(sim, "SyncMirrorPocket", { ...pocketParams, name: "updates" }))
    advance(sim, 121_000)
    expect(await activity(sim, sync.id)).toMatchObject({ activity_status: "failed", progress: -1 })
    await ok(sim, "CreatePocket", {
      ...pocketParams,
      name: "ring-1",
      mode: "pull",
      pull_pocket: "release",
      filter_type: "blocklist",
      "components.1": "main",
      "architectures.1": "amd64"
    })
    await sim.app.request("/_sim/landscape/settings", {
      method: "PUT",
      body: JSON.stringify({ syncFailureRate: 0 })
    })
    await ok(sim, "SyncMirrorPocket", { ...pocketParams, name: "release" })
    advance(sim, 121_000)
    await ok(sim, "AddPackageFiltersToPocket", { ...pocketParams, name: "ring-1", "packages.1": "curl" })
    await ok(sim, "PullPackagesToPocket", { ...pocketParams, name: "ring-1" })
    advance(sim, 31_000)
    const names = json<Record<string, [string, string][]>>(
      await ok(sim, "ListPocket", { ...pocketParams, name: "ring-1" })
    )["main/amd64"]?.map(([n]) => n)
    expect(names).not.toContain("curl")
    expect(names).toContain("nginx")
  })
})

describe("repository profiles", () => {
  it("point computers by tag at pockets, so installs see the pocket's versions", async () => {
    const sim = await setUp()
    await ok(sim, "CreatePocket", {
      ...pocketParams,
      name: "uploads",
      mode: "upload",
      "components.1": "main",
      "architectures.1": "amd64"
    })
    const uploaded = await sim.app.request("/_sim/landscape/upload", {
      method: "POST",
      body: JSON.stringify({
        ...pocketParams,
        pocket: "uploads",
        packages: [
          { name: "planes-agent", version: "2.0.0-1" },
          { name: "curl", version: "7.81.0-1ubuntu1.99" }
        ]
      })
    })
    expect(uploaded.status).toBe(201)
    const profile = json<{ name: string }>(
      await ok(sim, "CreateRepositoryProfile", { title: "Planes ring 0", description: "planes key abc" })
    )
    expect(profile.name).toBe("planes-ring-0")
    expect(code(await legacy(sim, "CreateRepositoryProfile", { title: "Planes ring 0" }))).toBe(
      "DuplicateRepositoryProfile"
    )
    expect(code(await legacy(sim, "CreateRepositoryProfile", { title: "!!!" }))).toBe("InvalidParameter")
    await ok(sim, "AddPocketsToRepositoryProfile", {
      name: "planes-ring-0",
      "pockets.1": "uploads",
      ...pocketParams
    })
    await ok(sim, "AddPocketsToRepositoryProfile", {
      name: "planes-ring-0",
      "pockets.1": "uploads",
      ...pocketParams
    })
    expect(
      code(
        await legacy(sim, "AddPocketsToRepositoryProfile", {
          name: "planes-ring-0",
          "pockets.1": "nope",
          ...pocketParams
        })
      )
    ).toBe("UnknownPocket")
    expect(code(await legacy(sim, "AssociateRepositoryProfile", { name: "planes-ring-0" }))).toBe(
      "InvalidParameterCombination"
    )
    expect(
      code(await legacy(sim, "AssociateRepositoryProfile", { name: "nope", all_computers: "true" }))
    ).toBe("UnknownRepositoryProfile")
    const associated = json<{ tags: string[]; pockets: { name: string }[] }>(
      await ok(sim, "AssociateRepositoryProfile", { name: "planes-ring-0", "tags.1": "web" })
    )
    expect(associated.tags).toEqual(["web"])
    expect(associated.pockets.map((p) => p.name)).toEqual(["uploads"])
    const got = json<{ name: string; description: string }[]>(
      await ok(sim, "GetRepositoryProfiles", { "names.1": "planes-ring-0" })
    )
    expect(got[0]?.description).toBe("planes key abc")

    const group = json<{ id: number }>(
      await ok(sim, "InstallPackages", {
        query: "id:1 OR id:2",
        "packages.1": "planes-agent",
        "packages.2": "curl"
      })
    )
    advance(sim, 10 * 60_000)
    const kids = json<Activity[]>(
      (await legacy(sim, "GetActivities", { query: `parent-id:${group.id}` })).body
    )
    expect(kids.map((k) => [k.computer_id, k.activity_status])).toEqual([
      [1, "succeeded"],
      [2, "failed"]
    ])
    expect(kids[1]?.result_text).toBe("E: Unable to locate package planes-agent")
    const pkgs = json<{ name: string; version: string; computers: { installed: number[] } }[]>(
      await ok(sim, "GetPackages", { "names.1": "curl", installed: "true" })
    )
    expect(pkgs.map((p) => [p.version, p.computers.installed])).toEqual([
      ["7.81.0-1ubuntu1.14", [2]],
      ["7.81.0-1ubuntu1.99", [1]]
    ])
    const upgrades = json<{ version: string }[]>(
      await ok(sim, "GetPackages", { query: "id:2", "names.1": "curl", upgrade: "true" })
    )
    expect(upgrades.map((p) => p.version)).toEqual(["7.81.0-1ubuntu1.15", "7.81.0-1ubuntu1.16"])

    await ok(sim, "AssociateRepositoryProfile", { name: "planes-ring-0", all_computers: "true" })
    await ok(sim, "RemovePackagesFromPocket", {
      ...pocketParams,
      name: "uploads",
      "packages.1": "planes-agent"
    })
    expect(
      json<Record<string, unknown[]>>(await ok(sim, "ListPocket", { ...pocketParams, name: "uploads" }))[
        "main/amd64"
      ]
    ).toHaveLength(1)
    await ok(sim, "RemoveRepositoryProfile", { name: "planes-ring-0" })
    expect(json<unknown[]>(await ok(sim, "GetRepositoryProfiles", {}))).toEqual([])
    expect(code(await legacy(sim, "RemoveRepositoryProfile", { name: "planes-ring-0" }))).toBe(
      "UnknownRepositoryProfile"
    )
  })
})

// What each plane deploys in a chaos run: its form of the package (a .intunewin for Intune, a pkg for
// Jamf, an MSI for SCCM, a deb for Landscape and Ansible) in a few versions, who gets it, and the
// versions a rollback may go to. Files are written once per run into a work directory.
import { createHash, randomBytes } from "node:crypto"
import { mkdir, readFile, stat, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { packIntuneWin } from "@planes/intunewin"
import { Effect } from "effect"

/** A package intent as the API takes it (JSON). */
export type PackageJson = Readonly<Record<string, unknown>>

/** One plane's catalogue for the run. */
export interface Catalogue {
  /** Publishable versions, each its package intent. */
  readonly packages: ReadonlyArray<PackageJson>
  /** The assignment target (JSON) on this plane. */
  readonly target: Readonly<Record<string, unknown>>
  /** Versions a rollback may ask for (published ones, or ones the plane can install from its archive). */
  readonly rollbackVersions: ReadonlyArray<string>
}

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex")

const fileArtifact = async (path: string, fileName: string) => ({
  location: pathToFileURL(path).href,
  sha256: sha256(await readFile(path)),
  size: (await stat(path)).size,
  fileName
})

const intuneWin = async (dir: string, version: string): Promise<PackageJson> => {
  const source = join(dir, `intune-${version}`)
  await mkdir(source, { recursive: true })
  await writeFile(join(source, "setup.exe"), randomBytes(6_000))
  const packed = await Effect.runPromise(
    packIntuneWin({
      sourceFolder: source,
      setupFile: "setup.exe",
      outputFile: join(source, "setup.intunewin")
    })
  )
  return {
    name: "Chaos Notes",
    version,
    publisher: "Northwind",
    platform: "windows",
    architecture: "x64",
    artifact: await fileArtifact(packed.outputFile, "setup.intunewin"),
    installCommand: "setup.exe /S",
    uninstallCommand: "setup.exe /uninstall /S",
    detection: [{ _tag: "file", path: "C:\\Program Files\\Northwind", name: "notes.exe", check: "exists" }]
  }
}

const jamfPkg = async (dir: string, version: string): Promise<PackageJson> => {
  const fileName = `ChaosNotes-${version}.pkg`
  const path = join(dir, fileName)
  await writeFile(path, randomBytes(2_048))
  return {
    name: "Chaos Notes",
    version,
    publisher: "Northwind",
    platform: "macos",
    artifact: await fileArtifact(path, fileName),
    installCommand: `installer -pkg ${fileName} -target /`,
    uninstallCommand: `rm -rf "/Applications/Chaos Notes.app"`,
    detection: [{ _tag: "file", path: "/Applications", name: "Chaos Notes.app", check: "exists" }]
  }
}

const productCode = "{6E1A5C0B-7D2F-4A8B-9C3D-2E4F6A8B0C1D}"
const sccmMsi = (version: string): PackageJson => ({
  name: "Chaos Notes",
  version,
  publisher: "Northwind",
  platform: "windows",
  architecture: "x64",
  artifact: {
    location: `https://artifacts.northwind.test/notes-${version}.msi`,
    sha256: sha256(`notes-${version}`),
    size: 123_456,
    fileName: `notes-${version}.msi`
  },
  installCommand: `msiexec /i notes-${version}.msi /qn`,
  uninstallCommand: `msiexec /x ${productCode} /qn`,
  detection: [{ _tag: "msi", productCode, productVersion: version }]
})

const deb = (version: string): PackageJson => ({
  name: "curl",
  version,
  publisher: "Ubuntu",
  platform: "linux",
  architecture: "x64",
  artifact: {
    location: `https://archive.ubuntu.com/ubuntu/pool/main/c/curl/curl_${version}_amd64.deb`,
    sha256: sha256(`curl-${version}`),
    size: 226_000,
    fileName: `curl_${version}_amd64.deb`
  },
  installCommand: `apt-get install -y curl=${version}`,
  uninstallCommand: "apt-get remove -y curl",
  detection: [{ _tag: "package", packageName: "curl", version }]
})

const appVersions = ["1.0.0", "1.1.0", "2.0.0"]

/**
 * Builds every target's catalogue under `dir`, keyed by target name. Two targets of one plane get
 * different devices (a Graph group each, Jamf computers 1-4 and 5-8), so neither undoes the other's
 * assignments when it rolls back.
 */
export const buildCatalogues = async (
  dir: string,
  graphGroups: readonly [string, string]
): Promise<Readonly<Record<string, Catalogue>>> => {
  await mkdir(dir, { recursive: true })
  const intune = await Promise.all(appVersions.map((v) => intuneWin(dir, v)))
  const jamf = await Promise.all(appVersions.map((v) => jamfPkg(dir, v)))
  const intuneFor = (group: string): Catalogue => ({
    packages: intune,
    target: { _tag: "group", id: group },
    rollbackVersions: appVersions
  })
  const jamfFor = (deviceIds: ReadonlyArray<string>): Catalogue => ({
    packages: jamf,
    target: { _tag: "devices", deviceIds },
    rollbackVersions: appVersions
  })
  return {
    intune: intuneFor(graphGroups[0]),
    "intune-cert": intuneFor(graphGroups[1]),
    jamf: jamfFor(["1", "2", "3", "4"]),
    "jamf-user": jamfFor(["5", "6", "7", "8"]),
    sccm: {
      packages: appVersions.map(sccmMsi),
      target: { _tag: "query", query: "select * from SMS_R_System where Name like 'WS-%'" },
      rollbackVersions: appVersions
    },
    landscape: {
      packages: [deb("7.81.0-1ubuntu1.16"), deb("7.81.0-1ubuntu1.17")],
      target: { _tag: "tag", tag: "ring-0" },
      rollbackVersions: ["7.81.0-1ubuntu1.16", "7.81.0-1ubuntu1.17"]
    },
    ansible: {
      packages: [deb("8.5.0-2ubuntu10.1"), deb("8.5.0-2ubuntu10.6")],
      target: { _tag: "inventory", inventory: "Chaos" },
      rollbackVersions: ["8.5.0-2ubuntu10.1", "8.5.0-2ubuntu10.6"]
    }
  }
}

import type { Catalogue, CatalogueEntry } from "../state/schemas.js"

// The seeded "archive": a fixed list of real Ubuntu package names with a few versions each, oldest first.
// Fixed rather than random so tests and docs can name versions.
const ARCHIVE: ReadonlyArray<readonly [name: string, summary: string, versions: readonly string[]]> = [
  [
    "curl",
    "command line tool for transferring data with URL syntax",
    ["7.81.0-1ubuntu1.14", "7.81.0-1ubuntu1.15", "7.81.0-1ubuntu1.16"]
  ],
  [
    "openssl",
    "Secure Sockets Layer toolkit - cryptographic utility",
    ["3.0.2-0ubuntu1.12", "3.0.2-0ubuntu1.15"]
  ],
  ["nginx", "small, powerful, scalable web/proxy server", ["1.18.0-6ubuntu14.3", "1.18.0-6ubuntu14.4"]],
  [
    "git",
    "fast, scalable, distributed revision control system",
    ["1:2.34.1-1ubuntu1.10", "1:2.34.1-1ubuntu1.11"]
  ],
  ["htop", "interactive processes viewer", ["3.0.5-7build2", "3.0.5-7build3"]],
  ["vim", "Vi IMproved - enhanced vi editor", ["2:8.2.3995-1ubuntu2.15", "2:8.2.3995-1ubuntu2.16"]],
  [
    "python3",
    "interactive high-level object-oriented language (default python3 version)",
    ["3.10.6-1~22.04", "3.10.6-1~22.04.1"]
  ],
  [
    "postgresql-14",
    "The World's Most Advanced Open Source Relational Database",
    ["14.11-0ubuntu0.22.04.1", "14.12-0ubuntu0.22.04.1"]
  ],
  ["apt-transport-https", "transitional package for https support", ["1.0.1ubuntu2.19", "1.0.1ubuntu2.24"]],
  ["jq", "lightweight and flexible command-line JSON processor", ["1.6-2.1ubuntu3"]],
  ["tmux", "terminal multiplexer", ["3.2a-4ubuntu0.2"]],
  [
    "landscape-client",
    "Landscape administration system client",
    ["23.02-0ubuntu1~22.04.4", "23.02-0ubuntu1~22.04.5"]
  ]
]

/** The catalogue every account starts with: the archive above, visible to every computer and mirrorable. */
export const defaultCatalogue = (): Catalogue => {
  const entries: CatalogueEntry[] = []
  let id = 1001
  for (const [name, summary, versions] of ARCHIVE) {
    for (const version of versions) {
      entries.push({ id, name, version, summary, component: "main", public: true, mirror: true })
      id++
    }
  }
  return { nextId: id, entries }
}

/** The catalogue record of one exact version, created on demand (uploads bring versions the archive lacks). */
export const ensureEntry = (
  catalogue: Catalogue,
  fields: {
    name: string
    version: string
    summary?: string | undefined
    component?: string | undefined
    public?: boolean | undefined
    mirror?: boolean | undefined
  }
): CatalogueEntry => {
  const existing = catalogue.entries.find((e) => e.name === fields.name && e.version === fields.version)
  if (existing !== undefined) return existing
  const summary =
    fields.summary ?? catalogue.entries.find((e) => e.name === fields.name)?.summary ?? fields.name
  const entry: CatalogueEntry = {
    id: catalogue.nextId,
    name: fields.name,
    version: fields.version,
    summary,
    component: fields.component ?? "main",
    public: fields.public ?? false,
    mirror: fields.mirror ?? false
  }
  catalogue.nextId++
  catalogue.entries.push(entry)
  return entry
}

/** Whether any version of a package name is known at all. */
export const isKnownPackage = (catalogue: Catalogue, name: string): boolean =>
  catalogue.entries.some((e) => e.name === name)

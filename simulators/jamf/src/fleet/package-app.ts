import type { Application } from "./model.js"

/**
 * The application a package installs, derived from its name, since the simulator does not open
 * packages: `powershell-7.4.1-osx-x64.pkg` installs `powershell.app` version `7.4.1` at
 * `/Applications/powershell.app`. A name without a version installs version `1.0`.
 */
export const applicationOfPackage = (packageName: string): Application => {
  const base = packageName.replace(/\.(pkg|mpkg|dmg|zip)$/i, "")
  const version = /\d+(?:\.\d+)+/.exec(base)?.[0] ?? /\d+/.exec(base)?.[0] ?? "1.0"
  const at = base.indexOf(version)
  const title = (at > 0 ? base.slice(0, at) : base).replace(/[-_\s.]+$/, "").trim() || base
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
  return {
    name: `${title}.app`,
    path: `/Applications/${title}.app`,
    version,
    bundleId: `com.planes.sim.${slug || "app"}`,
    sizeMegabytes: 0,
    macAppStore: false
  }
}

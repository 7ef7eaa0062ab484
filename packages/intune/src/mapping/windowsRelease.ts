// Windows 10/11 builds to the feature-release names Graph's minimumSupportedWindowsRelease takes (v1.0)
// and the v10_* flags of beta's minimumSupportedOperatingSystem. Builds are Microsoft's published ones.
const releases: ReadonlyArray<readonly [build: number, release: string]> = [
  [14393, "1607"],
  [15063, "1703"],
  [16299, "1709"],
  [17134, "1803"],
  [17763, "1809"],
  [18362, "1903"],
  [18363, "1909"],
  [19041, "2004"],
  [19042, "2H20"],
  [19043, "21H1"],
  [19044, "21H2"],
  [19045, "22H2"]
]

/** The oldest Windows release Intune's Win32 apps support, used when the intent names no minimum. */
export const oldestRelease = "1607"

/**
 * The Windows feature release for a minimum OS version: "10.0.19045" or "19045" gives "22H2"; a release
 * name given directly ("21H2") is kept; an unknown build is rounded down to the newest release at or below it.
 */
export const windowsRelease = (minimumOsVersion: string | undefined): string => {
  if (minimumOsVersion === undefined) return oldestRelease
  if (/^(\d{4}|\d{2}H\d|2H20)$/.test(minimumOsVersion)) return minimumOsVersion
  const build = Number(minimumOsVersion.split(".").at(-1))
  if (!Number.isInteger(build)) return oldestRelease
  let chosen = oldestRelease
  for (const [from, release] of releases) if (build >= from) chosen = release
  return chosen
}

/** Beta's minimumSupportedOperatingSystem flag name for a release ("22H2" gives "v10_22H2"). */
export const betaOsFlag = (release: string) => `v10_${release}`

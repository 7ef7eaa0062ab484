/** One platform of the simulated fleet, with the Ansible facts a host of it reports. */
export interface Platform {
  readonly key: string
  /** Host-name prefix and the group every host of the platform is in. */
  readonly group: string
  readonly facts: Readonly<Record<string, string>>
}

/** The platforms the seeded fleet draws from: Ubuntu, RHEL, Windows and macOS. */
export const PLATFORMS: readonly Platform[] = [
  {
    key: "ubuntu-22.04",
    group: "ubuntu",
    facts: {
      ansible_system: "Linux",
      ansible_os_family: "Debian",
      ansible_distribution: "Ubuntu",
      ansible_distribution_version: "22.04",
      ansible_pkg_mgr: "apt"
    }
  },
  {
    key: "ubuntu-24.04",
    group: "ubuntu",
    facts: {
      ansible_system: "Linux",
      ansible_os_family: "Debian",
      ansible_distribution: "Ubuntu",
      ansible_distribution_version: "24.04",
      ansible_pkg_mgr: "apt"
    }
  },
  {
    key: "rhel-9",
    group: "rhel",
    facts: {
      ansible_system: "Linux",
      ansible_os_family: "RedHat",
      ansible_distribution: "RedHat",
      ansible_distribution_version: "9.4",
      ansible_pkg_mgr: "dnf"
    }
  },
  {
    key: "windows-2022",
    group: "windows",
    facts: {
      ansible_system: "Win32NT",
      ansible_os_family: "Windows",
      ansible_distribution: "Microsoft Windows Server 2022 Standard",
      ansible_distribution_version: "10.0.20348.0",
      ansible_connection: "winrm"
    }
  },
  {
    key: "macos-14",
    group: "macos",
    facts: {
      ansible_system: "Darwin",
      ansible_os_family: "Darwin",
      ansible_distribution: "MacOSX",
      ansible_distribution_version: "14.5",
      ansible_pkg_mgr: "homebrew"
    }
  }
]

/** The platform with a key, if the fleet knows it. */
export const platformOf = (key: string): Platform | undefined => PLATFORMS.find((p) => p.key === key)

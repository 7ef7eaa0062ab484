import { execFile } from "node:child_process"
import { readdirSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { describe, expect, it } from "vitest"
import { playbookOf } from "../../src/mapping/operations.js"

// The playbooks the job templates run, checked by Ansible itself: a syntax check of each, then a run
// against this machine in check mode (nothing is changed). Ansible comes from Debian's packages; where
// `ansible-playbook` is not on PATH these tests are skipped with the command that enables them.

const run = promisify(execFile)
const dir = fileURLToPath(new URL("../../playbooks/", import.meta.url))

const ansibleVersion = await run("ansible-playbook", ["--version"]).then(
  (out) => out.stdout.split("\n")[0] ?? "ansible-playbook",
  () => undefined
)
const enable =
  "install Debian's ansible package: apt-get install -y ansible (it brings ansible-core and the ansible.windows and community.general collections)"
if (ansibleVersion === undefined)
  console.warn(`Skipping the playbook tests: ansible-playbook is not on PATH; ${enable}.`)

const env = {
  ...process.env,
  ANSIBLE_NOCOLOR: "1",
  ANSIBLE_PYTHON_INTERPRETER: "auto_silent",
  ANSIBLE_LOCALHOST_WARNING: "false"
}

/** Runs a playbook against this machine in check mode and returns the recap line of localhost. */
const checkRun = async (playbook: string, vars: Record<string, string>) => {
  const { stdout } = await run(
    "ansible-playbook",
    ["-i", "localhost,", "-c", "local", "--check", playbook, "-e", JSON.stringify(vars)],
    { cwd: dir, env, timeout: 120_000 }
  )
  const recap = stdout.split("\n").find((line) => line.startsWith("localhost") && line.includes("ok="))
  return { stdout, recap: recap ?? "" }
}

const installedVersion = async (pkg: string) =>
  // `dpkg-query -W` prints "<package>\t<version>".
  (await run("dpkg-query", ["-W", pkg]).catch(() => ({ stdout: "" }))).stdout.trim().split("\t")[1] ?? ""

describe.skipIf(ansibleVersion === undefined)(
  `playbooks (${ansibleVersion ?? "ansible-playbook missing"})`,
  () => {
    it("ships one playbook per operation", () => {
      const files = readdirSync(dir).filter((f) => f.endsWith(".yml"))
      expect(files.sort()).toEqual(Object.values(playbookOf).sort())
    })

    it("each passes ansible-playbook --syntax-check", async () => {
      const results = await Promise.all(
        Object.values(playbookOf).map((playbook) =>
          run("ansible-playbook", ["--syntax-check", "-i", "localhost,", playbook], { cwd: dir, env })
        )
      )
      for (const result of results) expect(result.stdout).toMatch(/playbook: \w+\.yml/)
    })

    it("run against this machine in check mode: install, remove, remediate (with drift) and mirror", async () => {
      const version = await installedVersion("bash")
      const [install, remove, drift, mirror] = await Promise.all([
        checkRun("install_package.yml", { pkg_name: "bash", pkg_version: version, pkg_state: "present" }),
        checkRun("remove_package.yml", { pkg_name: "planes-no-such-package" }),
        // python3-apt is installed wherever the apt module can run in check mode; removing it is only simulated.
        checkRun("remediate.yml", { pkg_name: "python3-apt", pkg_state: "absent" }),
        checkRun("configure_mirror.yml", {
          mirror_name: "planes-test",
          mirror_kind: "apt",
          mirror_url: "https://mirror.example.com/debian",
          mirror_components: "main contrib"
        })
      ])
      expect(install.recap).toMatch(/changed=0 .*failed=0/)
      expect(remove.recap).toMatch(/changed=0 .*failed=0/)
      expect(drift.recap).toMatch(/changed=[1-9].*failed=0/)
      expect(drift.stdout).toMatch(/python3-apt drifted from absent/)
      expect(mirror.recap).toMatch(/changed=[1-9].*failed=0/)
    }, 180_000)
  }
)

import { fileURLToPath } from "node:url"
import { intentKey } from "@planes/core"
import { golden } from "@planes/core/testing"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { jobTemplateBody } from "../../src/mapping/jobTemplate.js"
import { assignmentVars, launchBody, packageState } from "../../src/mapping/launch.js"
import { mirrorKey, mirrorVars } from "../../src/mapping/mirror.js"
import { templateName } from "../../src/mapping/names.js"
import { osPackageName, packageVars } from "../../src/mapping/packageVars.js"
import { projectBody, projectKey } from "../../src/mapping/project.js"
import { MirrorIntent } from "../../src/mirror/MirrorIntent.js"
import { mirrorTemplateSpec } from "../../src/publish/ensureTemplates.js"
import { packageTemplateSpecs } from "../../src/publish/publishPackage.js"
import { assignmentFor, decodePackage, packageInput, packageIntent, windowsInput } from "../fixtures.js"
import { simConfig } from "../support/simulator.js"

const goldenFile = (name: string) => fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url))
const expectGolden = (name: string, actual: unknown) => {
  const result = golden(goldenFile(name), actual)
  expect(result.actual).toBe(result.expected)
}
const config = simConfig("http://awx.example.com")
const windows = decodePackage(windowsInput)

describe("payload mapping (golden files)", () => {
  it("maps the playbook project", () => {
    expectGolden("project.json", projectBody(config.project, 1))
    expect(projectBody({ ...config.project, credential: 7 }, 1)).toMatchObject({ credential: 7 })
    expect(projectKey(config.project)).toBe(projectKey({ ...config.project }))
  })

  it("maps the package's job templates, Linux and Windows", () => {
    expectGolden(
      "job_templates.linux.json",
      packageTemplateSpecs("planes", packageIntent).map((s) => jobTemplateBody(s, 3))
    )
    expectGolden(
      "job_templates.windows.json",
      packageTemplateSpecs("planes", windows).map((s) => jobTemplateBody(s, 3))
    )
    expectGolden("job_template.mirror.json", jobTemplateBody(mirrorTemplateSpec("planes"), 3))
  })

  it("maps the launches of an install, an uninstall and a mirror", () => {
    const install = assignmentFor(packageIntent, { _tag: "inventory", inventory: "Lab", limit: "web:&ring1" })
    expectGolden(
      "launch.install.json",
      launchBody({ inventory: 2, limit: "web:&ring1" }, intentKey(install), assignmentVars(install))
    )
    const uninstall = assignmentFor(
      packageIntent,
      { _tag: "devices", deviceIds: ["web1", "web2"] },
      "uninstall"
    )
    expectGolden(
      "launch.uninstall.json",
      launchBody({ inventory: 1, limit: "web1,web2" }, intentKey(uninstall), assignmentVars(uninstall))
    )
    const mirror = Schema.decodeUnknownSync(MirrorIntent)({
      name: "rocky-mirror",
      kind: "yum",
      url: "https://mirror.example.com/rocky/9/BaseOS/x86_64/os/",
      gpgKeyUrl: "https://mirror.example.com/RPM-GPG-KEY-Rocky-9",
      target: { _tag: "group", id: "rhel-9" }
    })
    expectGolden(
      "launch.mirror.json",
      launchBody({ inventory: 1, limit: "rhel-9" }, mirrorKey(mirror), mirrorVars(mirror))
    )
  })

  it("is deterministic: the same intent gives the same bytes", () => {
    const again = decodePackage(structuredClone(packageInput))
    const specs = (p: typeof packageIntent) =>
      JSON.stringify(packageTemplateSpecs("planes", p).map((s) => jobTemplateBody(s, 3)))
    expect(specs(again)).toBe(specs(packageIntent))
  })

  it("names the OS package from the detection rule, a hint, or the intent", () => {
    expect(osPackageName(packageIntent)).toBe("curl")
    const hinted = decodePackage({
      ...windowsInput,
      hints: { ansible: { packageName: " 7zip " } }
    })
    expect(osPackageName(hinted)).toBe("7zip")
    expect(osPackageName(windows)).toBe("7-Zip")
    expect(packageVars(windows, intentKey(windows))).toMatchObject({
      pkg_product_id: "{23170F69-40C1-2702-2408-000001000000}"
    })
    expect(packageVars(packageIntent, intentKey(packageIntent))).not.toHaveProperty("pkg_product_id")
  })

  it("names templates by prefix, package, version and operation", () => {
    expect(templateName("planes", { name: "curl", version: "8.5" }, "remove")).toBe("planes: curl 8.5 remove")
    expect(packageState("uninstall")).toBe("absent")
    expect(packageState("required")).toBe("present")
  })
})

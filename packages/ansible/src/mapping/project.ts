import { type IntentKey, keyOf } from "@planes/core"
import type { ProjectSettings } from "../config/AnsibleConfig.js"
import { describe } from "./names.js"

/** The key of the playbook project: its name, repository and branch (the same settings, the same key). */
export const projectKey = (project: ProjectSettings): IntentKey =>
  keyOf("ansible-project", {
    name: project.name,
    scmType: project.scmType,
    scmUrl: project.scmUrl,
    scmBranch: project.scmBranch
  })

/** The body that creates the playbook project in an organization; AWX starts its first sync on create. */
export const projectBody = (project: ProjectSettings, organization: number) => ({
  name: project.name,
  description: describe(projectKey(project), "project"),
  organization,
  scm_type: project.scmType,
  scm_url: project.scmUrl,
  scm_branch: project.scmBranch,
  // A new commit of the playbooks is fetched before each job, so fixes reach every template at once.
  scm_update_on_launch: true,
  ...(project.credential !== undefined && { credential: project.credential })
})

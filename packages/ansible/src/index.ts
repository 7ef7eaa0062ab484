// @planes/ansible: the Ansible AWX / Automation Controller execution plane.
export {
  AnsiblePlane,
  type AnsiblePlaneRequirements,
  type AnsiblePlaneService,
  makeAnsiblePlane
} from "./AnsiblePlane.js"
export { createAssignment, unsupportedReason } from "./assign/createAssignment.js"
export { apiBaseUrl } from "./awx/AwxClient.js"
export { awxErrorDetail, awxErrorProfile } from "./awx/errorProfile.js"
export { awxPath } from "./awx/paths.js"
export {
  AnsibleAuth,
  AnsibleConfig,
  type AnsibleConfigInput,
  ApiRoot,
  ProjectSettings
} from "./config/AnsibleConfig.js"
export { ansibleConfigFromEnv, decodeAnsibleConfig, loadAnsibleConfig } from "./config/loadConfig.js"
export { parseVars, varsText } from "./mapping/extraVars.js"
export { deviceStateOf, hostOutcome, phaseOfJob, statusOfOutcome } from "./mapping/hostStatus.js"
export { jobTemplateBody } from "./mapping/jobTemplate.js"
export { assignmentVars, launchBody } from "./mapping/launch.js"
export { mirrorKey, mirrorVars } from "./mapping/mirror.js"
export { mirrorTemplateName, templateName } from "./mapping/names.js"
export { Operations, playbookOf } from "./mapping/operations.js"
export { keyVar, packageVars } from "./mapping/packageVars.js"
export { projectBody, projectKey } from "./mapping/project.js"
export { configureMirror } from "./mirror/configureMirror.js"
export { decodeMirrorIntent, MirrorIntent, type MirrorIntentInput } from "./mirror/MirrorIntent.js"
export { publishPackage } from "./publish/publishPackage.js"
export { ansibleRef, parseAnsibleRef } from "./ref/ansibleRef.js"

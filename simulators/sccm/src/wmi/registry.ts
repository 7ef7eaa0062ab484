import { smsApplication, smsApplicationLatest } from "../applications/application-class.js"
import { smsClientOperation, smsClientOperationStatus } from "../clientops/client-operations.js"
import { smsCollection, smsFullCollectionMembership, smsRSystem } from "../collections/classes.js"
import { smsApplicationAssignment } from "../deployments/assignment-class.js"
import { smsAppDeploymentAssetDetails, smsDeploymentSummary } from "../deployments/status-classes.js"
import {
  smsDistributionDPStatus,
  smsDistributionPointGroup,
  smsDistributionPointInfo,
  smsDPGroupDistributionStatusDetails,
  smsPackageStatus
} from "../distribution/classes.js"
import { smsContentPackage, smsPackage, smsProgram } from "../packages/package-class.js"
import type { WmiClass } from "./wmi-class.js"

/** Every WMI class the simulator serves. */
export const wmiClasses: readonly WmiClass[] = [
  smsApplication,
  smsApplicationLatest,
  smsPackage,
  smsProgram,
  smsContentPackage,
  smsDistributionPointGroup,
  smsDistributionPointInfo,
  smsPackageStatus,
  smsDistributionDPStatus,
  smsDPGroupDistributionStatusDetails,
  smsCollection,
  smsFullCollectionMembership,
  smsRSystem,
  smsApplicationAssignment,
  smsAppDeploymentAssetDetails,
  smsDeploymentSummary,
  smsClientOperation,
  smsClientOperationStatus
]

import type { Row } from "../odata/filter-eval.js"
import type { Device, Settings } from "../state/schemas.js"

/** A device as `SMS_R_System` serves it (and as WQL query rules see it). */
export const systemRow = (d: Device, settings: Settings): Row => ({
  ResourceID: d.ResourceID,
  Active: 1,
  ADSiteName: d.ADSiteName,
  Client: 1,
  ClientType: 1,
  Decommissioned: 0,
  IPAddresses: [d.IPAddress],
  IsVirtualMachine: d.IsVM,
  LastLogonUserName: d.UserName.split("\\")[1] ?? "",
  Name: d.Name,
  NetbiosName: d.Name,
  Obsolete: 0,
  OperatingSystemNameandVersion: d.OperatingSystem,
  ResourceDomainORWorkgroup: settings.netbiosDomain,
  ResourceType: 5,
  SMSAssignedSites: [settings.siteCode],
  SMSUniqueIdentifier: d.SMSID
})

/** A device as v1.0 `Device` serves it. */
export const v1DeviceRow = (d: Device, settings: Settings): Row => ({
  MachineId: d.ResourceID,
  Name: d.Name,
  SMSID: d.SMSID,
  Domain: settings.netbiosDomain,
  SiteCode: settings.siteCode,
  IsClient: true,
  IsActive: true,
  IsVirtualMachine: d.IsVM,
  ClientVersion: "5.00.9106.1000",
  UserName: d.UserName
})

import type { DeviceRecord, FleetState } from "./fleetState.js"

// Derived lookups, cached by the identity of the arrays they index (replaced, never mutated, on change).
const indexes = new WeakMap<readonly DeviceRecord[], Map<string, number>>()

/** Position of each device id in the fleet, built once per device list. */
export const deviceIndex = (fleet: FleetState): Map<string, number> => {
  let index = indexes.get(fleet.devices)
  if (index === undefined) {
    index = new Map(fleet.devices.map((d, i) => [d.id, i]))
    indexes.set(fleet.devices, index)
  }
  return index
}

/** A device by id, or undefined. */
export const findDevice = (fleet: FleetState, id: string): DeviceRecord | undefined => {
  const i = deviceIndex(fleet).get(id)
  return i === undefined ? undefined : fleet.devices[i]
}

/** The `syncDevice` calls a device has received, oldest first. */
export const syncsOf = (fleet: FleetState, deviceId: string): readonly number[] => fleet.syncs[deviceId] ?? []

/**
 * A device's last check-in at `nowMs`: its regular check-ins (online devices only) or the latest
 * `syncDevice` at or before now, whichever is later.
 */
export const lastSyncAt = (device: DeviceRecord, syncs: readonly number[], nowMs: number): number => {
  let last = device.baseSyncAtMs
  if (device.online && nowMs > last) {
    last += Math.floor((nowMs - last) / device.checkInIntervalMs) * device.checkInIntervalMs
  }
  if (device.online) for (const s of syncs) if (s <= nowMs && s > last) last = s
  return last
}

import type { Computer } from "../fleet/model.js"

/** How Classic paths name a computer: `/id/`, `/name/`, `/udid/`, `/serialnumber/`, `/macaddress/`. */
export const COMPUTER_KEYS = ["id", "name", "udid", "serialnumber", "macaddress"] as const
/** A Classic computer key kind. */
export type ComputerKey = (typeof COMPUTER_KEYS)[number]

/** Whether a path segment is a computer key kind. */
export const isComputerKey = (value: string): value is ComputerKey => COMPUTER_KEYS.some((k) => k === value)

// How each key kind reads a computer, normalised so lookups ignore case (and MAC separators).
const KEY_OF: Readonly<Record<ComputerKey, (c: Computer) => string>> = {
  id: (c) => String(c.id),
  name: (c) => c.name.toLowerCase(),
  udid: (c) => c.udid.toLowerCase(),
  serialnumber: (c) => c.serialNumber.toLowerCase(),
  macaddress: (c) => c.macAddress.toLowerCase().replace(/[-:.]/g, "")
}

/** The computer a Classic key names. */
export const findComputer = (
  computers: readonly Computer[],
  by: ComputerKey,
  raw: string
): Computer | undefined => {
  const wanted =
    by === "macaddress" ? raw.toLowerCase().replace(/[-:.]/g, "") : by === "id" ? raw : raw.toLowerCase()
  if (by === "id") {
    // A generated fleet keeps computer n at position n - 1: one look there before scanning, so reading
    // each computer's history of a 10,000-Mac fleet is not a scan of the fleet per computer.
    const guess = computers[Number(raw) - 1]
    if (guess !== undefined && String(guess.id) === wanted) return guess
  }
  return computers.find((c) => KEY_OF[by](c) === wanted)
}

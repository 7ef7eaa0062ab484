import { describe, expect, it } from "vitest"
import { findComputer } from "../src/computers/classic-lookup.js"
import { makeSim } from "./helpers.js"

describe("Classic lookups of a computer by id", () => {
  it("find the computer with that id wherever it sits in the fleet, and nothing for an unknown id", async () => {
    const { sim } = await makeSim()
    const fleet = sim.stores.fleet.get("default").computers
    const byId = (list: typeof fleet, id: number) => findComputer(list, "id", String(id))?.id
    expect(byId(fleet, 3)).toBe(3)
    // Out of generated order (an imported state, a deleted computer): still the right one.
    const shuffled = [...fleet].reverse()
    expect(byId(shuffled, 3)).toBe(3)
    expect(byId(shuffled, 1)).toBe(1)
    expect(byId(fleet.slice(1), 2)).toBe(2)
    expect(byId(fleet, 999)).toBeUndefined()
    expect(findComputer(fleet, "id", "0")).toBeUndefined()
    expect(findComputer(fleet, "id", "abc")).toBeUndefined()
  })
})

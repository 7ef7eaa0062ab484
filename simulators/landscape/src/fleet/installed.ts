import type { Computer } from "../state/schemas.js"

/**
 * The installed version of a package on a computer. Own properties only: a name from a request such as
 * `constructor` must not find `Object.prototype`'s members.
 */
export const installedVersion = (computer: Computer, name: string): string | undefined =>
  Object.hasOwn(computer.packages, name) ? computer.packages[name] : undefined

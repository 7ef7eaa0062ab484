// Debian version ordering (dpkg's verrevcmp), so "newest", "upgrade" and "downgrade" mean what apt means.

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= "0" && ch <= "9"

// dpkg's character order: "~" sorts before everything (even the end), letters before other symbols.
const order = (ch: string | undefined): number => {
  if (ch === undefined || isDigit(ch)) return 0
  if (/[A-Za-z]/.test(ch)) return ch.charCodeAt(0)
  if (ch === "~") return -1
  return ch.charCodeAt(0) + 256
}

const compareFragment = (a: string, b: string): number => {
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    let firstDiff = 0
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const ac = order(a[i])
      const bc = order(b[j])
      if (ac !== bc) return ac - bc
      i++
      j++
    }
    while (a[i] === "0") i++
    while (b[j] === "0") j++
    while (isDigit(a[i]) && isDigit(b[j])) {
      if (firstDiff === 0) firstDiff = a.charCodeAt(i) - b.charCodeAt(j)
      i++
      j++
    }
    if (isDigit(a[i])) return 1
    if (isDigit(b[j])) return -1
    if (firstDiff !== 0) return firstDiff
  }
  return 0
}

const split = (version: string): { epoch: number; upstream: string; revision: string } => {
  const colon = version.indexOf(":")
  const epoch = colon > 0 ? Number.parseInt(version.slice(0, colon), 10) : 0
  const rest = colon > 0 ? version.slice(colon + 1) : version
  const dash = rest.lastIndexOf("-")
  return {
    epoch: Number.isNaN(epoch) ? 0 : epoch,
    upstream: dash >= 0 ? rest.slice(0, dash) : rest,
    revision: dash >= 0 ? rest.slice(dash + 1) : ""
  }
}

/** Compares two Debian versions: negative when `a` is older, 0 when equal, positive when newer. */
export const compareVersions = (a: string, b: string): number => {
  const x = split(a)
  const y = split(b)
  if (x.epoch !== y.epoch) return x.epoch - y.epoch
  return compareFragment(x.upstream, y.upstream) || compareFragment(x.revision, y.revision)
}

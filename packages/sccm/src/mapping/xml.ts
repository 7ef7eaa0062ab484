/** Text escaped for XML element content and attribute values. */
export const escapeXml = (text: string): string =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")

/** An element with escaped text content. */
export const element = (name: string, text: string, attributes: Readonly<Record<string, string>> = {}) =>
  `<${name}${attributesOf(attributes)}>${escapeXml(text)}</${name}>`

/** ` a="1" b="2"`, values escaped, in the order given. */
export const attributesOf = (attributes: Readonly<Record<string, string>>): string =>
  Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join("")

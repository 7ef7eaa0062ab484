import { crc32 } from "node:zlib"

const u16 = (n: number) => {
  const b = Buffer.alloc(2)
  b.writeUInt16LE(n)
  return b
}
const u32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(n >>> 0)
  return b
}

/** A zip archive holding one file, stored without compression (what an export-job download needs). */
export const zipOneFile = (name: string, content: Buffer, modified: Date): Buffer => {
  const fileName = Buffer.from(name, "utf8")
  const crc = crc32(content)
  const time =
    (modified.getUTCHours() << 11) |
    (modified.getUTCMinutes() << 5) |
    Math.floor(modified.getUTCSeconds() / 2)
  const date =
    ((modified.getUTCFullYear() - 1980) << 9) | ((modified.getUTCMonth() + 1) << 5) | modified.getUTCDate()
  const common = [
    u16(20),
    u16(0x0800),
    u16(0),
    u16(time),
    u16(date),
    u32(crc),
    u32(content.length),
    u32(content.length),
    u16(fileName.length),
    u16(0)
  ]
  const local = Buffer.concat([u32(0x04034b50), ...common, fileName, content])
  const central = Buffer.concat([
    u32(0x02014b50),
    u16(20),
    ...common,
    u16(0),
    u16(0),
    u16(0),
    u32(0),
    u32(0),
    fileName
  ])
  const end = Buffer.concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(1),
    u16(1),
    u32(central.length),
    u32(local.length),
    u16(0)
  ])
  return Buffer.concat([local, central, end])
}

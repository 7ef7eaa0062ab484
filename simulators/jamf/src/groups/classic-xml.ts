import { Schema } from "effect"
import { type ClassicObject, list } from "../classic/doc.js"
import { section, XmlBoolean, XmlInt } from "../classic/xml-schema.js"
import type { Computer } from "../fleet/model.js"
import { opt } from "../schema-util.js"
import type { GroupRecord } from "./model.js"
import type { GroupInput } from "./write.js"

const CriterionXml = Schema.Struct({
  name: Schema.String,
  priority: opt(XmlInt),
  and_or: opt(Schema.String),
  search_type: Schema.String,
  value: opt(Schema.String),
  opening_paren: opt(XmlBoolean),
  closing_paren: opt(XmlBoolean)
})

const ComputerRefXml = Schema.Struct({
  id: opt(XmlInt),
  name: opt(Schema.String),
  serial_number: opt(Schema.String)
})

/** The `<computer_group>` body of a Classic create or update. */
export const ComputerGroupXml = Schema.Struct({
  name: opt(Schema.String),
  is_smart: opt(XmlBoolean),
  site: opt(section({ id: opt(XmlInt), name: opt(Schema.String) })),
  criteria: opt(Schema.Array(CriterionXml)),
  computers: opt(Schema.Array(ComputerRefXml))
})
/** The `<computer_group>` body of a Classic create or update. */
export type ComputerGroupXml = typeof ComputerGroupXml.Type

/** The group write a Classic body asks for. */
export const groupInputFromXml = (xml: ComputerGroupXml): GroupInput => ({
  ...(xml.name === undefined ? {} : { name: xml.name }),
  ...(xml.is_smart === undefined ? {} : { isSmart: xml.is_smart }),
  ...(xml.site?.id === undefined ? {} : { siteId: xml.site.id }),
  ...(xml.criteria === undefined
    ? {}
    : {
        criteria: xml.criteria.map((c, index) => ({
          name: c.name,
          priority: c.priority ?? index,
          andOr: c.and_or ?? "and",
          searchType: c.search_type,
          value: c.value ?? "",
          openingParen: c.opening_paren ?? false,
          closingParen: c.closing_paren ?? false
        }))
      }),
  ...(xml.computers === undefined
    ? {}
    : {
        members: xml.computers.map((c) => ({
          ...(c.id === undefined ? {} : { id: c.id }),
          ...(c.name === undefined ? {} : { name: c.name }),
          ...(c.serial_number === undefined ? {} : { serialNumber: c.serial_number })
        }))
      })
})

/** A group as `GET /JSSResource/computergroups/id/{id}` answers it, with its current members. */
export const classicGroup = (group: GroupRecord, members: readonly Computer[]): ClassicObject => ({
  id: group.id,
  name: group.name,
  is_smart: group.isSmart,
  site: { id: group.siteId, name: "None" },
  criteria: list(
    "criterion",
    group.criteria.map((c) => ({
      name: c.name,
      priority: c.priority,
      and_or: c.andOr,
      search_type: c.searchType,
      value: c.value,
      opening_paren: c.openingParen,
      closing_paren: c.closingParen
    }))
  ),
  computers: list(
    "computer",
    members.map((m) => ({
      id: m.id,
      name: m.name,
      mac_address: m.macAddress,
      alt_mac_address: m.altMacAddress,
      serial_number: m.serialNumber
    }))
  )
})

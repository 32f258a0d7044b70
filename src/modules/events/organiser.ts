import type { Db } from '../../db/index.js'
import { addressLine, getShop } from '../shops/index.js'
import type { BookingEvent } from './types.js'

/**
 * The town as an organiser: the platform's name signs its events, and its clock is the town's. There is no
 * configured town time zone (shops default to Europe/Paris too), so this is it.
 */
export const TOWN_ORGANISER = { name: 'Les commerces de la ville', timeZone: 'Europe/Paris' } as const

/** Who runs an event, as residents read it: in its pages, its messages and its calendar file. */
export interface EventOrganiser {
  name: string
  timeZone: string
  /** The shop's address; '' for a town event (its place says where). */
  address: string
  /** '' when there is none to call (a town event). */
  phone: string
  /** The shop's slug, for links to its pages; undefined for a town event. */
  shopSlug: string | undefined
}

/** The event's shop, or the town for a town event. Throws shops.shop_not_found for a shop gone. */
export async function organiserOf(db: Db, event: BookingEvent): Promise<EventOrganiser> {
  if (!event.shopId) return { ...TOWN_ORGANISER, address: '', phone: '', shopSlug: undefined }
  const shop = await getShop(db, event.shopId)
  return {
    name: shop.name,
    timeZone: shop.timeZone,
    address: addressLine(shop.address),
    phone: shop.phone,
    shopSlug: shop.slug,
  }
}

/** Where the event happens, in one line: the organiser, the place, the shop's address. */
export const eventWhere = (event: BookingEvent, organiser: EventOrganiser): string =>
  [organiser.name, event.place, organiser.address].filter(Boolean).join(', ')

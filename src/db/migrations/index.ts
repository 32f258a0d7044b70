import { Migrator, type Migration } from 'kysely'
import type { Db } from '../index.js'
import * as foundation from './20261122_01_foundation.js'
import * as productsHasStock from './20261123_01_products_has_stock.js'
import * as listingIndexes from './20261123_02_listing_indexes.js'
import * as clickAndCollect from './20261123_03_click_and_collect.js'
import * as withdrawalRight from './20261123_04_withdrawal_right.js'
import * as orderLineChanges from './20261123_05_order_line_changes.js'
import * as drops from './20261123_06_drops.js'
import * as dropOffers from './20261123_07_drop_offers.js'
import * as bookings from './20261123_08_bookings.js'
import * as dropDepartures from './20261123_09_drop_departures.js'
import * as events from './20261123_10_events.js'
import * as bookingReminders from './20261123_11_booking_reminders.js'
import * as tables from './20261123_12_tables.js'
import * as bookingsByContact from './20261123_13_bookings_by_contact.js'
import * as bookingDeposits from './20261123_14_booking_deposits.js'
import * as townEvents from './20261123_15_town_events.js'
import * as noShowLimit from './20261123_16_no_show_limit.js'
import * as eventReminders from './20261123_17_event_reminders.js'
import * as cancelReasonCodes from './20261123_18_cancel_reason_codes.js'

/** Migrations in order; names sort by date. Adding one means adding a line here (no directory scan). */
const MIGRATIONS: Record<string, Migration> = {
  '20261122_01_foundation': foundation,
  '20261123_01_products_has_stock': productsHasStock,
  '20261123_02_listing_indexes': listingIndexes,
  '20261123_03_click_and_collect': clickAndCollect,
  '20261123_04_withdrawal_right': withdrawalRight,
  '20261123_05_order_line_changes': orderLineChanges,
  '20261123_06_drops': drops,
  '20261123_07_drop_offers': dropOffers,
  '20261123_08_bookings': bookings,
  '20261123_09_drop_departures': dropDepartures,
  '20261123_10_events': events,
  '20261123_11_booking_reminders': bookingReminders,
  '20261123_12_tables': tables,
  '20261123_13_bookings_by_contact': bookingsByContact,
  '20261123_14_booking_deposits': bookingDeposits,
  '20261123_15_town_events': townEvents,
  '20261123_16_no_show_limit': noShowLimit,
  '20261123_17_event_reminders': eventReminders,
  '20261123_18_cancel_reason_codes': cancelReasonCodes,
}

/** Brings the schema up to date; safe to call on every start and from several processes. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/** Brings the schema up to the named migration only: for tests of a migration on data written before it. */
export async function migrateTo(db: Db, name: string): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } })
  const { error } = await migrator.migrateTo(name)
  if (error) throw error
}

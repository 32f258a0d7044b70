import { writeTransaction } from '../../db/group-commit.js'
import { isWellFormedId, type ShopId } from '../../lib/ids.js'
import { toBooking } from './find-bookings.js'
import { enqueueDepositSettlement } from './deposits.js'
import { bookingNotFound, notStarted } from './errors.js'
import type { Booking } from './types.js'
import type { BookingsDeps } from './deps.js'

/**
 * Staff mark whether the client came, once the booking has started; a mistake can be corrected (attended ↔
 * no-show). Throws bookings.booking_not_found (another shop's too) or bookings.not_started (before the start,
 * or a cancelled booking).
 */
export async function markAttendance(
  deps: BookingsDeps,
  shopId: ShopId,
  bookingId: string,
  outcome: 'attended' | 'no_show',
): Promise<Booking> {
  const now = deps.clock.now().toISOString()
  const id = isWellFormedId(bookingId) ? bookingId : ''
  const { marked, row } = await writeTransaction(deps.db, async (trx) => {
    const marked = await trx
      .updateTable('bookings')
      .set({ status: outcome })
      .where('id', '=', id)
      .where('shop_id', '=', shopId)
      .where('status', 'in', ['confirmed', 'attended', 'no_show'])
      .where('starts_at', '<=', now)
      .executeTakeFirst()
    const row = await trx
      .selectFrom('bookings')
      .selectAll()
      .where('id', '=', id)
      .where('shop_id', '=', shopId)
      .executeTakeFirst()
    // A no-show takes the card hold (or keeps the deposit); attended releases the hold. One message per mark, so
    // a no-show marked twice, or by two staff at once, takes the money once (decision 006, "Deposits").
    if (row && marked.numUpdatedRows > 0n) await enqueueDepositSettlement(trx, row, outcome, now)
    return { marked, row }
  })
  if (!row) throw bookingNotFound()
  if (marked.numUpdatedRows === 0n) throw notStarted()
  return toBooking(row)
}

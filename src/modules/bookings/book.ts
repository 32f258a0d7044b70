import type { Selectable } from 'kysely'
import type { Db, Trx } from '../../db/index.js'
import type { BookingsTable } from '../../db/schema/bookings.js'
import { writeTransaction } from '../../db/group-commit.js'
import { enqueue } from '../../db/outbox.js'
import { AppError, type FieldProblem } from '../../lib/app-error.js'
import { checkContact, type ContactInput } from '../../lib/contact.js'
import { newId, type ShopId, type UserId } from '../../lib/ids.js'
import { hashSecretToken, newSecretToken } from '../../lib/secret-token.js'
import { parseInstant, toZoned } from '../../lib/zoned-time.js'
import { authorizePayment, createPayment } from '../payments/index.js'
import { getShop } from '../shops/index.js'
import { checkNotBookedElsewhere } from './elsewhere.js'
import { invalidBooking, paymentDeclined, timeNotOffered, timeTaken, tooManyNoShows } from './errors.js'
import {
  enqueueDepositSettlement,
  failUnpaidBooking,
  PAYMENT_MINUTES,
  paymentMethodOf,
  settleLateAuthorization,
} from './deposits.js'
import { noShowCount, noShowLimitOf } from './no-shows.js'
import { bookableServiceOf, freeTimesOnDates } from './free-times.js'
import { listResources } from './resources.js'
import { reminderKey, reminderTime } from './reminders.js'
import { asTheShopBooks, checkPartySize, isRequest } from './party.js'
import { depositAfterNoShows, depositDue, occupiedCells } from './rules.js'
import type { Booking, BookingDeposit, BookingStatus, DepositPolicy } from './types.js'
import type { BookingsDeps } from './deps.js'
import { toBooking } from './find-bookings.js'

export interface BookInput {
  variantId: string
  /** A start time as listFreeTimes gives it (ISO). */
  startsAt: string
  /** A resource of the service, or undefined for anyone free then. */
  resourceId: string | undefined
  contact: ContactInput
  /** The signed-in resident, if any: the booking appears in their account. */
  userId: UserId | undefined
  /** A reminder the day before (UX-15); true when absent, like the form's box. */
  wantsReminder?: boolean | undefined
  /** How many people, for a service booked by party (tables). */
  partySize?: number | undefined
  /**
   * The card for a service that asks a guarantee (UX-16, UX-18): a card provider's name and the token its page
   * handed back (never card data, LAW H1). Ignored when nothing is asked.
   */
  payment?: { method: string; token?: string | undefined } | undefined
}

/**
 * Books a service at an offered time (decision 006). The time is checked against what listFreeTimes offers now
 * (hours, absences, notice, horizon), then the booking and the cells it occupies are written in one
 * transaction: a cell already taken makes the insert fall short and everything rolls back, so a resource is
 * never given twice, whatever runs at the same time. "Anyone" tries each resource free at that time in turn.
 * A party takes the smallest table free that seats it; a party the service takes only on request holds its table
 * as a request the shop confirms or declines (requests.ts). A service that asks a guarantee (or a resident over the
 * no-show limit, UX-18) books in two steps: the booking is written pending with its cells and its payment, the card
 * is authorized outside any transaction, then the booking is confirmed, or on a declined card failed and its cells
 * freed (decision 006, "Deposits"). Returns the booking and the cancel link's secret (shown once, sent by email).
 * Throws bookings.invalid_booking (contact fields), bookings.service_not_bookable, bookings.invalid_party_size,
 * bookings.resource_not_found, bookings.booked_elsewhere (UX-17), bookings.time_not_offered or bookings.time_taken
 * (field startsAt), bookings.too_many_no_shows (no guarantee possible: by phone), bookings.payment_required or
 * bookings.payment_declined (field payment).
 */
export async function bookAppointment(
  deps: BookingsDeps,
  shopId: ShopId,
  input: BookInput,
  options: { byShop?: boolean } = {},
): Promise<{ booking: Booking; cancelToken: string }> {
  const problems = options.byShop ? shopContactProblems(input.contact) : checkContact(input.contact)
  if (problems.length > 0) throw invalidBooking(problems)
  const now = deps.clock.now()
  const bookable = await bookableServiceOf(deps.db, shopId, input.variantId)
  // UX-18: a resident who often did not come books this shop only with a guarantee, or by phone when none fits.
  const deposit = options.byShop
    ? undefined
    : await depositFor(deps.db, shopId, bookable, { userId: input.userId, email: input.contact.email }, now)
  if (deposit === 'phone_only') throw tooManyNoShows()
  const method = deposit ? paymentMethodOf(deps, input.payment, deposit) : undefined
  const service = options.byShop ? asTheShopBooks(bookable) : bookable
  const partySize = checkPartySize(service.party, input.partySize)
  // The shop on the phone has already agreed: only residents' large parties are requests.
  const requested = !options.byShop && isRequest(service.party, partySize)
  const shop = await getShop(deps.db, shopId)
  const start = parseInstant(input.startsAt)
  if (start === undefined) throw timeNotOffered()
  const startsAt = new Date(start).toISOString()
  const day = [toZoned(new Date(start), shop.timeZone).date]
  const offered = (
    await freeTimesOnDates(deps.db, service, shop, day, input.resourceId, now, { partySize })
  ).find((t) => t.startsAt === startsAt)
  if (!offered) {
    // A time offered were it not booked is "taken"; one never offered (closed, too soon, off the step) is not.
    const wouldBe = (
      await freeTimesOnDates(deps.db, service, shop, day, input.resourceId, now, {
        ignoreBookings: true,
        partySize,
      })
    ).some((t) => t.startsAt === startsAt)
    throw wouldBe ? timeTaken() : timeNotOffered()
  }
  const contact = {
    name: input.contact.name.trim(),
    email: input.contact.email.trim().toLowerCase(),
    phone: input.contact.phone.trim(),
  }
  // UX-17: the shop on the phone knows its client; online, one table (or chair) at a time in a kind of shop.
  if (!options.byShop)
    await checkNotBookedElsewhere(
      deps.db,
      shop,
      { userId: input.userId, email: contact.email },
      { startsAt, endsAt: offered.endsAt },
    )
  const cells = occupiedCells(start, Date.parse(offered.endsAt), service)
  const cancellableUntil = new Date(start - service.cancelHoursBefore * 3_600_000).toISOString()
  const names = new Map((await listResources(deps.db, shopId)).map((r) => [r.id, r.name]))
  const wantsReminder = input.wantsReminder ?? true
  // A request's reminder is written when the shop confirms it, with the link it sends then.
  const remindAt =
    wantsReminder && !requested
      ? reminderTime(new Date(start), now, shop.timeZone, new Date(cancellableUntil))
      : undefined
  const honoured: BookingStatus = requested ? 'requested' : 'confirmed'
  for (const resourceId of offered.resourceIds) {
    const cancelToken = newSecretToken()
    const row: Selectable<BookingsTable> = {
      id: newId(),
      shop_id: shopId,
      variant_id: service.variantId,
      resource_id: resourceId,
      user_id: input.userId ?? null,
      service_name: service.variantName
        ? `${service.productName} (${service.variantName})`
        : service.productName,
      resource_name: names.get(resourceId) ?? '',
      price_cents: service.priceCents,
      starts_at: startsAt,
      ends_at: offered.endsAt,
      // With a guarantee, the cells are held while the card is asked; nobody sees the booking until it answers.
      status: deposit ? 'pending_payment' : honoured,
      contact_name: contact.name,
      contact_email: contact.email,
      contact_phone: contact.phone,
      cancel_token_hash: hashSecretToken(cancelToken),
      cancellable_until: cancellableUntil,
      created_at: now.toISOString(),
      cancelled_at: null,
      cancelled_by: null,
      wants_reminder: wantsReminder ? 1 : 0,
      party_size: partySize,
      deposit_kind: deposit ? deposit.kind : 'none',
      deposit_cents: deposit ? deposit.amountCents : 0,
    }
    const announce = { requested, cancelToken, remindAt }
    let paymentId: string | undefined
    try {
      await writeTransaction(deps.db, async (trx) => {
        await trx.insertInto('bookings').values(row).execute()
        const written = await trx
          .insertInto('booking_cells')
          .values(cells.map((cell) => ({ resource_id: resourceId, cell_start: cell, booking_id: row.id })))
          .onConflict((oc) => oc.columns(['resource_id', 'cell_start']).doNothing())
          .executeTakeFirst()
        // Fewer cells written than occupied: another booking holds one of them. Throwing rolls this one back.
        if (Number(written.numInsertedOrUpdatedRows ?? 0n) !== cells.length) throw timeTaken()
        if (deposit && method) {
          // Only the booking that got its cells gets a payment: a lost race never reaches the card.
          paymentId = (
            await createPayment(
              trx,
              {
                bookingId: row.id,
                shopId,
                provider: method,
                amountCents: deposit.amountCents,
                currency: 'EUR',
              },
              row.created_at,
            )
          ).id
          // If this process dies before the card answers, the booking fails then and its cells are freed.
          await enqueue(
            trx,
            {
              topic: 'booking.payment_timeout',
              key: row.id,
              shopId,
              notBefore: new Date(now.getTime() + PAYMENT_MINUTES * 60_000).toISOString(),
            },
            row.created_at,
          )
        } else {
          await announceBooking(trx, row, announce)
        }
      })
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'bookings.time_taken')) throw error
      continue
    }
    if (!deposit || !paymentId) return { booking: toBooking(row), cancelToken }
    // The card is asked outside any transaction (a provider is a network call); the payment's id is its key.
    const outcome = await authorizePayment(
      { db: deps.db, payments: deps.payments! },
      paymentId,
      input.payment?.token,
      deps.clock.now(),
    )
    if (outcome !== 'authorized') {
      await failUnpaidBooking(deps, row.id)
      throw paymentDeclined('declined')
    }
    const confirmed = await writeTransaction(deps.db, async (trx) => {
      const moved = await trx
        .updateTable('bookings')
        .set({ status: honoured })
        .where('id', '=', row.id)
        .where('status', '=', 'pending_payment')
        .executeTakeFirst()
      if (moved.numUpdatedRows === 0n) return false
      await announceBooking(trx, { ...row, status: honoured }, announce)
      await enqueueDepositSettlement(
        trx,
        { id: row.id, shop_id: shopId, deposit_kind: row.deposit_kind },
        honoured,
        deps.clock.now().toISOString(),
      )
      return true
    })
    if (!confirmed) {
      // The card answered after the booking's time to pay ran out (it failed meanwhile): the hold goes back.
      await settleLateAuthorization(deps, row.id)
      throw paymentDeclined('too_late')
    }
    return { booking: toBooking({ ...row, status: honoured }), cancelToken }
  }
  throw timeTaken()
}

/**
 * The guarantee a booking of this service asks of this client now (UX-16, UX-18): the service's own, or after too
 * many no-shows at the shop a card hold when the service has none; 'phone_only' when even that cannot be (a free
 * service); undefined: nothing. For the booking page, before the resident confirms.
 */
export async function depositFor(
  db: Db,
  shopId: ShopId,
  service: { deposit: DepositPolicy; priceCents: number },
  client: { userId: UserId | undefined; email: string },
  now: Date,
): Promise<BookingDeposit | 'phone_only' | undefined> {
  const overLimit = (await noShowCount(db, shopId, client, now)) >= (await noShowLimitOf(db, shopId))
  if (!overLimit) return depositDue(service.deposit, service.priceCents)
  return depositAfterNoShows(service.deposit, service.priceCents) ?? 'phone_only'
}

/**
 * Drops the reminder of a booking not sent yet: it carries the booking's secret (and maybe an old time), and a
 * cancelled or moved booking must not keep it waiting in the outbox.
 */
export async function dropPendingReminder(trx: Trx, bookingId: string): Promise<void> {
  await trx
    .deleteFrom('outbox')
    .where('topic', '=', 'booking.reminder')
    .where('key', 'like', `${bookingId}@%`)
    .where('done_at', 'is', null)
    .execute()
}

/** The messages of a booking now honoured: its confirmation (or request notice) and its reminder. */
async function announceBooking(
  trx: Trx,
  row: Selectable<BookingsTable>,
  how: { requested: boolean; cancelToken: string; remindAt: Date | undefined },
): Promise<void> {
  // A request nobody answered by its time lapses then: the resident is told and a card held is released.
  if (how.requested)
    await enqueue(
      trx,
      { topic: 'booking.request_due', key: row.id, shopId: row.shop_id, notBefore: row.starts_at },
      row.created_at,
    )
  // The confirmation (with its calendar file and cancel link) leaves if and only if the booking is written;
  // a booking taken by phone without an email address gets no message.
  if (!row.contact_email) return
  await enqueue(
    trx,
    {
      topic: how.requested ? 'booking.requested' : 'booking.confirmed',
      key: row.id,
      shopId: row.shop_id,
      payload: { cancelToken: how.cancelToken },
    },
    row.created_at,
  )
  // The reminder carries its own copy of the secret (the confirmation's is cleared once sent) and the start
  // it is for in its key: a booking moved or cancelled meanwhile is not reminded of the old time.
  if (how.remindAt)
    await enqueue(
      trx,
      {
        topic: 'booking.reminder',
        key: reminderKey(row.id, row.starts_at),
        shopId: row.shop_id,
        payload: { cancelToken: how.cancelToken },
        notBefore: how.remindAt.toISOString(),
      },
      row.created_at,
    )
}

/** A booking taken by the shop (on the phone): a name, and an email address or a phone number to reach them. */
function shopContactProblems(contact: ContactInput): FieldProblem[] {
  const problems = checkContact(contact)
  if (!contact.phone.trim()) return problems
  return problems.filter((p) => !(p.field === 'contact.email' && p.code === 'required'))
}

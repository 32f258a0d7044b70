import { afterEach, expect, it } from 'vitest'
import { aRestaurant, aSalon } from '../../../test/factories/bookings.js'
import { aProduct } from '../../../test/factories/catalog.js'
import { MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { outcomeOf } from '../../../test/harness/outcome.js'
import type { Db } from '../../db/index.js'
import type { JobDeps } from '../../jobs/handlers.js'
import { startWorker } from '../../jobs/worker.js'
import { AppError } from '../../lib/app-error.js'
import { fixedClock } from '../../lib/clock.js'
import { builtInPaymentProviders, TEST_CARD_TOKENS, type PaymentProvider } from '../payments/index.js'
import {
  abandonUnpaidBooking,
  bookAppointment,
  cancelBookingByLink,
  cancelBookingByShop,
  confirmRequest,
  declineRequest,
  depositFor,
  listShopBookings,
  markAttendance,
  NO_SHOW_LIMIT,
  setBookableService,
  type BookInput,
  type DepositPolicy,
} from './index.js'

const visa = { method: 'test_card', token: TEST_CARD_TOKENS.accepted }
const declined = { method: 'test_card', token: TEST_CARD_TOKENS.declined }
const TUESDAY_11H = '2026-11-24T10:00:00.000Z'
let people = 0
const someone = () => ({ name: 'Noa Petit', email: `noa-${++people}@example.fr`, phone: '' })

/** The payment of a booking and the operations made on it, in the order they were made. */
async function moneyOf(db: Db, bookingId: string) {
  const payment = await db
    .selectFrom('payments')
    .selectAll()
    .where('booking_id', '=', bookingId)
    .executeTakeFirst()
  if (!payment) return undefined
  const operations = await db
    .selectFrom('payment_operations')
    .select(['kind', 'amount_cents'])
    .where('payment_id', '=', payment.id)
    .execute()
  const order = ['authorize', 'capture', 'void', 'refund']
  const charge = payment.provider_reference
    ? await db
        .selectFrom('test_card_charges')
        .selectAll()
        .where('id', '=', payment.provider_reference)
        .executeTakeFirst()
    : undefined
  return {
    status: payment.status,
    amountCents: payment.amount_cents,
    operations: operations
      .map((o) => `${o.kind} ${o.amount_cents}`)
      .sort((a, b) => order.indexOf(a.split(' ')[0]!) - order.indexOf(b.split(' ')[0]!)),
    charge: charge && {
      status: charge.status,
      captured: charge.captured_cents,
      refunded: charge.refunded_cents,
    },
  }
}

forEachEngine(
  'booking deposits: card holds, deposits and prepayments (UX-16, UX-18, decision 006)',
  ({ db }) => {
    const clock = fixedClock(MONDAY_MORNING)
    const errors: string[] = []
    const deps = (): JobDeps => ({
      db: db(),
      clock,
      payments: builtInPaymentProviders(db()),
      mailTransport: undefined,
      mailFrom: 'Comptoir <contact@comptoir.test>',
      publicUrl: 'http://localhost',
    })
    const runJobs = () =>
      startWorker(deps(), {
        pollMs: 60_000,
        onError: (topic, error) => errors.push(`${topic}: ${String(error)}`),
      }).drain()
    afterEach(() => {
      expect(errors).toEqual([])
      clock.set(MONDAY_MORNING)
    })

    async function salonAsking(deposit: DepositPolicy) {
      const salon = await aSalon(db(), clock, { deposit })
      const book = (more: Partial<BookInput> = {}) =>
        bookAppointment(deps(), salon.shopId, {
          variantId: salon.haircut.variantId,
          startsAt: TUESDAY_11H,
          resourceId: salon.lea.id,
          contact: someone(),
          userId: undefined,
          payment: visa,
          ...more,
        })
      return { ...salon, book }
    }

    it('holds a card for 20 € at booking, releases it when cancelled in time, and takes it only on a no-show', async () => {
      const salon = await salonAsking({ kind: 'card_hold', amountCents: 2000 })
      expect(salon.haircut.deposit).toEqual({ kind: 'card_hold', amountCents: 2000 })
      const { booking, cancelToken } = await salon.book()
      expect([booking.status, booking.deposit]).toEqual([
        'confirmed',
        { kind: 'card_hold', amountCents: 2000 },
      ])
      await runJobs()
      expect(await moneyOf(db(), booking.id)).toEqual({
        status: 'authorized',
        amountCents: 2000,
        operations: ['authorize 2000'],
        charge: { status: 'authorized', captured: 0, refunded: 0 },
      })
      await cancelBookingByLink(deps(), booking.id, cancelToken)
      await runJobs()
      expect(await moneyOf(db(), booking.id)).toMatchObject({
        status: 'voided',
        operations: ['authorize 2000', 'void 2000'],
        charge: { status: 'voided', captured: 0 },
      })

      // Came: the hold is released. Did not come: it is taken, once, even marked twice and by two staff at once.
      const came = await salon.book({ resourceId: salon.hugo.id })
      const missed = await salon.book({ startsAt: '2026-11-24T13:00:00.000Z' })
      clock.set('2026-11-24T13:05:00.000Z')
      await markAttendance(deps(), salon.shopId, came.booking.id, 'attended')
      await Promise.all([
        markAttendance(deps(), salon.shopId, missed.booking.id, 'no_show'),
        markAttendance(deps(), salon.shopId, missed.booking.id, 'no_show'),
      ])
      await runJobs()
      await markAttendance(deps(), salon.shopId, missed.booking.id, 'no_show')
      await runJobs()
      expect(await moneyOf(db(), came.booking.id)).toMatchObject({
        status: 'voided',
        operations: ['authorize 2000', 'void 2000'],
      })
      expect(await moneyOf(db(), missed.booking.id)).toEqual({
        status: 'captured',
        amountCents: 2000,
        operations: ['authorize 2000', 'capture 2000'],
        charge: { status: 'captured', captured: 2000, refunded: 0 },
      })
      // A no-show marked by mistake and corrected gives the money back, and is never taken again.
      await markAttendance(deps(), salon.shopId, missed.booking.id, 'attended')
      await runJobs()
      await markAttendance(deps(), salon.shopId, missed.booking.id, 'no_show')
      await runJobs()
      expect(await moneyOf(db(), missed.booking.id)).toMatchObject({
        status: 'refunded',
        operations: ['authorize 2000', 'capture 2000', 'refund 2000'],
      })
    })

    it('takes a 30 % deposit at booking, refunds it when the shop cancels, keeps it on a no-show and when the client came', async () => {
      const salon = await salonAsking({ kind: 'deposit', percent: 30 })
      const cancelled = await salon.book()
      // 30 % of 35,00 € is 10,50 €.
      expect(cancelled.booking.deposit).toEqual({ kind: 'deposit', amountCents: 1050 })
      await runJobs()
      expect(await moneyOf(db(), cancelled.booking.id)).toMatchObject({
        status: 'captured',
        operations: ['authorize 1050', 'capture 1050'],
      })
      await cancelBookingByShop(deps(), salon.shopId, cancelled.booking.id)
      await runJobs()
      expect(await moneyOf(db(), cancelled.booking.id)).toMatchObject({
        status: 'refunded',
        operations: ['authorize 1050', 'capture 1050', 'refund 1050'],
        charge: { refunded: 1050 },
      })

      const missed = await salon.book({ startsAt: '2026-11-24T13:00:00.000Z' })
      const came = await salon.book({ startsAt: '2026-11-24T13:00:00.000Z', resourceId: salon.hugo.id })
      await runJobs()
      clock.set('2026-11-24T13:05:00.000Z')
      await markAttendance(deps(), salon.shopId, missed.booking.id, 'no_show')
      await markAttendance(deps(), salon.shopId, came.booking.id, 'attended')
      await runJobs()
      expect(await moneyOf(db(), missed.booking.id)).toMatchObject({
        status: 'captured',
        operations: ['authorize 1050', 'capture 1050'],
      })
      expect(await moneyOf(db(), came.booking.id)).toMatchObject({
        status: 'captured',
        operations: ['authorize 1050', 'capture 1050'],
      })
    })

    it('takes the whole price at booking for a prepayment and refunds it when cancelled in time by the link', async () => {
      const salon = await salonAsking({ kind: 'prepayment' })
      const { booking, cancelToken } = await salon.book()
      expect(booking.deposit).toEqual({ kind: 'prepayment', amountCents: 3500 })
      await runJobs()
      expect(await moneyOf(db(), booking.id)).toMatchObject({
        status: 'captured',
        operations: ['authorize 3500', 'capture 3500'],
      })
      await cancelBookingByLink(deps(), booking.id, cancelToken)
      await runJobs()
      expect(await moneyOf(db(), booking.id)).toMatchObject({
        status: 'refunded',
        operations: ['authorize 3500', 'capture 3500', 'refund 3500'],
        charge: { refunded: 3500 },
      })
    })

    it('books nothing on a declined card and frees the time; asks for a card when none is given, and never takes one at the counter', async () => {
      const salon = await salonAsking({ kind: 'card_hold', amountCents: 2000 })
      const refusal = await salon.book({ payment: declined }).catch((e: unknown) => e)
      expect(refusal).toBeInstanceOf(AppError)
      expect([(refusal as AppError).code, (refusal as AppError).details.field]).toEqual([
        'bookings.payment_declined',
        'payment',
      ])
      const failed = await db()
        .selectFrom('bookings')
        .select(['id', 'status'])
        .where('shop_id', '=', salon.shopId)
        .executeTakeFirstOrThrow()
      expect(failed.status).toBe('payment_failed')
      expect(await moneyOf(db(), failed.id)).toMatchObject({
        status: 'declined',
        operations: ['authorize 2000'],
      })
      expect(
        await db()
          .selectFrom('booking_cells')
          .select('cell_start')
          .where('booking_id', '=', failed.id)
          .execute(),
      ).toEqual([])
      expect(
        await listShopBookings(
          db(),
          salon.shopId,
          { from: '2026-11-23T00:00:00Z', to: '2026-11-30T00:00:00Z' },
          { withCancelled: true },
        ),
      ).toEqual([])
      // The time is free again for the next resident.
      expect(await outcomeOf(salon.book())).toBe('ok')

      const noCard = await salon
        .book({ payment: undefined, startsAt: '2026-11-24T13:00:00.000Z' })
        .catch((e: unknown) => e)
      expect([(noCard as AppError).code, (noCard as AppError).details]).toEqual([
        'bookings.payment_required',
        { field: 'payment', deposit: 'card_hold', amountCents: 2000 },
      ])
      expect(
        await outcomeOf(salon.book({ payment: { method: 'counter' }, startsAt: '2026-11-24T13:00:00.000Z' })),
      ).toBe('bookings.payment_required')
      // The shop taking a booking on the phone asks no card.
      expect(
        await outcomeOf(
          bookAppointment(
            deps(),
            salon.shopId,
            {
              variantId: salon.haircut.variantId,
              startsAt: '2026-11-24T13:00:00.000Z',
              resourceId: salon.lea.id,
              contact: someone(),
              userId: undefined,
            },
            { byShop: true },
          ),
        ),
      ).toBe('ok')
    })

    it(
      'gives the last time of a service with a card hold to exactly one of 50 residents, with exactly one card held',
      { timeout: 60_000 },
      async () => {
        const salon = await salonAsking({ kind: 'card_hold', amountCents: 2000 })
        const outcomes = await Promise.all(Array.from({ length: 50 }, () => outcomeOf(salon.book())))
        expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1)
        expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'bookings.time_taken')).toBe(true)
        const payments = await db()
          .selectFrom('payments')
          .innerJoin('bookings', 'bookings.id', 'payments.booking_id')
          .select(['payments.id', 'payments.status', 'bookings.status as booking'])
          .where('bookings.shop_id', '=', salon.shopId)
          .execute()
        expect(payments.map((p) => [p.status, p.booking])).toEqual([['authorized', 'confirmed']])
        const authorizations = await db()
          .selectFrom('payment_operations')
          .select('id')
          .where('payment_id', '=', payments[0]!.id)
          .where('kind', '=', 'authorize')
          .execute()
        expect(authorizations).toHaveLength(1)
      },
    )

    it('only holds the card of a large party’s request, takes the deposit when the shop confirms, releases it when it declines', async () => {
      const { shopId, lunch } = await aRestaurant(db(), clock, { deposit: { kind: 'deposit', percent: 20 } })
      const ask = () =>
        bookAppointment(deps(), shopId, {
          variantId: lunch.variantId,
          startsAt: '2026-11-24T11:00:00.000Z',
          resourceId: undefined,
          partySize: 7,
          contact: someone(),
          userId: undefined,
          payment: visa,
        })
      const confirmed = await ask()
      expect([confirmed.booking.status, confirmed.booking.deposit]).toEqual([
        'requested',
        { kind: 'deposit', amountCents: 500 },
      ])
      await runJobs()
      expect(await moneyOf(db(), confirmed.booking.id)).toMatchObject({
        status: 'authorized',
        operations: ['authorize 500'],
      })
      await confirmRequest(deps(), shopId, confirmed.booking.id)
      await runJobs()
      expect(await moneyOf(db(), confirmed.booking.id)).toMatchObject({
        status: 'captured',
        operations: ['authorize 500', 'capture 500'],
      })

      const declinedRequest = await bookAppointment(deps(), shopId, {
        variantId: lunch.variantId,
        startsAt: '2026-11-24T13:00:00.000Z',
        resourceId: undefined,
        partySize: 7,
        contact: someone(),
        userId: undefined,
        payment: visa,
      })
      await declineRequest(deps(), shopId, declinedRequest.booking.id)
      await runJobs()
      expect(await moneyOf(db(), declinedRequest.booking.id)).toMatchObject({
        status: 'voided',
        operations: ['authorize 500', 'void 500'],
      })
    })

    it(`after ${NO_SHOW_LIMIT} no-shows, books only with a card hold of the service’s price when the service asks none, and by phone for a free one (UX-18)`, async () => {
      clock.set('2026-10-01T08:00:00.000Z')
      const salon = await salonAsking({ kind: 'none' })
      const free = await aProduct(
        db(),
        salon.shopId,
        {
          name: 'Diagnostic',
          kind: 'service',
          variants: [{ name: 'Offert', priceCents: 0, durationMinutes: 15 }],
        },
        { clock },
      )
      const diagnostic = await setBookableService(deps(), salon.shopId, free.variants[0]!.id, {
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
        stepMinutes: 15,
        noticeMinutes: 60,
        horizonDays: 60,
        cancelHoursBefore: 24,
        resourceIds: [salon.hugo.id],
      })
      const noa = { name: 'Noa', email: 'noa-often-away@example.fr', phone: '' }
      // Tuesday 6 to Friday 9 October, each booked the day before.
      for (let day = 0; day < NO_SHOW_LIMIT; day++) {
        clock.set(`2026-10-0${day + 5}T08:00:00.000Z`)
        const startsAt = `2026-10-0${day + 6}T09:00:00.000Z`
        const { booking } = await salon.book({ startsAt, contact: noa, payment: undefined })
        clock.set(startsAt)
        await markAttendance(deps(), salon.shopId, booking.id, 'no_show')
      }
      clock.set(MONDAY_MORNING)
      const client = { userId: undefined, email: noa.email }
      expect(await depositFor(db(), salon.shopId, salon.haircut, client, clock.now())).toEqual({
        kind: 'card_hold',
        amountCents: 3500,
      })
      expect(await depositFor(db(), salon.shopId, diagnostic, client, clock.now())).toBe('phone_only')
      expect(
        await depositFor(
          db(),
          salon.shopId,
          salon.haircut,
          { userId: undefined, email: 'someone-else@example.fr' },
          clock.now(),
        ),
      ).toBeUndefined()
      expect(await outcomeOf(salon.book({ contact: noa, payment: undefined }))).toBe(
        'bookings.payment_required',
      )
      const { booking } = await salon.book({ contact: noa })
      expect(booking.deposit).toEqual({ kind: 'card_hold', amountCents: 3500 })
      await runJobs()
      expect(await moneyOf(db(), booking.id)).toMatchObject({
        status: 'authorized',
        operations: ['authorize 3500'],
      })
      expect(
        await outcomeOf(
          bookAppointment(deps(), salon.shopId, {
            variantId: diagnostic.variantId,
            startsAt: '2026-11-24T14:00:00.000Z',
            resourceId: undefined,
            contact: noa,
            userId: undefined,
            payment: visa,
          }),
        ),
      ).toBe('bookings.too_many_no_shows')
    })

    it('never leaves a card held without a booking: a card answering after the time to pay ran out is released', async () => {
      const salon = await aSalon(db(), clock, { deposit: { kind: 'card_hold', amountCents: 2000 } })
      let answer: (outcome: 'authorized') => void = () => undefined
      const testCard = builtInPaymentProviders(db()).get('test_card')!
      // A provider that answers when the test says so: the process "hangs" while the card is asked.
      const slowCard: PaymentProvider = {
        ...testCard,
        name: 'slow_card',
        authorize: async (request) => {
          await new Promise<'authorized'>((resolve) => (answer = resolve))
          return testCard.authorize(request)
        },
      }
      const slowDeps = { ...deps(), payments: new Map([...deps().payments, ['slow_card', slowCard]]) }
      const booking = bookAppointment(slowDeps, salon.shopId, {
        variantId: salon.haircut.variantId,
        startsAt: TUESDAY_11H,
        resourceId: salon.lea.id,
        contact: someone(),
        userId: undefined,
        payment: { method: 'slow_card', token: TEST_CARD_TOKENS.accepted },
      })
      let pending: { id: string; status: string } | undefined
      while (!pending) {
        await new Promise((resolve) => setTimeout(resolve, 10))
        pending = await db()
          .selectFrom('bookings')
          .select(['id', 'status'])
          .where('shop_id', '=', salon.shopId)
          .executeTakeFirst()
      }
      expect(pending.status).toBe('pending_payment')
      // The shop does not see it while it waits for its card.
      expect(
        await listShopBookings(db(), salon.shopId, {
          from: '2026-11-23T00:00:00Z',
          to: '2026-11-30T00:00:00Z',
        }),
      ).toEqual([])
      clock.set('2026-11-23T08:16:00.000Z')
      await abandonUnpaidBooking(slowDeps, pending.id)
      expect(
        await db()
          .selectFrom('booking_cells')
          .select('cell_start')
          .where('booking_id', '=', pending.id)
          .execute(),
      ).toEqual([])
      answer('authorized')
      expect(await outcomeOf(booking)).toBe('bookings.payment_declined')
      await startWorker(slowDeps, { pollMs: 60_000 }).drain()
      const row = await db()
        .selectFrom('bookings')
        .select('status')
        .where('id', '=', pending.id)
        .executeTakeFirstOrThrow()
      expect(row.status).toBe('payment_failed')
      expect(await moneyOf(db(), pending.id)).toMatchObject({
        status: 'voided',
        operations: ['authorize 2000', 'void 2000'],
      })
    })

    it('refuses a guarantee out of bounds, field by field', async () => {
      const { shopId, lea, haircut } = await aSalon(db(), clock)
      const settings = {
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
        stepMinutes: 15,
        noticeMinutes: 60,
        horizonDays: 60,
        cancelHoursBefore: 24,
        resourceIds: [lea.id],
      }
      const problemsOf = async (deposit: DepositPolicy) => {
        const error = await setBookableService(deps(), shopId, haircut.variantId, {
          ...settings,
          deposit,
        }).catch((e: unknown) => e)
        return error instanceof AppError
          ? (error.details.errors as Array<{ field: string; code: string }>)
          : 'ok'
      }
      expect(await problemsOf({ kind: 'deposit', percent: 0 })).toEqual([
        { field: 'deposit.percent', code: 'out_of_range' },
      ])
      expect(await problemsOf({ kind: 'deposit', percent: 101 })).toEqual([
        { field: 'deposit.percent', code: 'out_of_range' },
      ])
      expect(await problemsOf({ kind: 'card_hold', amountCents: 99 })).toEqual([
        { field: 'deposit.amountCents', code: 'out_of_range' },
      ])
      expect(await problemsOf({ kind: 'card_hold', amountCents: 50_001 })).toEqual([
        { field: 'deposit.amountCents', code: 'out_of_range' },
      ])
      expect(await problemsOf({ kind: 'gift' } as unknown as DepositPolicy)).toEqual([
        { field: 'deposit.kind', code: 'invalid_deposit_kind' },
      ])
      expect(await problemsOf({ kind: 'deposit', percent: 100 })).toBe('ok')
      expect(await problemsOf({ kind: 'card_hold', amountCents: 50_000 })).toBe('ok')
      // Saved without a guarantee, the service asks none again.
      expect((await setBookableService(deps(), shopId, haircut.variantId, settings)).deposit).toEqual({
        kind: 'none',
      })
    })
  },
)

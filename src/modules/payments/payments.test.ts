import { beforeAll, expect, it } from 'vitest'
import { aBookingToPay } from '../../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { outcomeOf } from '../../../test/harness/outcome.js'
import { fixedClock } from '../../lib/clock.js'
import {
  authorizePayment,
  builtInPaymentProviders,
  cancelPayment,
  capturePayment,
  createPayment,
  findPaymentOfBooking,
  TEST_CARD_TOKENS,
  testCardProvider,
  type PaymentProviders,
  type PaymentsDeps,
} from './index.js'

const clock = fixedClock(MONDAY_MORNING)
const AMOUNT = 2000

forEachEngine('payments', ({ db }) => {
  let payments: PaymentProviders
  const deps = (): PaymentsDeps => ({ db: db(), payments })
  beforeAll(() => {
    payments = builtInPaymentProviders(db())
  })

  /** A new payment of 20 € for a booking's guarantee, with the given provider, as the booking's command creates it. */
  async function aPayment(provider: 'test_card' | 'counter' = 'test_card') {
    const booking = await aBookingToPay(db(), clock)
    const created = await db()
      .transaction()
      .execute((trx) =>
        createPayment(
          trx,
          { bookingId: booking.id, shopId: booking.shopId, provider, amountCents: AMOUNT, currency: 'EUR' },
          clock.now().toISOString(),
        ),
      )
    return { ...created, bookingId: booking.id }
  }
  async function anAuthorizedCardPayment() {
    const payment = await aPayment()
    expect(await authorizePayment(deps(), payment.id, TEST_CARD_TOKENS.accepted, clock.now())).toBe(
      'authorized',
    )
    return payment
  }

  /** The payment as the module and the card provider's books see it: status, operations (kind and amount) and charge. */
  async function moneyOf(bookingId: string) {
    const payment = await findPaymentOfBooking(db(), bookingId)
    if (!payment) return undefined
    const row = await db()
      .selectFrom('payments')
      .select('provider_reference')
      .where('id', '=', payment.id)
      .executeTakeFirstOrThrow()
    const operations = await db()
      .selectFrom('payment_operations')
      .select(['kind', 'amount_cents'])
      .where('payment_id', '=', payment.id)
      .execute()
    const order = ['authorize', 'capture', 'void', 'refund']
    const charge = row.provider_reference
      ? await db()
          .selectFrom('test_card_charges')
          .selectAll()
          .where('id', '=', row.provider_reference)
          .executeTakeFirst()
      : undefined
    return {
      status: payment.status,
      amountCents: payment.amountCents,
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
  const chargeCount = async () =>
    Number(
      (
        await db()
          .selectFrom('test_card_charges')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('starts a card payment pending, and one at the counter already authorized since nothing is held online', async () => {
    const card = await aPayment('test_card')
    const counter = await aPayment('counter')

    expect(card.status).toBe('pending')
    expect(counter.status).toBe('authorized')
    expect(await findPaymentOfBooking(db(), card.bookingId)).toEqual({
      id: card.id,
      orderId: undefined,
      bookingId: card.bookingId,
      provider: 'test_card',
      status: 'pending',
      amountCents: AMOUNT,
      currency: 'EUR',
    })
    expect(await moneyOf(counter.bookingId)).toEqual({
      status: 'authorized',
      amountCents: AMOUNT,
      operations: [],
      charge: undefined,
    })
  })

  it('holds the card once, however many times the authorization is asked at once', async () => {
    const payment = await aPayment()
    const chargesBefore = await chargeCount()

    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        authorizePayment(deps(), payment.id, TEST_CARD_TOKENS.accepted, clock.now()),
      ),
    )

    expect(answers).toEqual(Array(10).fill('authorized'))
    expect(await moneyOf(payment.bookingId)).toEqual({
      status: 'authorized',
      amountCents: AMOUNT,
      operations: [`authorize ${AMOUNT}`],
      charge: { status: 'authorized', captured: 0, refunded: 0 },
    })
    expect(await chargeCount()).toBe(chargesBefore + 1)
  })

  it('records a declined test card as declined, holding nothing, and never takes money from it', async () => {
    const payment = await aPayment()

    expect(await authorizePayment(deps(), payment.id, TEST_CARD_TOKENS.declined, clock.now())).toBe(
      'declined',
    )

    expect(await moneyOf(payment.bookingId)).toEqual({
      status: 'declined',
      amountCents: AMOUNT,
      operations: [`authorize ${AMOUNT}`],
      charge: { status: 'declined', captured: 0, refunded: 0 },
    })
    expect(await outcomeOf(capturePayment(deps(), payment.id, clock.now()))).toBe('payments.wrong_state')
    // Cancelling gives back what is held: nothing is, so nothing happens.
    await cancelPayment(deps(), payment.id, clock.now())
    expect(await moneyOf(payment.bookingId)).toMatchObject({
      status: 'declined',
      operations: [`authorize ${AMOUNT}`],
    })
    // A second try with a good card does not turn a declined payment into a held one.
    expect(await authorizePayment(deps(), payment.id, TEST_CARD_TOKENS.accepted, clock.now())).toBe(
      'declined',
    )
  })

  it('takes the money once at pickup, however many staff ask at once and however often', async () => {
    const payment = await anAuthorizedCardPayment()

    await Promise.all(Array.from({ length: 5 }, () => capturePayment(deps(), payment.id, clock.now())))
    await capturePayment(deps(), payment.id, clock.now())

    expect(await moneyOf(payment.bookingId)).toEqual({
      status: 'captured',
      amountCents: AMOUNT,
      operations: [`authorize ${AMOUNT}`, `capture ${AMOUNT}`],
      charge: { status: 'captured', captured: AMOUNT, refunded: 0 },
    })
  })

  it('releases the hold when cancelled before the money is taken, and refunds it when cancelled after', async () => {
    const held = await anAuthorizedCardPayment()
    await cancelPayment(deps(), held.id, clock.now())
    expect(await moneyOf(held.bookingId)).toEqual({
      status: 'voided',
      amountCents: AMOUNT,
      operations: [`authorize ${AMOUNT}`, `void ${AMOUNT}`],
      charge: { status: 'voided', captured: 0, refunded: 0 },
    })

    const taken = await anAuthorizedCardPayment()
    await capturePayment(deps(), taken.id, clock.now())
    await cancelPayment(deps(), taken.id, clock.now())
    const refunded = {
      status: 'refunded',
      amountCents: AMOUNT,
      operations: [`authorize ${AMOUNT}`, `capture ${AMOUNT}`, `refund ${AMOUNT}`],
      charge: { status: 'refunded', captured: AMOUNT, refunded: AMOUNT },
    }
    expect(await moneyOf(taken.bookingId)).toEqual(refunded)

    // Cancelled again (a retried job): the money is not given back twice.
    await cancelPayment(deps(), taken.id, clock.now())
    expect(await moneyOf(taken.bookingId)).toEqual(refunded)
  })

  it('refuses to take the money of a released hold', async () => {
    const payment = await anAuthorizedCardPayment()
    await cancelPayment(deps(), payment.id, clock.now())

    expect(await outcomeOf(capturePayment(deps(), payment.id, clock.now()))).toBe('payments.wrong_state')
    expect(await moneyOf(payment.bookingId)).toMatchObject({
      status: 'voided',
      operations: [`authorize ${AMOUNT}`, `void ${AMOUNT}`],
      charge: { status: 'voided', captured: 0 },
    })
  })

  it('takes and gives back a payment at the counter without any card', async () => {
    const payment = await aPayment('counter')
    await capturePayment(deps(), payment.id, clock.now())
    expect(await moneyOf(payment.bookingId)).toEqual({
      status: 'captured',
      amountCents: AMOUNT,
      operations: [`capture ${AMOUNT}`],
      charge: undefined,
    })
    await cancelPayment(deps(), payment.id, clock.now())
    expect(await moneyOf(payment.bookingId)).toEqual({
      status: 'refunded',
      amountCents: AMOUNT,
      operations: [`capture ${AMOUNT}`, `refund ${AMOUNT}`],
      charge: undefined,
    })
  })

  it('has the test card provider answer a repeated key with its first answer, and refuse a charge moved out of order', async () => {
    const provider = testCardProvider(db())
    const key = `key-${Math.random().toString(36).slice(2)}`
    const first = await provider.authorize({
      idempotencyKey: `${key}:authorize`,
      amountCents: AMOUNT,
      currency: 'EUR',
      token: TEST_CARD_TOKENS.accepted,
    })
    // The same key with another card: the first answer, the same charge.
    expect(
      await provider.authorize({
        idempotencyKey: `${key}:authorize`,
        amountCents: AMOUNT,
        currency: 'EUR',
        token: TEST_CARD_TOKENS.declined,
      }),
    ).toEqual(first)

    // A charge only held cannot be refunded; one voided cannot be captured.
    expect(
      await outcomeOf(
        provider.refund({ idempotencyKey: `${key}:refund`, reference: first.reference, amountCents: AMOUNT }),
      ),
    ).toBe('payments.provider_refused')
    await provider.void({ idempotencyKey: `${key}:void`, reference: first.reference })
    expect(
      await outcomeOf(
        provider.capture({
          idempotencyKey: `${key}:capture`,
          reference: first.reference,
          amountCents: AMOUNT,
        }),
      ),
    ).toBe('payments.provider_refused')
    // The void asked again under its key is done already: no error, no change.
    await provider.void({ idempotencyKey: `${key}:void`, reference: first.reference })
    const charge = await db()
      .selectFrom('test_card_charges')
      .selectAll()
      .where('id', '=', first.reference)
      .executeTakeFirstOrThrow()
    expect({
      status: charge.status,
      captured: charge.captured_cents,
      refunded: charge.refunded_cents,
    }).toEqual({ status: 'voided', captured: 0, refunded: 0 })
  })
})

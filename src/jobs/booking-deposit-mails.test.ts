import { expect, it } from 'vitest'
import { aRestaurant, aSalon } from '../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../test/factories/ordering.js'
import { forEachEngine } from '../../test/harness/engines.js'
import { mailJobsForSuite } from '../../test/harness/journey-worker.js'
import { fixedClock } from '../lib/clock.js'
import { formatEuros } from '../lib/french-format.js'
import { newSecretToken } from '../lib/secret-token.js'
import { bookAppointment, cancelBookingByLink, declineRequest } from '../modules/bookings/index.js'
import { TEST_CARD_TOKENS } from '../modules/payments/index.js'
import { startWorker } from './worker.js'

const visa = { method: 'test_card', token: TEST_CARD_TOKENS.accepted }

forEachEngine('what a cancellation mail says of the money left online (UX-16)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const mail = mailJobsForSuite(db, clock)

  const anEmail = () => `acompte-${newSecretToken().slice(0, 8).toLowerCase()}@example.fr`
  const contact = (email: string) => ({ name: 'Noa Petit', email, phone: '' })
  const lastMailTo = (email: string) => mail.smtp.to(email).at(-1)!

  it('a prepayment taken is refunded; one cancelled before it was taken is only released', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, haircut, lea, hugo } = await aSalon(db(), clock, { deposit: { kind: 'prepayment' } })
    const worker = startWorker(mail.deps, { pollMs: 60_000 })
    const taken = anEmail()
    const first = await bookAppointment(mail.deps, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-25T10:00:00.000Z',
      resourceId: lea.id,
      contact: contact(taken),
      userId: undefined,
      payment: visa,
    })
    await worker.drain()
    await cancelBookingByLink(mail.deps, first.booking.id, first.cancelToken)
    await worker.drain()
    expect(lastMailTo(taken).text).toContain(
      `Les ${formatEuros(3500)} réglés en ligne vous sont remboursés sur votre carte.`,
    )

    // Cancelled before the worker took the payment: the authorization is voided, nothing was ever debited.
    const quick = anEmail()
    const second = await bookAppointment(mail.deps, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-25T10:00:00.000Z',
      resourceId: hugo.id,
      contact: contact(quick),
      userId: undefined,
      payment: visa,
    })
    await cancelBookingByLink(mail.deps, second.booking.id, second.cancelToken)
    await worker.drain()
    expect(lastMailTo(quick).text).toContain(
      `Les ${formatEuros(3500)} réservés sur votre carte sont libérés : rien n’est débité.`,
    )
    expect(lastMailTo(quick).text).not.toContain('remboursés')
  })

  it('a table request with a 20 % deposit, declined or withdrawn, says the 5 € held on the card are released', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lunch } = await aRestaurant(db(), clock, { deposit: { kind: 'deposit', percent: 20 } })
    const worker = startWorker(mail.deps, { pollMs: 60_000 })
    const request = (email: string) =>
      bookAppointment(mail.deps, shopId, {
        variantId: lunch.variantId,
        startsAt: '2026-11-24T11:00:00.000Z',
        resourceId: undefined,
        partySize: 7,
        contact: contact(email),
        userId: undefined,
        payment: visa,
      })
    const declined = anEmail()
    const first = await request(declined)
    expect(first.booking.status).toBe('requested')
    await worker.drain()
    await declineRequest(mail.deps, shopId, first.booking.id)
    await worker.drain()
    expect(lastMailTo(declined).text).toContain('ne peut pas accueillir votre groupe de 7 personnes')
    expect(lastMailTo(declined).text).toContain(
      `Les ${formatEuros(500)} réservés sur votre carte sont libérés : rien n’est débité.`,
    )

    const withdrawn = anEmail()
    const second = await request(withdrawn)
    await worker.drain()
    await cancelBookingByLink(mail.deps, second.booking.id, second.cancelToken)
    await worker.drain()
    expect(lastMailTo(withdrawn).text).toContain(
      `Les ${formatEuros(500)} réservés sur votre carte sont libérés : rien n’est débité.`,
    )
  })
})

import { expect, it } from 'vitest'
import { aRestaurant } from '../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../test/factories/ordering.js'
import { forEachEngine } from '../../test/harness/engines.js'
import { mailJobsForSuite } from '../../test/harness/journey-worker.js'
import { fixedClock } from '../lib/clock.js'
import { newSecretToken } from '../lib/secret-token.js'
import {
  bookAppointment,
  cancelBookingByLink,
  confirmRequest,
  declineRequest,
  getBooking,
} from '../modules/bookings/index.js'
import { TEST_CARD_TOKENS } from '../modules/payments/index.js'
import { startWorker } from './worker.js'

const NOON = '2026-11-24T11:00:00.000Z'

forEachEngine('emails of a large party’s request (issue #5, tables)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const mail = mailJobsForSuite(db, clock)

  const anEmail = () => `groupe-${newSecretToken().slice(0, 8).toLowerCase()}@example.fr`
  const request = async (
    shopId: Parameters<typeof bookAppointment>[1],
    variantId: string,
    email: string,
    partySize = 7,
  ) =>
    bookAppointment(mail.deps, shopId, {
      variantId,
      startsAt: NOON,
      resourceId: undefined,
      partySize,
      contact: { name: 'Famille Roux', email, phone: '' },
      userId: undefined,
    })

  it('tells the resident their request is not a booking yet, asks the restaurant to answer, then confirms with a new link', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lunch } = await aRestaurant(db(), clock)
    const email = anEmail()
    const { booking, cancelToken } = await request(shopId, lunch.variantId, email)
    const worker = startWorker(mail.deps, { pollMs: 60_000 })
    try {
      await worker.drain()
      const [received] = mail.smtp.to(email)
      expect(received!.subject).toMatch(
        /^Demande de réservation reçue : Déjeuner \(Menu du jour\), mardi 24 novembre à 12:00 — /,
      )
      expect(received!.text).toContain('table pour 7 personnes')
      expect(received!.text).toContain('Ce n’est pas encore une réservation')
      // No calendar entry for what is not booked yet, but a link to withdraw it.
      expect(received!.attachments).toHaveLength(0)
      expect(received!.text).toContain(
        `/reservations/${booking.id}/annulation?jeton=${encodeURIComponent(cancelToken)}`,
      )
      // The restaurant's address gets the request with a link to the day it falls on.
      const [toShop] = mail.smtp
        .to('salle@bistrot.example.fr')
        .filter((m) => m.text?.includes('Famille Roux'))
      expect(toShop!.subject).toBe('À confirmer : table pour 7 personnes, mardi 24 novembre à 12:00')
      expect(toShop!.text).toContain(`/admin/${shopId}/rendez-vous?jour=2026-11-24#rdv-${booking.id}`)

      await confirmRequest(mail.deps, shopId, booking.id)
      await worker.drain()
      const mails = mail.smtp.to(email)
      expect(mails).toHaveLength(2)
      expect(mails[1]!.subject).toMatch(
        /^Réservation confirmée : Déjeuner \(Menu du jour\), mardi 24 novembre à 12:00/,
      )
      expect(mails[1]!.text).toContain('Prestation : Déjeuner (Menu du jour), table pour 7 personnes')
      expect(mails[1]!.text).toContain('(120 min)')
      expect(mails[1]!.text).toContain(
        'Pas de droit de rétractation : Déjeuner (Menu du jour) (prestation à date fixe) (article L221-28 du Code de la consommation).',
      )
      const ics = mails[1]!.attachments
        .find((a) => a.filename === 'rendez-vous.ics')!
        .content.toString('utf8')
      expect(ics).toContain('Table pour 7 personnes.')
      // The confirmation's link is a new one: the request's link no longer opens the booking.
      const link = /\/reservations\/[0-9A-Z]+\/annulation\?jeton=([^\s]+)/.exec(mails[1]!.text!)![1]!
      expect(decodeURIComponent(link)).not.toBe(cancelToken)
      expect(
        await cancelBookingByLink(mail.deps, booking.id, cancelToken).catch((e: { code: string }) => e.code),
      ).toBe('bookings.booking_not_found')
    } finally {
      await worker.stop()
    }
  })

  it('tells the resident once when the restaurant declines, and sends no request message for one withdrawn before it left', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lunch } = await aRestaurant(db(), clock)
    const email = anEmail()
    const { booking } = await request(shopId, lunch.variantId, email, 6)
    await declineRequest(mail.deps, shopId, booking.id)
    const withdrawnEmail = anEmail()
    const withdrawn = await request(shopId, lunch.variantId, withdrawnEmail, 6)
    await cancelBookingByLink(mail.deps, withdrawn.booking.id, withdrawn.cancelToken)
    const worker = startWorker(mail.deps, { pollMs: 60_000 })
    try {
      await worker.drain()
      // Declined before the acknowledgement left: only the answer is sent.
      const mails = mail.smtp.to(email)
      expect(mails.map((m) => m.subject)).toEqual([
        expect.stringMatching(
          /^Demande de réservation déclinée : Déjeuner \(Menu du jour\), mardi 24 novembre à 12:00/,
        ),
      ])
      expect(mails[0]!.text).toContain(
        'ne peut pas accueillir votre groupe de 6 personnes le mardi 24 novembre à 12:00',
      )
      expect(mail.smtp.to(withdrawnEmail).map((m) => m.subject)).toEqual([
        expect.stringMatching(/^Réservation annulée : /),
      ])
      await declineRequest(mail.deps, shopId, booking.id)
      await worker.drain()
      expect(mail.smtp.to(email)).toHaveLength(1)
    } finally {
      await worker.stop()
    }
  })

  it('closes a request nobody answered by its time, releases the card held for it, and leaves an answered one alone', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lunch } = await aRestaurant(db(), clock, {
      deposit: { kind: 'card_hold', amountCents: 2000 },
    })
    const payment = { method: 'test_card', token: TEST_CARD_TOKENS.accepted }
    const unanswered = anEmail()
    const answered = anEmail()
    const left = await bookAppointment(mail.deps, shopId, {
      variantId: lunch.variantId,
      startsAt: NOON,
      resourceId: undefined,
      partySize: 7,
      contact: { name: 'Famille Roux', email: unanswered, phone: '' },
      userId: undefined,
      payment,
    })
    // The next day (one table seats six or seven): confirmed by the restaurant, it is left alone at its time.
    const WEDNESDAY_NOON = '2026-11-25T11:00:00.000Z'
    const taken = await bookAppointment(mail.deps, shopId, {
      variantId: lunch.variantId,
      startsAt: WEDNESDAY_NOON,
      resourceId: undefined,
      partySize: 6,
      contact: { name: 'Famille Blin', email: answered, phone: '' },
      userId: undefined,
      payment,
    })
    await confirmRequest(mail.deps, shopId, taken.booking.id)
    const worker = startWorker(mail.deps, { pollMs: 60_000 })
    try {
      await worker.drain()
      clock.set('2026-11-24T10:59:00Z')
      await worker.drain()
      expect((await getBooking(db(), left.booking.id)).status).toBe('requested')
      clock.set(NOON)
      await worker.drain()
      await worker.drain()
      expect((await getBooking(db(), left.booking.id)).status).toBe('cancelled')
      const lapsed = mail.smtp.to(unanswered).at(-1)!
      expect(lapsed.subject).toMatch(
        /^Demande de réservation sans réponse : Déjeuner \(Menu du jour\), mardi 24 novembre à 12:00 — /,
      )
      expect(lapsed.text).toContain(
        'n’a pas répondu à votre demande pour 7 personnes le mardi 24 novembre à 12:00 avant l’heure réservée : elle est close.',
      )
      expect(lapsed.text).toContain('est libérée : rien n’est débité.')
      const held = await db()
        .selectFrom('payments')
        .select('status')
        .where('booking_id', '=', left.booking.id)
        .executeTakeFirstOrThrow()
      expect(held.status).toBe('voided')
      clock.set(WEDNESDAY_NOON)
      await worker.drain()
      expect((await getBooking(db(), taken.booking.id)).status).toBe('confirmed')
      expect(mail.smtp.to(answered).map((m) => m.subject?.split(' :')[0])).toEqual([
        'Réservation confirmée',
        'Rappel',
      ])
    } finally {
      await worker.stop()
      clock.set(MONDAY_MORNING)
    }
  })
})

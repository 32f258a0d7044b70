import { expect, it } from 'vitest'
import { aSalon } from '../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../test/factories/ordering.js'
import { forEachEngine } from '../../test/harness/engines.js'
import { mailJobsForSuite } from '../../test/harness/journey-worker.js'
import { fixedClock } from '../lib/clock.js'
import { newSecretToken } from '../lib/secret-token.js'
import {
  bookAppointment,
  bookingOfLink,
  cancelBookingByLink,
  cancelBookingByShop,
  moveBooking,
} from '../modules/bookings/index.js'
import { startWorker } from './worker.js'

forEachEngine('booking emails with calendar files (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const mail = mailJobsForSuite(db, clock)

  const mailsTo = (email: string) => mail.smtp.to(email)
  const calendarOf = (message: (typeof mail.smtp.received)[number]) =>
    message.attachments.find((a) => a.filename === 'rendez-vous.ics')

  it('confirms a booking with its cancel link and a calendar file, and cancels it with one more message that drops the event', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, haircut } = await aSalon(db(), clock)
    const email = `client-${newSecretToken().slice(0, 8).toLowerCase()}@example.fr`
    const { booking } = await bookAppointment(mail.deps, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-24T10:00:00.000Z',
      resourceId: undefined,
      contact: { name: 'Lou Bernard', email, phone: '' },
      userId: undefined,
    })
    const worker = startWorker(mail.deps, { pollMs: 60_000 })
    try {
      await worker.drain()
      const [confirmation] = mailsTo(email)
      expect(confirmation!.subject).toMatch(
        /^Réservation confirmée : Coupe femme \(Cheveux courts\), mardi 24 novembre à 11:00 — /,
      )
      expect(confirmation!.text).toContain('avec Léa')
      expect(confirmation!.text).toContain('35,00')
      expect(confirmation!.text).toContain('jusqu’au lundi 23 novembre à 11:00')
      // LAW F1: the withdrawal right the booking page stated, kept in the confirmation.
      expect(confirmation!.text).toContain(
        'Droit de rétractation : 14 jours à compter de la réservation, tant que la prestation n’a pas eu lieu ; écrivez-le au commerce',
      )
      const link = /(http:\/\/localhost\/reservations\/[0-9A-Z]+\/annulation\?jeton=[^\s]+)/.exec(
        confirmation!.text!,
      )![1]!
      expect(link).toContain(booking.id)
      // The link's secret is not kept in the outbox once the message is handled.
      const handled = await db()
        .selectFrom('outbox')
        .select(['payload', 'done_at'])
        .where('topic', '=', 'booking.confirmed')
        .where('key', '=', booking.id)
        .executeTakeFirstOrThrow()
      expect([handled.payload, handled.done_at !== null]).toEqual(['null', true])
      const ics = calendarOf(confirmation!)!
      expect(ics.contentType).toBe('text/calendar')
      const calendar = ics.content.toString('utf8')
      for (const line of [
        'BEGIN:VCALENDAR',
        'METHOD:PUBLISH',
        `UID:${booking.id}@comptoir`,
        'DTSTART:20261124T100000Z',
        'DTEND:20261124T104500Z',
        'STATUS:CONFIRMED',
        'END:VEVENT',
      ])
        expect(calendar).toContain(line)

      // The link's secret cancels: one more message, whose calendar file cancels the same event.
      await cancelBookingByLink(
        mail.deps,
        booking.id,
        decodeURIComponent(new URL(link).searchParams.get('jeton')!),
      )
      await worker.drain()
      const mails = mailsTo(email)
      expect(mails).toHaveLength(2)
      expect(mails[1]!.subject).toMatch(/^Réservation annulée : Coupe femme/)
      expect(mails[1]!.text).toContain('comme vous l’avez demandé')
      const cancelled = calendarOf(mails[1]!)!.content.toString('utf8')
      for (const line of ['METHOD:CANCEL', `UID:${booking.id}@comptoir`, 'STATUS:CANCELLED', 'SEQUENCE:1'])
        expect(cancelled).toContain(line)
      // Cancelling again, by the shop this time, sends nothing more.
      await cancelBookingByShop(mail.deps, shopId, booking.id)
      await worker.drain()
      expect(mailsTo(email)).toHaveLength(2)
    } finally {
      await worker.stop()
    }
  })

  it('tells the resident once when the shop moves the booking, with the new time, a new cancel link and the calendar entry updated', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, hugo, haircut } = await aSalon(db(), clock)
    const email = `client-${newSecretToken().slice(0, 8).toLowerCase()}@example.fr`
    const { booking } = await bookAppointment(mail.deps, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-25T10:00:00.000Z',
      resourceId: lea.id,
      contact: { name: 'Lou Bernard', email, phone: '' },
      userId: undefined,
    })
    const worker = startWorker(mail.deps, { pollMs: 60_000 })
    try {
      await worker.drain()
      clock.set('2026-11-23T09:30:00.000Z')
      await moveBooking(mail.deps, shopId, booking.id, {
        startsAt: '2026-11-25T14:00:00.000Z',
        resourceId: hugo.id,
      })
      await worker.drain()
      const mails = mailsTo(email)
      expect(mails.map((m) => (m.subject ?? '').split(' :')[0])).toEqual([
        'Réservation confirmée',
        'Réservation déplacée',
      ])
      const text = mails[1]!.text!
      expect(text).toContain('Avant : le mercredi 25 novembre à 11:00.')
      expect(text).toContain('Désormais : le mercredi 25 novembre à 15:00 (45 min), avec Hugo.')
      const link = /(http:\/\/localhost\/reservations\/[0-9A-Z]+\/annulation\?jeton=[^\s]+)/.exec(text)![1]!
      expect(
        (await bookingOfLink(db(), booking.id, decodeURIComponent(new URL(link).searchParams.get('jeton')!)))
          .startsAt,
      ).toBe('2026-11-25T14:00:00.000Z')
      const calendar = calendarOf(mails[1]!)!.content.toString('utf8')
      for (const line of [
        'METHOD:PUBLISH',
        `UID:${booking.id}@comptoir`,
        'DTSTART:20261125T140000Z',
        'SEQUENCE:91',
      ])
        expect(calendar).toContain(line)
    } finally {
      await worker.stop()
    }
  })
})

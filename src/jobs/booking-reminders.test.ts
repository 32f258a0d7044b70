import { expect, it } from 'vitest'
import { aSalon } from '../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../test/factories/ordering.js'
import { FormClient, useTestApp } from '../../test/harness/app.js'
import { forEachEngine } from '../../test/harness/engines.js'
import { mailJobsForSuite } from '../../test/harness/journey-worker.js'
import { runWorkerUntil, withManualWorker } from '../../test/harness/worker-clock.js'
import { fixedClock } from '../lib/clock.js'
import { newId, type UserId } from '../lib/ids.js'
import { toZoned } from '../lib/zoned-time.js'
import {
  bookAppointment,
  bookingOfLink,
  cancelBookingByLink,
  getBooking,
  listShopBookings,
} from '../modules/bookings/index.js'
import { getShop, setWeeklyHours } from '../modules/shops/index.js'
import { handlers } from './handlers.js'
import type { Worker } from './worker.js'

const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ')

forEachEngine('booking reminders the day before (issue #5, UX-15)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const mail = mailJobsForSuite(db, clock)
  const server = useTestApp(db, { clock, checkoutRateLimit: 1_000 })

  const anEmail = () => `client-${newId().toLowerCase()}@example.fr`
  const mailsTo = (email: string) => mail.smtp.to(email)
  const remindersTo = (email: string) => mailsTo(email).filter((m) => m.subject?.startsWith('Rappel'))
  const contact = (email: string) => ({ name: 'Lou Bernard', email, phone: '' })

  const runUntil = (worker: Worker, until: string, emails: string[]) =>
    runWorkerUntil({ worker, clock, smtp: mail.smtp }, until, emails)
  const withWorker = (run: (worker: Worker) => Promise<void>) => withManualWorker(mail.deps, run)

  it('reminds a booking made three days ahead exactly once, 24 hours before, with where, what, the cancel link and the calendar file', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, haircut } = await aSalon(db(), clock, { cancelHoursBefore: 2 })
    const shop = await getShop(db(), shopId)
    const email = anEmail()
    // Thursday 26 November, 11:00 in Paris.
    const { booking, cancelToken } = await bookAppointment(mail.deps, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-26T10:00:00.000Z',
      resourceId: lea.id,
      contact: contact(email),
      userId: undefined,
    })
    await withWorker(async (worker) => {
      expect(await runUntil(worker, '2026-11-26T10:00:00Z', [email])).toEqual([
        { to: email, at: '2026-11-25T10:00:00.000Z' },
      ])
      expect(mailsTo(email).map((m) => m.subject?.split(' :')[0])).toEqual([
        'Réservation confirmée',
        'Rappel',
      ])

      const [reminder] = remindersTo(email)
      expect(reminder!.subject).toBe(
        `Rappel : Coupe femme (Cheveux courts), jeudi 26 novembre à 11:00 — ${shop.name}`,
      )
      const text = plain(reminder!.text!)
      expect(text).toContain('Le jeudi 26 novembre à 11:00 (45 min)')
      expect(text).toContain(
        `Adresse : ${shop.address.street}, ${shop.address.postalCode} ${shop.address.city}`,
      )
      expect(text).toContain('Prestation : Coupe femme (Cheveux courts), avec Léa')
      expect(text).toContain('Annulez en un clic jusqu’au jeudi 26 novembre à 09:00')
      expect(reminder!.html).toContain('<li>Adresse : ')
      // The reminder's own copy of the link's secret opens this booking.
      const link = /(http:\/\/localhost\/reservations\/[0-9A-Z]+\/annulation\?jeton=[^\s]+)/.exec(text)![1]!
      expect(reminder!.html).toContain(`<a href="${link.replace('=', '&#61;')}">Annulez en un clic</a>`)
      expect(
        (await bookingOfLink(db(), booking.id, decodeURIComponent(new URL(link).searchParams.get('jeton')!)))
          .id,
      ).toBe(booking.id)
      const calendar = reminder!.attachments
        .find((a) => a.filename === 'rendez-vous.ics')!
        .content.toString('utf8')
      for (const line of [
        'METHOD:PUBLISH',
        `UID:${booking.id}@comptoir`,
        'DTSTART:20261126T100000Z',
        'STATUS:CONFIRMED',
      ])
        expect(calendar).toContain(line)
      // The secret is not kept in the outbox once the reminder is handled.
      const handled = await db()
        .selectFrom('outbox')
        .select(['payload', 'done_at'])
        .where('topic', '=', 'booking.reminder')
        .where('key', 'like', `${booking.id}@%`)
        .execute()
      expect(handled.map((m) => [m.payload, m.done_at !== null])).toEqual([['null', true]])

      // Delivered again (the outbox is at least once): the resident still has one reminder.
      await handlers['booking.reminder'](mail.deps, {
        topic: 'booking.reminder',
        key: `${booking.id}@${booking.startsAt}`,
        shopId,
        payload: { cancelToken },
      })
      await runUntil(worker, '2026-11-26T12:00:00Z', [email])
      expect(remindersTo(email)).toHaveLength(1)
    })
  })

  it('sends no reminder for a booking cancelled meanwhile, nor the old time’s for a booking moved meanwhile', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, hugo, haircut } = await aSalon(db(), clock)
    const cancelled = anEmail()
    const moved = anEmail()
    const first = await bookAppointment(mail.deps, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-26T10:00:00.000Z',
      resourceId: lea.id,
      contact: contact(cancelled),
      userId: undefined,
    })
    const second = await bookAppointment(mail.deps, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-26T10:00:00.000Z',
      resourceId: hugo.id,
      contact: contact(moved),
      userId: undefined,
    })
    await withWorker(async (worker) => {
      await runUntil(worker, '2026-11-24T09:00:00Z', [])
      await cancelBookingByLink(mail.deps, first.booking.id, first.cancelToken)
      // Its reminder, with its copy of the link's secret, does not wait in the outbox.
      const pending = await db()
        .selectFrom('outbox')
        .select('key')
        .where('topic', '=', 'booking.reminder')
        .where('key', 'like', `${first.booking.id}@%`)
        .where('done_at', 'is', null)
        .execute()
      expect(pending).toEqual([])
      // No command moves a booking yet: the shop's future "move" changes the start, as this update does.
      await db()
        .updateTable('bookings')
        .set({ starts_at: '2026-11-27T10:00:00.000Z', ends_at: '2026-11-27T10:45:00.000Z' })
        .where('id', '=', second.booking.id)
        .execute()
      expect(await runUntil(worker, '2026-11-26T10:00:00Z', [cancelled, moved])).toEqual([])
      expect(mailsTo(cancelled).map((m) => m.subject?.split(' :')[0])).toEqual([
        'Réservation confirmée',
        'Réservation annulée',
      ])
      expect(mailsTo(moved).map((m) => m.subject?.split(' :')[0])).toEqual(['Réservation confirmée'])
    })
  })

  it('sends none for a booking made less than 26 hours ahead: the confirmation is enough', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, haircut } = await aSalon(db(), clock, { cancelHoursBefore: 2 })
    const soon = anEmail()
    const justInTime = anEmail()
    // Tuesday 10:45 and 11:00 in Paris, booked on Monday at 09:00: 25 h 45 and 26 h ahead.
    await bookAppointment(mail.deps, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-24T09:45:00.000Z',
      resourceId: lea.id,
      contact: contact(soon),
      userId: undefined,
    })
    await bookAppointment(mail.deps, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-24T13:00:00.000Z',
      resourceId: lea.id,
      contact: contact(justInTime),
      userId: undefined,
    })
    await withWorker(async (worker) => {
      expect(await runUntil(worker, '2026-11-24T13:00:00Z', [soon, justInTime])).toEqual([
        { to: justInTime, at: '2026-11-23T13:00:00.000Z' },
      ])
    })
  })

  it('asks on the booking form, ticked by default, and sends none to a resident who unticked it (also through the API)', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, haircut } = await aSalon(db(), clock, { cancelHoursBefore: 2 })
    const shop = await getShop(db(), shopId)
    const path = `/commerces/${shop.slug}/rendez-vous/${haircut.variantId}`
    const keeps = anEmail()
    const declines = anEmail()
    const viaApi = anEmail()

    const visitor = new FormClient(server.baseUrl)
    const page = (await visitor.get(path)).body
    expect(page).toMatch(
      /<input type="checkbox" id="f-rappel" name="rappel" value="1" aria-describedby="f-rappel-hint" checked \/> M’envoyer un rappel la veille<\/label>/,
    )
    // A browser sends a ticked box as rappel=1 and an unticked one not at all.
    const kept = await visitor.postForm(path, {
      startsAt: '2026-11-26T10:00:00.000Z|',
      name: 'Lou',
      email: keeps,
      phone: '',
      rappel: '1',
    })
    const declined = await visitor.postForm(path, {
      startsAt: '2026-11-26T11:00:00.000Z|',
      name: 'Sam',
      email: declines,
      phone: '',
    })
    expect([kept.status, declined.status]).toEqual([303, 303])
    // A form sent back with a problem keeps the box as the resident left it.
    const refused = await visitor.postForm(path, {
      startsAt: '2026-11-26T12:00:00.000Z|',
      name: 'Noa',
      email: 'pas-une-adresse',
      phone: '',
    })
    expect(refused.status).toBe(400)
    expect(refused.body).toMatch(/name="rappel" value="1" aria-describedby="f-rappel-hint" \/>/)

    const api = await fetch(`${server.baseUrl}/api/v1/shops/${shopId}/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        variantId: haircut.variantId,
        startsAt: '2026-11-26T13:00:00.000Z',
        contact: { name: 'Eli', email: viaApi },
        wantsReminder: false,
      }),
    })
    const answer = (await api.json()) as { booking: { id: string; wantsReminder: boolean } }
    expect([api.status, answer.booking.wantsReminder]).toEqual([201, false])

    const booked = await listShopBookings(db(), shopId, {
      from: '2026-11-26T00:00:00Z',
      to: '2026-11-27T00:00:00Z',
    })
    expect(booked.map((b) => [b.contact.email, b.wantsReminder])).toEqual([
      [keeps, true],
      [declines, false],
      [viaApi, false],
    ])
    await withWorker(async (worker) => {
      expect(await runUntil(worker, '2026-11-26T13:00:00Z', [keeps, declines, viaApi])).toEqual([
        { to: keeps, at: '2026-11-25T10:00:00.000Z' },
      ])
      expect(mailsTo(declines).map((m) => m.subject?.split(' :')[0])).toEqual(['Réservation confirmée'])
    })
  })

  it('moves a reminder due at night out of quiet hours, and never sends one between 21:00 and 08:00', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, hugo, haircut } = await aSalon(db(), clock, { cancelHoursBefore: 2 })
    // Open early and late every day, so that an appointment's "24 hours before" falls in the night.
    await setWeeklyHours(
      { db: db(), clock },
      undefined as unknown as UserId,
      shopId,
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensMinute: 7 * 60, closesMinute: 23 * 60 })),
    )
    const early = anEmail()
    const late = anEmail()
    // Thursday 07:30 and 21:30 in Paris.
    await bookAppointment(mail.deps, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-26T06:30:00.000Z',
      resourceId: lea.id,
      contact: contact(early),
      userId: undefined,
    })
    await bookAppointment(mail.deps, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-26T20:30:00.000Z',
      resourceId: hugo.id,
      contact: contact(late),
      userId: undefined,
    })
    await withWorker(async (worker) => {
      const arrived = await runUntil(worker, '2026-11-26T20:30:00Z', [early, late])
      // 08:00 the day before for the early one; 08:00 the same day (13 h 30 ahead) for the late one.
      expect(arrived).toEqual([
        { to: early, at: '2026-11-25T07:00:00.000Z' },
        { to: late, at: '2026-11-26T07:00:00.000Z' },
      ])
      for (const { at } of arrived)
        expect(toZoned(new Date(at), 'Europe/Paris').minuteOfDay).toBeGreaterThanOrEqual(8 * 60)
    })
  })

  it('puts a reminder that came due while the worker was down off to 08:00 rather than send it at night', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, haircut } = await aSalon(db(), clock)
    const email = anEmail()
    // Thursday 11:00 in Paris, cancellable online until Wednesday 11:00: due two hours before that, but no worker runs until 22:00.
    const { booking } = await bookAppointment(mail.deps, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-26T10:00:00.000Z',
      resourceId: lea.id,
      contact: contact(email),
      userId: undefined,
    })
    clock.set('2026-11-25T21:00:00Z')
    await withWorker(async (worker) => {
      const arrived = await runUntil(worker, '2026-11-26T10:00:00Z', [email])
      expect(arrived).toEqual([{ to: email, at: '2026-11-26T07:00:00.000Z' }])
      // Past the online deadline, the reminder says to call instead of offering a link that no longer works.
      const text = plain(remindersTo(email)[0]!.text!)
      expect(text).toContain('Il est trop tard pour annuler en ligne : appelez le ')
      expect(text).not.toContain('/annulation?jeton=')
      expect((await getBooking(db(), booking.id)).status).toBe('confirmed')
    })
  })
})

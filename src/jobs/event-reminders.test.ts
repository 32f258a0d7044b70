import { expect, it } from 'vitest'
import { aTasting, residentContact } from '../../test/factories/events.js'
import { MONDAY_MORNING } from '../../test/factories/ordering.js'
import { FormClient, useTestApp } from '../../test/harness/app.js'
import { forEachEngine } from '../../test/harness/engines.js'
import { mailJobsForSuite } from '../../test/harness/journey-worker.js'
import { runWorkerUntil, withManualWorker } from '../../test/harness/worker-clock.js'
import { fixedClock } from '../lib/clock.js'
import { newId } from '../lib/ids.js'
import { toZoned } from '../lib/zoned-time.js'
import {
  acceptOffer,
  cancelEvent,
  cancelRegistrationByLink,
  registerForEvent,
  registrationOfLink,
} from '../modules/events/index.js'
import type { Worker } from './worker.js'

const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ')
const FRIDAY_EVENING = '2026-11-27T18:00:00.000Z'

forEachEngine('event reminders the day before (issue #5, UX-15)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const mail = mailJobsForSuite(db, clock)
  const server = useTestApp(db, { clock, checkoutRateLimit: 1_000 })

  const anEmail = () => `invite-${newId().toLowerCase()}@example.fr`
  const contact = (email: string) => ({ ...residentContact(0), email })
  const remindersTo = (email: string) => mail.smtp.to(email).filter((m) => m.subject?.startsWith('Rappel'))
  const pendingReminders = (registrationId: string) =>
    db()
      .selectFrom('outbox')
      .select('key')
      .where('topic', '=', 'event.reminder')
      .where('key', 'like', `${registrationId}@%`)
      .where('done_at', 'is', null)
      .execute()

  const runUntil = (worker: Worker, until: string, emails: string[]) =>
    runWorkerUntil({ worker, clock, smtp: mail.smtp }, until, emails)
  const withWorker = (run: (worker: Worker) => Promise<void>) => withManualWorker(mail.deps, run)

  it('reminds a seated resident once, before the cancellation deadline and out of quiet hours, with the link and the calendar file', async () => {
    clock.set(MONDAY_MORNING)
    const { event } = await aTasting(db(), clock)
    const email = anEmail()
    const { registration } = await registerForEvent(mail.deps, event.id, {
      seats: 2,
      contact: contact(email),
      userId: undefined,
    })
    await withWorker(async (worker) => {
      // Friday 19:00 in Paris, cancellable online until Thursday 19:00: reminded two hours before that deadline.
      const arrived = await runUntil(worker, FRIDAY_EVENING, [email])
      expect(arrived).toEqual([{ to: email, at: '2026-11-26T16:00:00.000Z' }])
      expect(toZoned(new Date(arrived[0]!.at), 'Europe/Paris').minuteOfDay).toBe(17 * 60)
      const [reminder] = remindersTo(email)
      expect(reminder!.subject).toMatch(
        /^Rappel : Dégustation des vins de Loire, vendredi 27 novembre à 19:00 — /,
      )
      const text = plain(reminder!.text!)
      expect(text).toContain(
        'Pour mémoire : 2 places pour « Dégustation des vins de Loire », le vendredi 27 novembre à 19:00.',
      )
      expect(text).toContain('Annulez par le lien ci-dessous')
      const link = /(http:\/\/localhost\/inscriptions\/[0-9A-Z]+\?jeton=\S+)/.exec(text)![1]!
      expect(
        (await registrationOfLink(db(), registration.id, new URL(link).searchParams.get('jeton')!)).id,
      ).toBe(registration.id)
      expect(
        reminder!.attachments.find((a) => a.filename === 'evenement.ics')!.content.toString('utf8'),
      ).toContain('DTSTART:20261127T180000Z')
      // The link's secret is not kept in the outbox once the reminder is handled.
      const handled = await db()
        .selectFrom('outbox')
        .select(['payload', 'done_at'])
        .where('topic', '=', 'event.reminder')
        .where('key', 'like', `${registration.id}@%`)
        .execute()
      expect(handled.map((m) => [m.payload, m.done_at !== null])).toEqual([['null', true]])
    })
  })

  it('sends none to who unticked it, who cancelled or whose event was called off, and keeps no secret waiting for them', async () => {
    clock.set(MONDAY_MORNING)
    const { event } = await aTasting(db(), clock)
    const unticked = anEmail()
    const cancels = anEmail()
    await registerForEvent(mail.deps, event.id, {
      seats: 1,
      contact: contact(unticked),
      userId: undefined,
      wantsReminder: false,
    })
    const leaving = await registerForEvent(mail.deps, event.id, {
      seats: 1,
      contact: contact(cancels),
      userId: undefined,
    })
    expect(await pendingReminders(leaving.registration.id)).toHaveLength(1)
    await cancelRegistrationByLink(mail.deps, leaving.registration.id, leaving.linkToken)
    expect(await pendingReminders(leaving.registration.id)).toEqual([])

    const other = await aTasting(db(), clock)
    const calledOff = anEmail()
    const doomed = await registerForEvent(mail.deps, other.event.id, {
      seats: 1,
      contact: contact(calledOff),
      userId: undefined,
    })
    await cancelEvent(mail.deps, other.shopId, other.event.id)
    expect(await pendingReminders(doomed.registration.id)).toEqual([])
    await withWorker(async (worker) => {
      expect(await runUntil(worker, FRIDAY_EVENING, [unticked, cancels, calledOff])).toEqual([])
    })
  })

  it('puts a reminder that came due while the worker was down off to 08:00, and past the deadline says to call', async () => {
    clock.set(MONDAY_MORNING)
    const { event } = await aTasting(db(), clock)
    const email = anEmail()
    await registerForEvent(mail.deps, event.id, { seats: 1, contact: contact(email), userId: undefined })
    // Due Thursday 17:00 in Paris, but no worker runs until 22:00.
    clock.set('2026-11-26T21:00:00Z')
    await withWorker(async (worker) => {
      expect(await runUntil(worker, FRIDAY_EVENING, [email])).toEqual([
        { to: email, at: '2026-11-27T07:00:00.000Z' },
      ])
      const text = plain(remindersTo(email)[0]!.text!)
      expect(text).not.toContain('Annulez par le lien')
      expect(text).toContain('Voir votre inscription : http://localhost/inscriptions/')
    })
  })

  it('reminds whoever took a freed seat from the waitlist, with the link they used', async () => {
    clock.set(MONDAY_MORNING)
    const { event } = await aTasting(db(), clock, { capacity: 1 })
    const first = anEmail()
    const second = anEmail()
    const seated = await registerForEvent(mail.deps, event.id, {
      seats: 1,
      contact: contact(first),
      userId: undefined,
    })
    const waiting = await registerForEvent(mail.deps, event.id, {
      seats: 1,
      contact: contact(second),
      userId: undefined,
    })
    expect([waiting.registration.status, (await pendingReminders(waiting.registration.id)).length]).toEqual([
      'waiting',
      0,
    ])
    await cancelRegistrationByLink(mail.deps, seated.registration.id, seated.linkToken)
    await acceptOffer(mail.deps, waiting.registration.id, waiting.linkToken)
    await withWorker(async (worker) => {
      expect(await runUntil(worker, FRIDAY_EVENING, [first, second])).toEqual([
        { to: second, at: '2026-11-26T16:00:00.000Z' },
      ])
    })
  })

  it('asks on the event form, ticked by default, and a resident who unticks it is not reminded', async () => {
    clock.set(MONDAY_MORNING)
    const { event } = await aTasting(db(), clock)
    const visitor = new FormClient(server.baseUrl)
    const page = (await visitor.get(`/evenements/${event.id}`)).body
    expect(page).toContain('name="rappel" value="1" aria-describedby="f-rappel-hint" checked')
    const email = anEmail()
    // A box left unticked is not sent at all.
    const posted = await visitor.postForm(`/evenements/${event.id}`, {
      seats: '1',
      name: 'Lou',
      email,
      phone: '',
    })
    expect(posted.status).toBe(303)
    const id = /\/inscriptions\/([0-9A-Z]+)/.exec(posted.location!)![1]!
    expect(await pendingReminders(id)).toEqual([])
    const token = decodeURIComponent(/jeton=([^&]+)/.exec(posted.location!)![1]!)
    expect((await registrationOfLink(db(), id, token)).wantsReminder).toBe(false)
  })
})

import { expect, it } from 'vitest'
import { aTasting } from '../../test/factories/events.js'
import { MONDAY_MORNING } from '../../test/factories/ordering.js'
import { forEachEngine } from '../../test/harness/engines.js'
import { mailJobsForSuite } from '../../test/harness/journey-worker.js'
import { fixedClock } from '../lib/clock.js'
import { newSecretToken } from '../lib/secret-token.js'
import {
  acceptOffer,
  cancelRegistrationByLink,
  getRegistration,
  registerForEvent,
} from '../modules/events/index.js'
import { startWorker } from './worker.js'

forEachEngine('event emails: seats, waitlist offers and their links (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const mail = mailJobsForSuite(db, clock)

  const anEmail = () => `invite-${newSecretToken().slice(0, 8).toLowerCase()}@example.fr`
  const mailsTo = (email: string) => mail.smtp.to(email)
  const linkIn = (text: string) =>
    new URL(/(http:\/\/localhost\/inscriptions\/[0-9A-Z]+\?jeton=\S+)/.exec(text)![1]!)
  const register = (eventId: string, email: string, seats = 1) =>
    registerForEvent(mail.deps, eventId, {
      seats,
      contact: { name: 'Noé Petit', email, phone: '' },
      userId: undefined,
    })

  it('seats with a calendar file, puts the next on the waitlist, offers the freed seat by email, and the offer’s link takes it', async () => {
    clock.set(MONDAY_MORNING)
    const { event } = await aTasting(db(), clock, { capacity: 2 })
    const [anna, ben] = [anEmail(), anEmail()]
    const seated = await register(event.id, anna, 2)
    const waiting = await register(event.id, ben, 2)
    const worker = startWorker(mail.deps, { pollMs: 60_000 })
    try {
      await worker.drain()
      const [confirmation] = mailsTo(anna)
      expect(confirmation!.subject).toMatch(
        /^Inscription confirmée : Dégustation des vins de Loire, vendredi 27 novembre à 19:00 — /,
      )
      expect(confirmation!.text).toContain('2 places')
      expect(confirmation!.text).toContain('30,00')
      const calendar = confirmation!.attachments
        .find((a) => a.filename === 'evenement.ics')!
        .content.toString('utf8')
      for (const line of [
        'METHOD:PUBLISH',
        `UID:${seated.registration.id}@comptoir`,
        'DTSTART:20261127T180000Z',
        'DTEND:20261127T200000Z',
      ])
        expect(calendar).toContain(line)
      expect(linkIn(confirmation!.text!).searchParams.get('jeton')).toBe(seated.linkToken)
      // The HTML part is paragraphs, not escaped tags.
      expect(confirmation!.html).toContain(
        '<p>Votre inscription à « Dégustation des vins de Loire » est confirmée',
      )
      expect(confirmation!.html).not.toContain('&lt;p&gt;')

      const [inLine] = mailsTo(ben)
      expect(inLine!.subject).toMatch(/^Liste d’attente : Dégustation/)
      expect(inLine!.text).toContain('Vous êtes le prochain ou la prochaine sur la liste.')
      expect(inLine!.attachments).toHaveLength(0)

      // Anna cancels by her link: Ben is offered the two seats, with a link of its own that takes them.
      await cancelRegistrationByLink(mail.deps, seated.registration.id, seated.linkToken)
      await worker.drain()
      expect(mailsTo(anna).map((m) => (m.subject ?? '').split(' :')[0])).toEqual([
        'Inscription confirmée',
        'Inscription annulée',
      ])
      const offer = mailsTo(ben)[1]!
      expect(offer.subject).toMatch(/^Une place s’est libérée : /)
      expect(offer.text).toContain('2 places vous sont gardées jusqu’au lundi 23 novembre à 21:00')
      const offerLink = linkIn(offer.text!)
      expect(
        (await acceptOffer(mail.deps, waiting.registration.id, offerLink.searchParams.get('jeton')!)).status,
      ).toBe('seated')
      await worker.drain()
      const taken = mailsTo(ben)[2]!
      expect(taken.subject).toMatch(/^Inscription confirmée : /)
      expect(taken.attachments.map((a) => a.filename)).toEqual(['evenement.ics'])
      expect(mailsTo(ben)).toHaveLength(3)
    } finally {
      await worker.stop()
    }
  })

  it('when an offer is not taken in time, tells that person once and offers the seat to the next', async () => {
    clock.set(MONDAY_MORNING)
    const { event } = await aTasting(db(), clock, { capacity: 1, offerHours: 2 })
    const [first, second, third] = [anEmail(), anEmail(), anEmail()]
    const seated = await register(event.id, first)
    const late = await register(event.id, second)
    const next = await register(event.id, third)
    const worker = startWorker(mail.deps, { pollMs: 60_000 })
    try {
      await cancelRegistrationByLink(mail.deps, seated.registration.id, seated.linkToken)
      await worker.drain()
      expect((await getRegistration(db(), late.registration.id)).status).toBe('offered')
      clock.set('2026-11-23T10:00:00.000Z')
      await worker.drain()
      expect((await getRegistration(db(), late.registration.id)).status).toBe('expired')
      expect(mailsTo(second).map((m) => (m.subject ?? '').split(' :')[0])).toEqual([
        'Liste d’attente',
        'Une place s’est libérée',
        'Offre expirée',
      ])
      expect(mailsTo(third).map((m) => (m.subject ?? '').split(' :')[0])).toEqual([
        'Liste d’attente',
        'Une place s’est libérée',
      ])
      expect((await getRegistration(db(), next.registration.id)).status).toBe('offered')
    } finally {
      await worker.stop()
    }
  })
})

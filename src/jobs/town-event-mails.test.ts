import { expect, it } from 'vitest'
import { aTownEvent } from '../../test/factories/events.js'
import { MONDAY_MORNING } from '../../test/factories/ordering.js'
import { forEachEngine } from '../../test/harness/engines.js'
import { mailJobsForSuite } from '../../test/harness/journey-worker.js'
import { fixedClock } from '../lib/clock.js'
import { newSecretToken } from '../lib/secret-token.js'
import { cancelEvent, cancelRegistrationByShop, registerForEvent, TOWN } from '../modules/events/index.js'
import { startWorker } from './worker.js'

forEachEngine(
  'town event emails: signed by the town, at the event’s place, on the town’s clock (issue #5 item 3)',
  ({ db }) => {
    const clock = fixedClock(MONDAY_MORNING)
    const mail = mailJobsForSuite(db, clock)

    const anEmail = () => `invite-${newSecretToken().slice(0, 8).toLowerCase()}@example.fr`
    const register = (eventId: string, email: string) =>
      registerForEvent(mail.deps, eventId, {
        seats: 1,
        contact: { name: 'Noé Petit', email, phone: '' },
        userId: undefined,
      })

    it('confirms with the organiser and the place, waitlists, offers a freed seat, and tells of the event called off', async () => {
      clock.set(MONDAY_MORNING)
      const event = await aTownEvent(db(), clock, { capacity: 1, seatsPerPerson: 1 })
      const [anna, ben, chloe] = [anEmail(), anEmail(), anEmail()]
      const seated = await register(event.id, anna)
      await register(event.id, ben)
      await register(event.id, chloe)
      const worker = startWorker(mail.deps, { pollMs: 60_000 })
      try {
        await worker.drain()
        const [confirmation] = mail.smtp.to(anna)
        // 17:00 UTC is 18:00 in Paris.
        expect(confirmation!.subject).toBe(
          'Inscription confirmée : Soirée des commerçants, samedi 28 novembre à 18:00 — Les commerces de la ville',
        )
        expect(confirmation!.text).toContain('Lieu : Les commerces de la ville, Place du marché')
        expect(confirmation!.text).toContain('Prix : Gratuit')
        const calendar = confirmation!.attachments
          .find((a) => a.filename === 'evenement.ics')!
          .content.toString('utf8')
        expect(calendar).toContain('LOCATION:Les commerces de la ville\\, Place du marché')
        expect(mail.smtp.to(ben)[0]!.subject).toBe(
          'Liste d’attente : Soirée des commerçants, samedi 28 novembre à 18:00 — Les commerces de la ville',
        )

        // The coordinator cancels Anna's registration: Ben is offered her seat; then the event is called off.
        await cancelRegistrationByShop(mail.deps, TOWN, seated.registration.id)
        await worker.drain()
        expect(mail.smtp.to(anna)[1]!.text).toContain(
          'Les commerces de la ville ont annulé votre inscription à « Soirée des commerçants » du samedi 28 novembre à 18:00.',
        )
        expect(mail.smtp.to(ben)[1]!.subject).toMatch(
          /^Une place s’est libérée : Soirée des commerçants, .* — Les commerces de la ville$/,
        )
        await cancelEvent(mail.deps, TOWN, event.id)
        await worker.drain()
        for (const email of [ben, chloe]) {
          const last = mail.smtp.to(email).at(-1)!
          expect(last.subject).toBe(
            'Inscription annulée : Soirée des commerçants, samedi 28 novembre à 18:00 — Les commerces de la ville',
          )
          expect(last.text).toContain(
            'Les commerces de la ville ont annulé l’événement « Soirée des commerçants »',
          )
        }
      } finally {
        await worker.stop()
      }
    })
  },
)
